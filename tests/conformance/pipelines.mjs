// Checks generated CI pipelines with the CI services' own parsers: GitHub's @actions/workflow-parser (the schema and
// expression checks behind github.com's workflow editor) for .github/workflows files, CircleCI's
// @circleci/circleci-config-parser for .circleci files. Prints every error as `<file>: <message>`; exits 1 on any.
//
//   node pipelines.mjs [--json] <file>...
import { register } from 'node:module';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

// Before the parser is imported: its schema imports need the JSON import attribute (see the hook).
register('./lib/json-import-attribute.mjs', import.meta.url);
const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } = await import('@actions/workflow-parser');
const circleci = (await import('@circleci/circleci-config-parser')).default;

/** Errors of a GitHub workflow: parse (YAML, schema, expressions), then conversion (job graph, needs, matrix). */
export async function githubErrors(name, content) {
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  if (errors.length === 0 && parsed.value) {
    const template = await convertWorkflowTemplate(parsed.context, parsed.value);
    errors.push(...(template.errors ?? []).map((e) => e.Message));
  }
  return [...new Set(errors)];
}

/** Errors of a CircleCI config. The parser stops at its first error; the checks after it cover what its schema leaves open. */
export function circleciErrors(content) {
  let config;
  try {
    config = circleci.parseConfig(content);
  } catch (e) {
    return [String(e.message ?? e).split('\n').map((l) => l.trim()).filter(Boolean).join(' ')];
  }
  const errors = [];
  const raw = (/^version:\s*(\S+)\s*$/m.exec(content) ?? [])[1];
  if (raw !== '2.1') errors.push(`version must be 2.1 (is ${raw ?? 'missing'})`);
  for (const workflow of config.workflows ?? []) {
    const names = new Set(workflow.jobs.map((j) => j.parameters?.name ?? j.name));
    for (const job of workflow.jobs) {
      for (const required of job.parameters?.requires ?? []) {
        if (!names.has(required)) errors.push(`workflow ${workflow.name}: ${job.name} requires ${required}, which is not in the workflow`);
      }
    }
  }
  return errors;
}

export async function check(file) {
  const content = readFileSync(file, 'utf8');
  const errors = file.includes('.circleci') || basename(file).startsWith('circleci')
    ? circleciErrors(content)
    : await githubErrors(basename(file), content);
  return { file, ok: errors.length === 0, errors };
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const files = args.filter((a) => a !== '--json');
  if (files.length === 0) {
    console.error('usage: node pipelines.mjs [--json] <file>...');
    process.exit(2);
  }
  const results = [];
  for (const file of files) results.push(await check(file));
  if (json) {
    console.log(JSON.stringify({ pipelines: results }, null, 2));
  } else {
    for (const r of results) {
      for (const e of r.errors) console.log(`${r.file}: ${e}`);
      if (r.ok) console.log(`${r.file}: ok`);
    }
  }
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}

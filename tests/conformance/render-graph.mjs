// Renders a page written by `graph --format html` in headless Chromium, driven by playwright-core, and checks that
// Mermaid drew it: no Mermaid error diagram, no console error, no uncaught page error, and every expected logical name
// is one line of the drawing's text. Saves a full-page screenshot. Prints one JSON object:
// {ok, status, errors: [...], missing: [...], nodes, width, height}; exits 0 when ok, 1 when not, 2 on bad usage.
//
//   node render-graph.mjs <page.html> <screenshot.png> <names.json>
//
// names.json is a JSON array of the logical names the drawing must show. CHROMIUM overrides /usr/bin/chromium.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [page, screenshot, namesFile] = process.argv.slice(2);
if (!page || !screenshot || !namesFile) {
  console.error('usage: node render-graph.mjs <page.html> <screenshot.png> <names.json>');
  process.exit(2);
}

const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`${executablePath} not found: install Chromium (apt-get install -y chromium) or set CHROMIUM`);
  process.exit(2);
}

const { chromium } = await import('playwright-core');
const names = JSON.parse(readFileSync(namesFile, 'utf8'));
// A fresh profile per run: nothing cached or remembered from an earlier render can make this one pass.
const userDataDir = mkdtempSync(join(tmpdir(), 'mldeploy-chromium-'));
const errors = [];
let result;
try {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    // No network services, no GPU, no sandbox (containers and CI runners lack the user namespaces it needs).
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1600, height: 1000 },
  });
  try {
    const tab = context.pages()[0] ?? (await context.newPage());
    tab.on('console', (message) => { if (message.type() === 'error') errors.push(`console: ${message.text()}`); });
    tab.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    // The page must need nothing but itself: any request other than the file is an error.
    tab.on('request', (request) => { if (!request.url().startsWith('file:') && !request.url().startsWith('data:')) errors.push(`request: ${request.url()}`); });
    await tab.goto(pathToFileURL(resolve(page)).href);
    await tab.waitForFunction(() => document.body.dataset.status !== 'loading', null, { timeout: 180000, polling: 100 });
    const drawn = await tab.evaluate(() => {
      const svg = document.querySelector('#graph svg');
      const lines = [];
      if (svg) {
        // Each node's and box's label, line by line (the page joins a node's lines with <br/>); a label drawn as SVG
        // text rather than HTML is one line per text element.
        for (const label of svg.querySelectorAll('.nodeLabel, text')) {
          for (const line of (label.innerText ?? label.textContent).split('\n')) lines.push(line.trim());
        }
      }
      const box = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
      return {
        status: document.body.dataset.status,
        error: document.getElementById('error').textContent,
        // Mermaid draws a syntax error as a diagram of its own ("Syntax error in text").
        errorDiagram: !!document.querySelector('svg[aria-roledescription="error"]') || lines.some((l) => /syntax error/i.test(l)),
        nodes: svg ? svg.querySelectorAll('g.node').length : 0,
        lines,
        width: Math.round(box.width),
        height: Math.round(box.height),
      };
    });
    if (drawn.status !== 'rendered') errors.push(`status ${drawn.status}: ${drawn.error}`);
    if (drawn.errorDiagram) errors.push('Mermaid drew its error diagram');
    const lineSet = new Set(drawn.lines);
    const missing = names.filter((name) => !lineSet.has(name));
    await tab.screenshot({ path: screenshot, fullPage: true });
    result = { ok: errors.length === 0 && missing.length === 0 && drawn.nodes >= names.length, status: drawn.status, errors, missing, nodes: drawn.nodes, width: drawn.width, height: drawn.height };
  } finally {
    await context.close();
  }
} finally {
  rmSync(userDataDir, { recursive: true, force: true });
}

console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);

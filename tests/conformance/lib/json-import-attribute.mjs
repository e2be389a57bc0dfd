// Module loader hook for pipelines.mjs. @actions/workflow-parser 0.3.61 imports its JSON schemas without an import
// attribute (`import WorkflowSchema from "../workflow-v1.0.min.json"`), which Node 20 refuses with
// ERR_IMPORT_ASSERTION_TYPE_MISSING. Loading a .json URL that arrives without one as `type: 'json'` is what the
// attribute would say; nothing else is changed, so the parser runs as published.
export async function load(url, context, next) {
  if (url.endsWith('.json') && context.importAttributes?.type === undefined) {
    return next(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
  }
  return next(url, context);
}

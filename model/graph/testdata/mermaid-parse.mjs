// Parses Mermaid files with Mermaid's own parser (the mermaid package of
// npm, with jsdom for the DOM it expects): node mermaid-parse.mjs FILE...
// prints "ok FILE" or "FAIL FILE: error" for each and exits 1 on a failure.
// Run from a directory whose node_modules holds mermaid and jsdom; see
// TestMermaidParses.
import fs from 'fs';
import { createRequire } from 'module';
import { pathToFileURL } from 'url';

// The packages are looked up from the working directory, not from here.
const require = createRequire(process.cwd() + '/');
const { JSDOM } = require('jsdom');
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import(pathToFileURL(require.resolve('mermaid')).href);

let failed = 0;
for (const file of process.argv.slice(2)) {
  try {
    await mermaid.parse(fs.readFileSync(file, 'utf8'));
    console.log('ok', file);
  } catch (e) {
    failed++;
    console.log('FAIL', file + ':', String((e && e.message) || e));
  }
}
process.exit(failed ? 1 : 0);

// Renders the OpenAPI document as one HTML page (Redoc, through
// @redocly/cli build-docs) that needs nothing from the network: Redoc's
// script, which build-docs loads from a CDN, is put inline.
//
//   node render.cjs OPENAPI_JSON OUT_HTML
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const [openapi, out] = process.argv.slice(2);
const modules = process.env.NODE_PATH;
execFileSync(path.join(modules, '.bin', 'redocly'),
  ['build-docs', openapi, '-o', out, '--title', 'vendormatch API', '--disableGoogleFont'],
  { stdio: ['ignore', 'ignore', 'inherit'] });
const script = fs.readFileSync(path.join(modules, 'redoc', 'bundles', 'redoc.standalone.js'), 'utf8')
  .replace(/<\/script/gi, '<\\/script');
const html = fs.readFileSync(out, 'utf8');
const cdn = /<script src="https:\/\/cdn\.redocly\.com\/[^"]*redoc\.standalone\.js"><\/script>/;
if (!cdn.test(html)) {
  console.error('render.cjs: build-docs no longer loads Redoc from its CDN; check the page');
  process.exit(1);
}
fs.writeFileSync(out, html.replace(cdn, () => `<script>${script}</script>`));

// Renders every bpmn/*.bpmn to docs/models/<name>.png for the README.
//
//   cd docs/models/render && npm ci && node render.mjs
//
// bpmn-js (the renderer of Camunda Modeler and Cockpit) draws each model in headless Chromium
// and exports it with saveSVG(), which crops to the diagram. The SVG is then shot on white,
// with a small margin, at a device scale factor of 2, and written by sharp as a palette PNG to stay small.
// Chromium: /usr/bin/chromium (Debian's package), or set CHROMIUM to another binary.

import { readdir, readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import sharp from 'sharp';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..', '..');
const modelsDir = join(repo, 'bpmn');
const outDir = resolve(here, '..');
const require = createRequire(import.meta.url);
const viewerScript = require.resolve('bpmn-js/dist/bpmn-viewer.production.min.js');
const viewerCss = [
  require.resolve('bpmn-js/dist/assets/diagram-js.css'),
  require.resolve('bpmn-js/dist/assets/bpmn-js.css')
];

const MARGIN = 16; // CSS px of white around the diagram's bounding box
const SCALE = 2; // device scale factor, for sharp labels when the picture opens full size

const userDataDir = await mkdtemp(join(tmpdir(), 'ccmt-render-'));
// a fresh profile (Playwright passes it to Chromium as --user-data-dir)
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'
  ],
  deviceScaleFactor: SCALE,
  viewport: { width: 1600, height: 1000 }
});

try {
  const models = (await readdir(modelsDir)).filter(name => name.endsWith('.bpmn')).sort();
  if (models.length === 0) {
    throw new Error(`no models in ${modelsDir}`);
  }
  for (const model of models) {
    const xml = await readFile(join(modelsDir, model), 'utf8');
    const target = join(outDir, basename(model, '.bpmn') + '.png');
    const { width, height } = await render(xml, target);
    console.log(`${model} -> ${target} (${width} x ${height} px)`);
  }
} finally {
  await context.close();
  await rm(userDataDir, { recursive: true, force: true });
}

async function render(xml, target) {
  const page = await context.newPage();
  try {
    await page.setContent(
      '<!doctype html><html><head><meta charset="utf-8"></head>' +
      '<body style="margin:0;background:#fff"><div id="canvas" style="width:1600px;height:1000px"></div></body></html>'
    );
    for (const path of viewerCss) {
      await page.addStyleTag({ path });
    }
    await page.addScriptTag({ path: viewerScript });

    const size = await page.evaluate(async ({ xml, margin }) => {
      const viewer = new window.BpmnJS({ container: '#canvas' });
      const { warnings } = await viewer.importXML(xml);
      if (warnings.length) {
        console.warn(warnings.map(w => w.message).join('\n'));
      }
      const { svg } = await viewer.saveSVG();
      viewer.destroy();

      document.body.innerHTML =
        `<div id="picture" style="display:inline-block;padding:${margin}px;background:#fff">${svg.replace(/^[\s\S]*?(<svg)/, '$1')}</div>`;
      const picture = document.getElementById('picture');
      const svgElement = picture.querySelector('svg');
      svgElement.style.display = 'block';
      const { width, height } = picture.getBoundingClientRect();
      return { width: Math.ceil(width), height: Math.ceil(height) };
    }, { xml, margin: MARGIN });

    await page.setViewportSize(size);
    const shot = await page.locator('#picture').screenshot({ omitBackground: false });

    // a palette of 256 colours keeps the thin lines and anti-aliased labels, at a fraction of the size
    const png = await sharp(shot)
      .flatten({ background: '#ffffff' })
      .png({ palette: true, colours: 256, quality: 100, dither: 0, compressionLevel: 9, effort: 10 })
      .toBuffer();
    await writeFile(target, png);
    return { width: size.width * SCALE, height: size.height * SCALE };
  } finally {
    await page.close();
  }
}

// Renders every bpmn/*.bpmn to pictures in docs/models/ for the README.
//
//   cd docs/models/render && npm ci && node render.mjs      (scripts/screenshots.sh does this too)
//
// bpmn-js (the renderer of Camunda Modeler and Cockpit) draws each model in headless Chromium
// and exports it with saveSVG(). The SVG is shot on white, with a small margin, at a device scale
// factor of 2, and written by sharp as a palette PNG to stay small.
//
// A model that fits in PART_WIDTH CSS px is one picture, docs/models/<name>.png. A wider one would
// be unreadable at README width (about 900 px: weeklyRelease is over 5,000 px wide), so it is cut
// into parts, left to right, docs/models/<name>-1.png, -2.png …, each at most PART_WIDTH wide, so
// that a 12 px task label is still 11 px or more when the README shows the part at 900 px.
// A cut runs between elements, never through one: every task, event, gateway, data object,
// annotation and label (their bounding boxes from bpmn-js's element registry) is drawn whole in
// exactly one part, with its label and boundary events. Where white space runs from top to bottom
// the cut is a straight line through it; where the layout is staggered, a part hides the elements
// of its neighbours that fall inside its box, so the cut steps around them. Among the cuts giving
// the fewest parts, those that are straight, then those that cross no subprocess, then those
// giving parts of even width are chosen. Only sequence flows run across a cut (they are drawn to
// the part's edge); a subprocess cut in two shows its frame and its name in both parts, and one
// that holds none of a part's elements is not drawn in it. Each part is cropped
// to the height of what it shows.
//
// Pictures in docs/models/ that this run did not write (a model renamed, or now cut differently)
// are deleted. For each part the elements it shows are printed, first to last, to write its
// caption in the README.
// Chromium: /usr/bin/chromium (Debian's package), or set CHROMIUM to another binary.

import { readdir, readFile, writeFile, mkdtemp, rm, unlink } from 'node:fs/promises';
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
const README_WIDTH = 900; // CSS px the README shows a picture at, at most
const PART_WIDTH = 980; // CSS px: 12 px labels at README_WIDTH / PART_WIDTH stay at 11 px or more
const CLEARANCE = 3; // CSS px of white a straight cut keeps from every element it passes

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
  const written = new Set();
  for (const model of models) {
    const xml = await readFile(join(modelsDir, model), 'utf8');
    const parts = await render(xml, basename(model, '.bpmn'));
    for (const part of parts) {
      written.add(part.file);
      const shownAt = Math.min(README_WIDTH, part.width / SCALE);
      console.log(`${model} -> docs/models/${part.file} (${part.width} x ${part.height} px, ` +
        `12 px labels at ${(12 * shownAt / (part.width / SCALE)).toFixed(1)} px in the README)`);
      if (parts.length > 1) {
        console.log(`    shows: ${part.names.join(' | ')}`);
      }
    }
  }
  for (const name of await readdir(outDir)) {
    if (name.endsWith('.png') && !written.has(name)) {
      await unlink(join(outDir, name));
      console.log(`deleted stale docs/models/${name}`);
    }
  }
} finally {
  await context.close();
  await rm(userDataDir, { recursive: true, force: true });
}

async function render(xml, name) {
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
    const layout = await page.evaluate(layoutOf, xml);
    const parts = partsOf(layout);
    const pictures = [];
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      const file = parts.length === 1 ? `${name}.png` : `${name}-${i + 1}.png`;
      const size = await page.evaluate(showPart, { xml, part: { ...part, shown: [...part.shown] } });
      await page.setViewportSize({ width: Math.max(size.width, 100), height: Math.max(size.height, 100) });
      const shot = await page.locator('#canvas').screenshot({ omitBackground: false });
      // a palette of 256 colours keeps the thin lines and anti-aliased labels, at a fraction of the size
      const png = await sharp(shot)
        .flatten({ background: '#ffffff' })
        .png({ palette: true, colours: 256, quality: 100, dither: 0, compressionLevel: 9, effort: 10 })
        .toBuffer();
      await writeFile(join(outDir, file), png);
      const names = layout.elements
        .filter(e => part.shown.has(e.id) && !e.label && !e.container && e.name)
        .sort((a, b) => a.x - b.x || a.y - b.y)
        .map(e => e.name.replace(/\s+/g, ' '));
      pictures.push({ file, width: size.width * SCALE, height: size.height * SCALE, names });
    }
    return pictures;
  } finally {
    await page.close();
  }
}

// In the page: the model's elements (bounding boxes from bpmn-js's element registry) and flows.
async function layoutOf(xml) {
  const viewer = new window.BpmnJS({ container: '#canvas' });
  const { warnings } = await viewer.importXML(xml);
  if (warnings.length) {
    console.warn(warnings.map(w => w.message).join('\n'));
  }
  const elements = [];
  const flows = [];
  for (const element of viewer.get('elementRegistry').getAll()) {
    if (!element.parent) {
      continue; // the root (process) element
    }
    const bo = element.businessObject;
    if (element.waypoints) {
      flows.push({
        id: element.id, source: element.source && element.source.id, target: element.target && element.target.id,
        points: element.waypoints.map(({ x, y }) => ({ x, y }))
      });
      continue;
    }
    const type = element.type;
    const container = type === 'bpmn:Participant' || type === 'bpmn:Lane' || type === 'bpmn:Group' ||
      (type === 'bpmn:SubProcess' && !!element.children && element.children.length > 0);
    // a label and a boundary event go wherever the element they belong to goes
    const owner = (element.labelTarget && element.labelTarget.id) || (element.host && element.host.id) || element.id;
    elements.push({
      id: element.id, owner, x: element.x, y: element.y, width: element.width, height: element.height,
      container, label: type === 'label', name: type === 'label' ? '' : (bo && bo.name) || ''
    });
  }
  viewer.destroy();
  return { elements, flows };
}

// In the page: draws one part (its elements, the flows that touch them, the subprocesses around
// them) at scale 1 in a picture of the part's size, and returns that size in CSS px.
async function showPart({ xml, part }) {
  const shown = new Set(part.shown);
  const width = Math.ceil(part.right - part.left);
  const height = Math.ceil(part.bottom - part.top);
  document.body.innerHTML = '<div id="canvas" style="width:1600px;height:1000px"></div>';
  const viewer = new window.BpmnJS({ container: '#canvas' });
  await viewer.importXML(xml);
  const registry = viewer.get('elementRegistry');
  for (const element of registry.getAll()) {
    if (!element.parent) {
      continue;
    }
    const visible = shown.has(element.id) ||
      (element.waypoints && (shown.has(element.source && element.source.id) || shown.has(element.target && element.target.id))) ||
      (element.type === 'label' && element.labelTarget && element.labelTarget.waypoints &&
        (shown.has(element.labelTarget.source && element.labelTarget.source.id) ||
          shown.has(element.labelTarget.target && element.labelTarget.target.id)));
    if (!visible) {
      registry.getGraphics(element).style.display = 'none';
    }
  }
  // a subprocess drawn in this part only for others' elements would be an empty frame; one the part
  // cuts keeps its name over the part of it that shows
  const inside = (e, c) => e.x >= c.x && e.x + e.width <= c.x + c.width && e.y >= c.y && e.y + e.height <= c.y + c.height;
  for (const container of registry.getAll().filter(e => part.containers.includes(e.id))) {
    const gfx = registry.getGraphics(container);
    const holds = registry.getAll().some(e => shown.has(e.id) && !part.containers.includes(e.id) && inside(e, container));
    if (!holds) {
      gfx.style.display = 'none';
      continue;
    }
    const label = gfx.querySelector('text.djs-label');
    if (!label) {
      continue;
    }
    const from = Math.max(0, part.left - container.x + 8);
    const to = Math.min(container.width, part.right - container.x - 8);
    const box = label.getBBox();
    if (box.x >= from && box.x + box.width <= to) {
      continue;
    }
    const dx = (box.width < to - from ? (from + to - box.width) / 2 : from) - box.x;
    for (const tspan of label.querySelectorAll('tspan')) {
      tspan.setAttribute('x', Number(tspan.getAttribute('x')) + dx);
    }
  }
  // the export, not the live canvas: it is the diagram alone, drawn by the same renderer
  const { svg } = await viewer.saveSVG();
  viewer.destroy();
  document.body.innerHTML = `<div id="canvas" style="width:${width}px;height:${height}px;background:#fff">` +
    svg.replace(/^[\s\S]*?(<svg)/, '$1') + '</div>';
  const picture = document.querySelector('#canvas svg');
  picture.setAttribute('width', width);
  picture.setAttribute('height', height);
  picture.setAttribute('viewBox', `${part.left} ${part.top} ${width} ${height}`);
  picture.style.display = 'block';
  return { width, height };
}

// The parts a model is cut into: each the ids it shows and its box (diagram coordinates, margin
// included). One part when the model fits in PART_WIDTH.
function partsOf(layout) {
  const solids = layout.elements.filter(e => !e.container);
  const containers = layout.elements.filter(e => e.container);
  const box = boxOf(layout, solids.map(e => e.id), containers);
  if (box.right - box.left <= PART_WIDTH) {
    return [{ shown: new Set(layout.elements.map(e => e.id)), containers: [], ...box }];
  }
  // elements are taken in order of the centre of what they own (the element, its label, its boundary events)
  const owners = new Map();
  for (const e of solids) {
    const group = owners.get(e.owner) || { id: e.owner, ids: [], left: Infinity, right: -Infinity };
    group.ids.push(e.id);
    group.left = Math.min(group.left, e.x);
    group.right = Math.max(group.right, e.x + e.width);
    owners.set(e.owner, group);
  }
  const main = new Map(solids.map(e => [e.id, e]));
  const centre = g => {
    const e = main.get(g.id);
    return e ? e.x + e.width / 2 : (g.left + g.right) / 2;
  };
  const groups = [...owners.values()].sort((a, b) => centre(a) - centre(b));
  const n = groups.length;
  const extent = (i, j) => { // groups i … j-1
    let left = Infinity;
    let right = -Infinity;
    for (let k = i; k < j; k++) {
      left = Math.min(left, groups[k].left);
      right = Math.max(right, groups[k].right);
    }
    return { left: left - MARGIN, right: right + MARGIN };
  };
  // fewest parts first; then fewest cuts that are not a straight line through white space;
  // then fewest subprocesses cut; then the most even widths
  const best = new Array(n + 1).fill(null);
  best[0] = { cost: [0, 0, 0, 0], previous: -1, extent: null };
  for (let j = 1; j <= n; j++) {
    for (let i = 0; i < j; i++) {
      if (!best[i]) {
        continue;
      }
      const e = extent(i, j);
      const width = e.right - e.left;
      if (width > PART_WIDTH && j - i > 1) {
        continue;
      }
      const before = best[i].extent;
      const bent = before && before.right - MARGIN + CLEARANCE > e.left + MARGIN ? 1 : 0;
      const cut = before ? (before.right + e.left) / 2 : null;
      const crossed = cut === null ? 0 : containers.filter(c => c.x < cut && cut < c.x + c.width).length;
      const cost = [best[i].cost[0] + 1, best[i].cost[1] + bent, best[i].cost[2] + crossed,
        best[i].cost[3] + (PART_WIDTH - width) ** 2];
      if (!best[j] || less(cost, best[j].cost)) {
        best[j] = { cost, previous: i, extent: e };
      }
    }
  }
  const ranges = [];
  for (let j = n; j > 0; j = best[j].previous) {
    ranges.unshift([best[j].previous, j]);
  }
  return ranges.map(([i, j]) => {
    const ids = groups.slice(i, j).flatMap(g => g.ids);
    return {
      shown: new Set([...ids, ...containers.map(c => c.id)]), containers: containers.map(c => c.id),
      ...boxOf(layout, ids, containers)
    };
  });
}

function less(a, b) {
  for (let k = 0; k < a.length; k++) {
    if (a[k] !== b[k]) {
      return a[k] < b[k];
    }
  }
  return false;
}

// The box around some elements, the flows that touch them and the subprocesses that hold them.
function boxOf(layout, ids, containers) {
  const shown = new Set(ids);
  const xs = [];
  const ys = [];
  for (const e of layout.elements) {
    if (shown.has(e.id)) {
      xs.push(e.x, e.x + e.width);
      ys.push(e.y, e.y + e.height);
    }
  }
  const [left, right] = [Math.min(...xs), Math.max(...xs)];
  for (const c of containers) {
    const holds = layout.elements.some(e => shown.has(e.id) && e.x >= c.x && e.x + e.width <= c.x + c.width &&
      e.y >= c.y && e.y + e.height <= c.y + c.height);
    if (holds) {
      ys.push(c.y, c.y + c.height);
      xs.push(Math.max(c.x, left - MARGIN), Math.min(c.x + c.width, right + MARGIN));
    }
  }
  for (const flow of layout.flows) {
    if (!shown.has(flow.source) && !shown.has(flow.target)) {
      continue;
    }
    for (const p of flow.points) {
      if (p.x >= left && p.x <= right) {
        ys.push(p.y);
      }
    }
  }
  return {
    left: Math.min(...xs) - MARGIN, right: Math.max(...xs) + MARGIN,
    top: Math.min(...ys) - MARGIN, bottom: Math.max(...ys) + MARGIN
  };
}

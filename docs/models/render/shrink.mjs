// Rewrites every PNG in a folder as a palette PNG (256 colours, no dithering), for the README's
// screenshots: a browser's screenshot of a web page has few colours, so this keeps it sharp at a
// fraction of the size. A picture that would not get smaller is left as it is.
//
//   node shrink.mjs ../../images          (scripts/screenshots.sh does this)

import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import sharp from 'sharp';

const folder = resolve(process.argv[2] || '../../images');
let before = 0;
let after = 0;
for (const name of (await readdir(folder)).filter(n => n.endsWith('.png')).sort()) {
  const file = join(folder, name);
  const original = await readFile(file);
  const smaller = await sharp(original)
    .flatten({ background: '#ffffff' })
    .png({ palette: true, colours: 256, quality: 100, dither: 0, compressionLevel: 9, effort: 10 })
    .toBuffer();
  const kept = smaller.length < original.length ? smaller : original;
  if (kept === smaller) {
    await writeFile(file, smaller);
  }
  before += original.length;
  after += kept.length;
  console.log(`${name}: ${original.length} -> ${kept.length} bytes`);
}
console.log(`${folder}: ${before} -> ${after} bytes`);

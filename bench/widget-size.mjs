#!/usr/bin/env node
// Widget size: the loader every customer page downloads (`/widget.js`) and the chat app loaded into the
// iframe, raw and gzipped (level 9, what a typical server sends). Builds the widget first.
// Usage: node bench/widget-size.mjs [--no-build]. Prints JSON and appends a dated section to BENCHMARKS.md.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.join(root, 'packages/widget/dist');
const LOADER_TARGET_KB = 15;

if (!process.argv.includes('--no-build')) {
  execSync('npm run build -w packages/widget', { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

const sizeOf = (files) => {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const data = fs.readFileSync(file);
    raw += data.length;
    gzip += zlib.gzipSync(data, { level: 9 }).length;
  }
  return { rawKb: +(raw / 1024).toFixed(2), gzipKb: +(gzip / 1024).toFixed(2) };
};
const walk = (dir) =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));

const loader = sizeOf([path.join(dist, 'widget.js')]);
const frame = sizeOf(walk(path.join(dist, 'frame')));
const machine = `${os.cpus()[0].model}, ${os.cpus().length} cores, Node ${process.version}`;
const date = new Date().toISOString().slice(0, 10);
const result = {
  benchmark: 'widget-size',
  date,
  machine,
  loader: { ...loader, targetGzipKb: LOADER_TARGET_KB, met: loader.gzipKb <= LOADER_TARGET_KB },
  frame,
};
console.log(JSON.stringify(result, null, 2));

const lines = [
  '',
  `### Widget size — ${date}`,
  '',
  `Machine: ${machine}. Command: \`node bench/widget-size.mjs\` (gzip level 9).`,
  '',
  '| part | loaded by | raw | gzipped |',
  '| ---- | --------- | --: | ------: |',
  `| loader \`/widget.js\` | every page with the snippet | ${loader.rawKb} KB | ${loader.gzipKb} KB ${result.loader.met ? '✓' : '✗'} (≤ ${LOADER_TARGET_KB} KB) |`,
  `| chat app (iframe: HTML, JS, CSS) | once, in the background, cached | ${frame.rawKb} KB | ${frame.gzipKb} KB |`,
  '',
];
fs.appendFileSync(path.join(root, 'BENCHMARKS.md'), lines.join('\n'));

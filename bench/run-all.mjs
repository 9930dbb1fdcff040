#!/usr/bin/env node
// Runs every benchmark in this folder in turn (each prints JSON and appends to BENCHMARKS.md).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
for (const file of fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && f !== 'run-all.mjs')
  .sort()) {
  console.error(`== bench/${file}`);
  execFileSync(process.execPath, [path.join(here, file)], { stdio: 'inherit' });
}

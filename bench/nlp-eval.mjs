#!/usr/bin/env node
// Text-engine benchmark: runs `kefu eval … --json` on every dataset in ../shared/datasets
// (relative to the repo root), prints the results as JSON and appends a dated table to
// BENCHMARKS.md under "## Text engine (kefu eval)". Datasets are read in place, never copied.
// Falls back to importing packages/nlp/dist directly when the server CLI is not built yet.
// Usage: node bench/nlp-eval.mjs [--no-write] [dataset-name ... | train-15k]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataRoot = path.resolve(root, '..', 'shared', 'datasets');
const cli = path.join(root, 'apps', 'server', 'bin', 'kefu.js');
const cliBuilt =
  existsSync(path.join(root, 'apps', 'server', 'dist', 'cli.js')) &&
  existsSync(path.join(root, 'apps', 'server', 'dist', 'cli', 'eval.js'));
const args = process.argv.slice(2);
const write = !args.includes('--no-write');
const only = args.filter((a) => !a.startsWith('--'));

// Targets from the product brief; shown next to each figure (they are goals, not tuning inputs).
const TARGETS = {
  'intents-en-banking77': { inScopeAccuracy: 0.925 },
  'intents-zh-smp2017': { inScopeAccuracy: 0.93 },
  'intents-en-banking77-oos': { inScopeAccuracy: 0.87, oosRecall: 0.6 },
  'intents-zh-smp2017-oos': { inScopeAccuracy: 0.89, oosRecall: 0.75 },
  'sentiment-zh-waimai10k': { accuracy: 0.905 },
  'sentiment-en-airline': { accuracy: 0.83 },
};

// Training-time check of the brief ("15,000 examples ≤ 30 s"): BANKING77 train + test and SMP2017
// train, 108 intents in English and Chinese, first 15,000 rows; scored on the SMP2017 test file.
const TRAIN_15K = 'train-15k (banking77 train+test + smp2017 train)';
async function build15k() {
  const files = [
    'intents-en-banking77/train.csv',
    'intents-en-banking77/test.csv',
    'intents-zh-smp2017/train.csv',
  ];
  if (!files.every((f) => existsSync(path.join(dataRoot, f)))) return null;
  const nlp = await import(pathToFileURL(path.join(root, 'packages', 'nlp', 'dist', 'index.js')).href);
  const rows = files.flatMap((f) => nlp.readLabelledCsv(readFileSync(path.join(dataRoot, f), 'utf8')));
  if (rows.length < 15000) return null;
  const q = (v) => '"' + String(v).replace(/"/g, '""') + '"';
  const file = path.join(os.tmpdir(), `kefu-train-15k-${process.pid}.csv`);
  const body = rows.slice(0, 15000).map((r) => `${q(r.text)},${q(r.label)}`);
  writeFileSync(file, 'text,label\n' + body.join('\n') + '\n');
  return { train: file, test: path.join(dataRoot, 'intents-zh-smp2017', 'test.csv'), temp: true };
}

async function runDirect(task, train, test) {
  const nlp = await import(pathToFileURL(path.join(root, 'packages', 'nlp', 'dist', 'index.js')).href);
  const tr = nlp.readLabelledCsv(readFileSync(train, 'utf8'));
  const te = nlp.readLabelledCsv(readFileSync(test, 'utf8'));
  return task === 'intents' ? nlp.evaluateIntents(tr, te) : nlp.evaluateSentiment(tr, te);
}

const datasets = readdirSync(dataRoot)
  .filter(
    (d) => existsSync(path.join(dataRoot, d, 'train.csv')) && existsSync(path.join(dataRoot, d, 'test.csv')),
  )
  .filter((d) => only.length === 0 || only.includes(d))
  .sort();

const jobs = datasets.map((name) => ({
  name,
  train: path.join(dataRoot, name, 'train.csv'),
  test: path.join(dataRoot, name, 'test.csv'),
}));
const big = only.length === 0 || only.includes('train-15k') ? await build15k() : null;
if (big) jobs.push({ name: TRAIN_15K, ...big });

const results = [];
for (const { name, train, test } of jobs) {
  const task = name.startsWith('sentiment') ? 'sentiment' : 'intents';
  let metrics;
  let via;
  if (cliBuilt) {
    const out = execFileSync(
      process.execPath,
      [cli, 'eval', task, '--train', train, '--test', test, '--json'],
      {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 16 << 20,
      },
    );
    metrics = JSON.parse(out.trim().split('\n').pop());
    via = 'cli';
  } else {
    metrics = await runDirect(task, train, test);
    via = 'library';
  }
  const row = { dataset: name, task, via, ...metrics };
  results.push(row);
  console.error(`${name}: ${JSON.stringify(metrics)}`);
}
if (big) rmSync(big.train, { force: true });
console.log(JSON.stringify(results, null, 2));

const pct = (v) => (v === null || v === undefined ? '–' : (v * 100).toFixed(2) + ' %');
const trainCell = (r) => {
  const s = `${(r.trainMs / 1000).toFixed(1)} s`;
  return r.dataset === TRAIN_15K ? `${s} ${r.trainMs <= 30000 ? '✓' : '✗'} (≤ 30 s)` : s;
};
const mark = (name, key, v) => {
  const t = TARGETS[name]?.[key];
  if (t === undefined || v === null || v === undefined) return pct(v);
  return `${pct(v)} ${v >= t ? '✓' : '✗'} (≥ ${(t * 100).toFixed(1)})`;
};

if (write && results.length) {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  const lines = [
    `### ${date} — ${cpu}, ${os.cpus().length} cores, Node ${process.version} (via ${results[0].via})`,
    '',
    '| dataset | n | accuracy / in-scope acc. | OOS recall | OOS precision | macro F1 | train | p50 | p95 |',
    '|---|---:|---|---|---|---:|---:|---:|---:|',
    ...results.map((r) =>
      r.task === 'intents'
        ? `| ${r.dataset} | ${r.n} | ${mark(r.dataset, 'inScopeAccuracy', r.inScopeAccuracy)} | ${mark(r.dataset, 'oosRecall', r.oosRecall)} | ${pct(r.oosPrecision)} | ${pct(r.macroF1)} | ${trainCell(r)} | ${r.p50Ms.toFixed(2)} ms | ${r.p95Ms.toFixed(2)} ms |`
        : `| ${r.dataset} | ${r.n} | ${mark(r.dataset, 'accuracy', r.accuracy)} | – | – | ${pct(r.macroF1)} | ${trainCell(r)} | ${r.p50Ms.toFixed(2)} ms | ${r.p95Ms.toFixed(2)} ms |`,
    ),
    '',
  ];
  const file = path.join(root, 'BENCHMARKS.md');
  const heading = '## Text engine (kefu eval)';
  const intro = [
    heading,
    '',
    'Offline intent/sentiment engine (`@kefu/nlp`) measured with `node bench/nlp-eval.mjs`, which runs',
    '`kefu eval intents|sentiment --train … --test … --json` on the public datasets in `../shared/datasets`.',
    'Intents: accuracy of the top label on plain sets; on `-oos` sets in-scope accuracy counts a rejected',
    "in-scope message as wrong and OOS recall/precision refer to the engine's own threshold (learnt from",
    'training data only). Train = wall time of training incl. the out-of-scope simulation; p50/p95 = one',
    'prediction. ✓/✗ compare with the project targets.',
    '',
  ].join('\n');
  let md = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = md.indexOf(heading);
  if (start < 0) {
    md = md.trimEnd() + '\n\n' + intro + '\n' + lines.join('\n');
  } else {
    // Insert the new run right after the last dated run of our section ("### YYYY-MM-DD HH:MM UTC — …"),
    // before any other sub-section someone else added under the same heading or the next "## ".
    const next = md.indexOf('\n## ', start + heading.length);
    const sectionEnd = next < 0 ? md.length : next + 1;
    const runRe = /^### \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/gm;
    runRe.lastIndex = start;
    let lastRun = -1;
    for (let m = runRe.exec(md); m && m.index < sectionEnd; m = runRe.exec(md)) lastRun = m.index;
    let end = sectionEnd;
    if (lastRun >= 0) {
      const after = md.slice(lastRun + 4).search(/^#{1,3} /m);
      if (after >= 0 && lastRun + 4 + after < sectionEnd) end = lastRun + 4 + after;
    }
    const rest = md.slice(end);
    md = md.slice(0, end).trimEnd() + '\n\n' + lines.join('\n') + (rest ? '\n' + rest : '');
  }
  writeFileSync(file, md.endsWith('\n') ? md : md + '\n');
  console.error(`appended results to ${path.relative(process.cwd(), file) || file}`);
}

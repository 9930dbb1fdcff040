#!/usr/bin/env node
// FAQ-base training time, and what it costs the server's event loop. A tenant's bot retrains after every
// FAQ edit; cost grows with questions × entries. Bases are built from the BANKING77 training file
// (../shared/datasets): each intent's messages cut into entries of 4 questions (standard + 3 similar),
// the shape of a real FAQ base. For each size: training inline (as `FaqMatcher.train`, blocking) and on
// the server's training thread (`trainMatcher`, what the bot uses), with the main thread's longest stall
// while it runs.
// Usage: node bench/faq-training.mjs [--no-write] [sizes…, default 100 400 1000 2000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { requireBuiltServer, root } from './lib.mjs';

requireBuiltServer();
const args = process.argv.slice(2);
const write = !args.includes('--no-write');
const sizes = args.filter((a) => /^\d+$/.test(a)).map(Number);
const data = path.resolve(root, '..', 'shared', 'datasets', 'intents-en-banking77', 'train.csv');
if (!fs.existsSync(data)) {
  console.error(`dataset not found: ${data}`);
  process.exit(2);
}
const nlp = await import(pathToFileURL(path.join(root, 'packages/nlp/dist/index.js')).href);
const trainer = await import(pathToFileURL(path.join(root, 'apps/server/dist/modules/bot/trainer.js')).href);

const rows = nlp.readLabelledCsv(fs.readFileSync(data, 'utf8'));
const byIntent = new Map();
for (const r of rows) byIntent.set(r.label, [...(byIntent.get(r.label) ?? []), r.text]);

/** `n` questions in entries of 4, taken round-robin over the intents. */
function faqBase(n) {
  const entries = [];
  let left = n;
  for (let round = 0; left > 0; round++) {
    let added = false;
    for (const [intent, texts] of byIntent) {
      const questions = texts.slice(round * 4, round * 4 + 4).slice(0, left);
      if (!questions.length) continue;
      entries.push({ id: `${intent}-${round}`, questions });
      left -= questions.length;
      added = true;
      if (left === 0) break;
    }
    if (!added) break;
  }
  return entries;
}

/** Runs `fn`, returning its time and the main thread's longest stall meanwhile (gap between 1 ms ticks). */
async function measure(fn) {
  let last = performance.now();
  let max = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    max = Math.max(max, now - last);
    last = now;
  }, 1);
  const t = performance.now();
  const out = await fn();
  const ms = Math.round(performance.now() - t);
  await new Promise((r) => setTimeout(r, 5)); // the tick after a synchronous training sees its stall
  clearInterval(ticker);
  return { ms, maxStallMs: Math.round(max), out };
}

nlp.FaqMatcher.train(faqBase(20)); // load jieba's dictionary first
await trainer.trainMatcher(faqBase(trainer.INLINE_MAX_QUESTIONS + 1)); // and start the thread

const results = [];
for (const n of sizes.length ? sizes : [100, 400, 1000, 2000]) {
  const entries = faqBase(n);
  const inline = await measure(() => nlp.FaqMatcher.train(entries));
  const thread = await measure(() => trainer.trainMatcher(entries));
  const r = {
    questions: entries.reduce((s, e) => s + e.questions.length, 0),
    entries: entries.length,
    inlineMs: inline.ms,
    inlineMaxStallMs: inline.maxStallMs,
    threadMs: thread.ms,
    threadMaxStallMs: thread.maxStallMs,
    trainedOn: thread.out.where,
  };
  results.push(r);
  console.error(JSON.stringify(r));
}
await trainer.stopTrainingThread();

const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
const result = {
  date: new Date().toISOString(),
  machine: `${cpu}, ${os.cpus().length} cores, Node ${process.version}`,
  loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100),
  results,
};
console.log(JSON.stringify(result, null, 2));

if (write) {
  const lines = [
    '',
    `### FAQ-base training — ${result.date.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${result.machine}; load average ${result.loadAverage.join(' / ')}. Command: \`node bench/faq-training.mjs\`. Bases cut from the BANKING77 training file into entries of 4 questions. "Inline" = \`FaqMatcher.train\` on the main thread; "thread" = the server's \`trainMatcher\` (training thread, model handed back and reloaded), what the bot runs. Stall = the main thread's longest event-loop delay while training.`,
    '',
    '| questions | entries | inline | main thread stalled (inline) | on the thread | main thread stalled (thread) |',
    '| --------: | ------: | -----: | ---------------------------: | ------------: | ---------------------------: |',
    ...results.map(
      (r) =>
        `| ${r.questions} | ${r.entries} | ${r.inlineMs} ms | ${r.inlineMaxStallMs} ms | ${r.threadMs} ms | ${r.threadMaxStallMs} ms |`,
    ),
    '',
  ];
  fs.appendFileSync(path.join(root, 'BENCHMARKS.md'), lines.join('\n'));
  console.error('appended results to BENCHMARKS.md');
}

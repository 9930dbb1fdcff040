#!/usr/bin/env node
// What a company's synonyms cost the bot: reading a message through them (every customer message, and every FAQ
// question at training), and training the FAQ matcher with them, for 0, 100 and the maximum of 1,000 groups of
// up to 20 words. Words are made-up Chinese words of 2–3 characters, messages 30 characters: only the size counts.
// Prints JSON and appends a table to BENCHMARKS.md. Usage: node bench/synonyms.mjs [--no-write]
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { appendToBenchmarks, report, root } from './lib.mjs';

const write = !process.argv.includes('--no-write');
const nlpDist = path.join(root, 'packages/nlp/dist/index.js');
if (!fs.existsSync(nlpDist)) {
  console.error('build first: npm run build');
  process.exit(2);
}
const nlp = await import(pathToFileURL(nlpDist).href);

// a fixed pseudo-random sequence, so every run measures the same words
let seed = 42;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const han = () => String.fromCharCode(0x4e00 + Math.floor(rnd() * 20000));
const word = () => han() + han() + (rnd() < 0.5 ? han() : '');
const messages = Array.from({ length: 5000 }, () => Array.from({ length: 30 }, han).join(''));
// an FAQ base of 100 entries × 10 questions
const entries = Array.from({ length: 100 }, (_, e) => ({
  id: `e${e}`,
  questions: Array.from({ length: 10 }, () => Array.from({ length: 12 }, han).join('')),
}));
nlp.segment('预热'); // load jieba's dictionary before timing

const results = [];
for (const groupCount of [0, 100, 1000]) {
  const groups = Array.from({ length: groupCount }, () => Array.from({ length: 20 }, word));
  let t = performance.now();
  const synonyms = new nlp.Synonyms(groups);
  const buildMs = performance.now() - t;
  t = performance.now();
  for (const m of messages) synonyms.rewrite(m);
  const rewriteUs = ((performance.now() - t) / messages.length) * 1000;
  t = performance.now();
  nlp.FaqMatcher.train(entries, {}, groups);
  const trainMs = performance.now() - t;
  const r = {
    groups: groupCount,
    words: groupCount * 20,
    buildMs: Math.round(buildMs * 10) / 10,
    rewriteUs: Math.round(rewriteUs * 10) / 10,
    trainMs: Math.round(trainMs),
  };
  results.push(r);
  console.error(JSON.stringify(r));
}

const result = report(results);

if (write) {
  const lines = [
    '',
    `### Synonyms: reading messages through them, and training with them — ${result.date.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${result.machine}. Command: \`node bench/synonyms.mjs\`. Groups of 20 made-up Chinese words; 5,000 messages of 30 characters; the FAQ matcher trained on 100 entries × 10 questions (inline, one thread).`,
    '',
    '| groups | words | build | per message | train 1,000 questions |',
    '| -----: | ----: | ----: | ----------: | --------------------: |',
    ...results.map(
      (r) => `| ${r.groups} | ${r.words} | ${r.buildMs} ms | ${r.rewriteUs} µs | ${r.trainMs} ms |`,
    ),
    '',
  ];
  appendToBenchmarks(lines);
}

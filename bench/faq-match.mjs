#!/usr/bin/env node
// What the bot does with customer messages, measured on public labelled data: FAQ bases are built from the
// training files of ../shared/datasets (each intent = one entry whose questions are its first k training
// messages, the shape of a real FAQ base: a standard question and k-1 similar ones), then every test
// message goes through `FaqMatcher.match` — the bot's own decision (answer / did you mean / fallback).
// In-scope test messages should be answered with their entry, or at least have it among the "did you mean"
// choices; out-of-scope ones (label `oos`, intents the base does not have) should not be answered.
// Each base is measured in the three answer modes of an inbox's bot (cautious, balanced = the default, eager).
// Usage: node bench/faq-match.mjs [--no-write] [k…, default 4 10]
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { appendToBenchmarks, report, root } from './lib.mjs';

const args = process.argv.slice(2);
const write = !args.includes('--no-write');
const ks = args.filter((a) => /^\d+$/.test(a)).map(Number);
const datasets = path.resolve(root, '..', 'shared', 'datasets');
const nlpDist = path.join(root, 'packages/nlp/dist/index.js');
if (!fs.existsSync(nlpDist)) {
  console.error('build first: npm run build');
  process.exit(2);
}
const nlp = await import(pathToFileURL(nlpDist).href);
const read = (dir, file) => nlp.readLabelledCsv(fs.readFileSync(path.join(datasets, dir, file), 'utf8'));

/** Entries of the first k training messages of each intent. */
function faqBase(train, k) {
  const byIntent = new Map();
  for (const r of train) {
    if (r.label === nlp.OOS_LABEL) continue;
    const list = byIntent.get(r.label) ?? [];
    if (list.length < k) list.push(r.text);
    byIntent.set(r.label, list);
  }
  return [...byIntent].map(([id, questions]) => ({ id, questions }));
}

function run(name, dir, k) {
  const train = read(dir, 'train.csv');
  const test = read(dir, 'test.csv');
  const entries = faqBase(train, k);
  const t = performance.now();
  const matcher = nlp.FaqMatcher.train(entries);
  const trainMs = Math.round(performance.now() - t);
  return Object.keys(nlp.ANSWER_MODES).map((mode) =>
    decisions(name, k, entries, trainMs, matcher, test, mode),
  );
}

function decisions(name, k, entries, trainMs, matcher, test, mode) {
  const inScope = { n: 0, answered: 0, answeredRight: 0, top1: 0, offered: 0, suggested: 0, fallback: 0 };
  const oos = { n: 0, answered: 0, suggested: 0, fallback: 0 };
  for (const r of test) {
    const d = matcher.match(r.text, nlp.ANSWER_MODES[mode]);
    if (r.label === nlp.OOS_LABEL) {
      oos.n++;
      oos[d.action === 'answer' ? 'answered' : d.action === 'suggest' ? 'suggested' : 'fallback']++;
      continue;
    }
    inScope.n++;
    const right = d.candidates[0]?.id === r.label;
    if (right) inScope.top1++;
    if (d.action === 'answer') {
      inScope.answered++;
      if (right) inScope.answeredRight++;
    } else if (d.action === 'suggest') {
      inScope.suggested++;
      // "did you mean" shows the first three
      if (d.candidates.slice(0, 3).some((c) => c.id === r.label)) inScope.offered++;
    } else inScope.fallback++;
  }
  const pct = (a, b) => (b ? Math.round((a / b) * 1000) / 10 : null);
  return {
    dataset: name,
    questionsPerEntry: k,
    answerMode: mode,
    entries: entries.length,
    questions: entries.reduce((s, e) => s + e.questions.length, 0),
    trainMs,
    inScope: {
      n: inScope.n,
      answeredPct: pct(inScope.answered, inScope.n),
      answerPrecisionPct: pct(inScope.answeredRight, inScope.answered),
      suggestedPct: pct(inScope.suggested, inScope.n),
      rightAmongChoicesPct: pct(inScope.offered, inScope.suggested),
      fallbackPct: pct(inScope.fallback, inScope.n),
      top1Pct: pct(inScope.top1, inScope.n),
      // answered right, or offered among the choices: the customer gets to the answer
      reachedPct: pct(inScope.answeredRight + inScope.offered, inScope.n),
    },
    outOfScope: oos.n
      ? {
          n: oos.n,
          answeredPct: pct(oos.answered, oos.n),
          suggestedPct: pct(oos.suggested, oos.n),
          fallbackPct: pct(oos.fallback, oos.n),
        }
      : null,
  };
}

const SETS = [
  ['BANKING77 (en)', 'intents-en-banking77'],
  ['SMP2017 (zh)', 'intents-zh-smp2017'],
  ['BANKING77-OOS (en)', 'intents-en-banking77-oos'],
  ['SMP2017-OOS (zh)', 'intents-zh-smp2017-oos'],
];
nlp.segment('预热'); // load jieba's dictionary before timing
const results = [];
for (const k of ks.length ? ks : [4, 10])
  for (const [name, dir] of SETS) {
    if (!fs.existsSync(path.join(datasets, dir, 'test.csv'))) continue;
    for (const r of run(name, dir, k)) {
      results.push(r);
      console.error(JSON.stringify(r));
    }
  }

const result = report(results);

if (write) {
  const cell = (v) => (v === null || v === undefined ? '–' : `${v} %`);
  const lines = [
    '',
    `### The bot's decisions on public data (FAQ matching) — ${result.date.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${result.machine}. Command: \`node bench/faq-match.mjs\`. Each intent of a training file becomes one FAQ entry with its first k training messages as questions; every test message goes through \`FaqMatcher.match\`, the bot's decision, in each answer mode of an inbox (cautious / balanced = the default / eager). "Reached" = answered with the right entry, or the right entry among the three "did you mean" choices. Out of scope = test messages of intents the base lacks (they should get "did you mean" at most, better the fallback).`,
    '',
    '| data | k | mode | entries | train | answered | answer precision | did you mean | right among choices | fallback | reached | out of scope answered / suggested / fallback |',
    '| ---- | -: | ---- | ------: | ----: | -------: | ---------------: | -----------: | ------------------: | -------: | ------: | -------------------------------------------- |',
    ...results.map(
      (r) =>
        `| ${r.dataset} | ${r.questionsPerEntry} | ${r.answerMode} | ${r.entries} | ${r.trainMs} ms | ${cell(r.inScope.answeredPct)} | ${cell(r.inScope.answerPrecisionPct)} | ${cell(r.inScope.suggestedPct)} | ${cell(r.inScope.rightAmongChoicesPct)} | ${cell(r.inScope.fallbackPct)} | ${cell(r.inScope.reachedPct)} | ${r.outOfScope ? `${r.outOfScope.answeredPct} / ${r.outOfScope.suggestedPct} / ${r.outOfScope.fallbackPct} %` : '–'} |`,
    ),
    '',
  ];
  appendToBenchmarks(lines);
}

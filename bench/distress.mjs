#!/usr/bin/env node
// Anger/distress detection (the bot's hand-off with raised priority): k-fold cross-validation of the rules +
// sentiment-model decision on Kefu's own seed corpus (packages/nlp/src/distress-corpus.ts), the thresholds that
// cross-validation selects next to the shipped ones, training and prediction times, and — only as a proxy, a
// different task — the share of the waimai_10k test reviews (../shared/datasets, read in place, never copied)
// that would be flagged. Builds packages/nlp first (skip with --no-build).
// Usage: node bench/distress.mjs [--no-build] [--no-write]. Prints JSON and appends a dated section to BENCHMARKS.md.
import { execFileSync, execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const loadAtStart = os.loadavg().map((v) => Math.round(v * 100) / 100);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
if (!args.includes('--no-build'))
  execSync('npx tsc -b packages/nlp', { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
const entry = pathToFileURL(path.join(root, 'packages/nlp/dist/index.js')).href;
const nlp = await import(entry);

const K = 5;
const SEEDS = [1, 2, 3];
// A false hand-off costs an agent a minute, but real traffic is mostly calm: the false-positive rate on calm
// messages decides how many conversations would be handed off for nothing. Cross-validation on a hand-written
// corpus is optimistic (unseen phrasings score worse), so the floor is set high.
const MIN_PRECISION = 0.98;
const MAX_FPR = 0.005;
const round = (v, d = 4) => Math.round(v * 10 ** d) / 10 ** d;
const scores = (folds, t) => {
  const s = nlp.scoreDistress(folds, t);
  return {
    precision: round(s.precision),
    recall: round(s.recall),
    f1: round(s.f1),
    falsePositiveRate: round(s.falsePositiveRate),
  };
};

// a fresh process: the first detectDistress() of a server (jieba dictionary + training + one prediction)
const coldMs = Number(
  execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const n = await import(${JSON.stringify(entry)}); const t = performance.now(); n.detectDistress('你好'); console.log(performance.now() - t);`,
    ],
    { encoding: 'utf8' },
  ).trim(),
);

nlp.segment('预热'); // jieba's dictionary, loaded once per process, is not part of training
const trainRuns = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  nlp.trainDistressModel();
  trainRuns.push(performance.now() - t0);
}
const { model } = nlp.distressModel();

// cross-validation, pooled over several shuffles so the selected thresholds do not hang on one split
const folds = SEEDS.flatMap((seed) => nlp.crossValidateDistress(K, seed));
let selected = null;
for (let m = 50; m <= 99; m++) {
  for (let c = 1; c <= 9; c++) {
    const t = { model: m / 100, confirm: c / 10, strongRule: nlp.DISTRESS_THRESHOLDS.strongRule };
    const s = nlp.scoreDistress(folds, t);
    // highest recall at the precision floor; on a tie, the stricter thresholds
    const ok = s.precision >= MIN_PRECISION && s.falsePositiveRate <= MAX_FPR;
    if (ok && (!selected || s.recall >= selected.recall)) selected = { ...t, recall: s.recall };
  }
}
const shipped = { ...nlp.DISTRESS_THRESHOLDS };
const corpus = nlp.DISTRESS_CORPUS;
const count = (label, lang) => corpus.filter((e) => e.label === label && (!lang || e.lang === lang)).length;
const cv = {
  k: K,
  seeds: SEEDS,
  examples: {
    zh: { upset: count('upset', 'zh'), calm: count('calm', 'zh') },
    en: { upset: count('upset', 'en'), calm: count('calm', 'en') },
  },
  selection: `highest out-of-fold recall with precision ≥ ${MIN_PRECISION} and FPR ≤ ${MAX_FPR}; grid: model 0.50–0.99, confirm 0.1–0.9`,
  selected: selected && { model: selected.model, confirm: selected.confirm, strongRule: selected.strongRule },
  shipped,
  combined: scores(folds, shipped),
  zh: scores(
    folds.filter((f) => f.lang === 'zh'),
    shipped,
  ),
  en: scores(
    folds.filter((f) => f.lang === 'en'),
    shipped,
  ),
  modelOnly: scores(folds, { model: shipped.model, confirm: 2, strongRule: 2 }),
  rulesOnly: scores(folds, { model: 2, confirm: 0, strongRule: 0 }),
};

const times = [];
const timedDetect = (text) => {
  const t0 = performance.now();
  const r = nlp.detectDistress(text, model);
  times.push(performance.now() - t0);
  return r;
};
for (const e of corpus) timedDetect(e.text);

// proxy only: food-delivery reviews, not chat messages, and "negative" is not "angry"
let waimai = null;
const waimaiFile = path.resolve(root, '..', 'shared', 'datasets', 'sentiment-zh-waimai10k', 'test.csv');
if (fs.existsSync(waimaiFile)) {
  const rows = nlp.readLabelledCsv(fs.readFileSync(waimaiFile, 'utf8'));
  waimai = { note: 'PROXY, a different task: share of food-delivery reviews flagged' };
  for (const label of ['negative', 'positive']) {
    const texts = rows.filter((r) => r.label === label).map((r) => r.text);
    const results = texts.map(timedDetect);
    const share = (pred) => round(results.filter(pred).length / (texts.length || 1));
    waimai[label] = {
      n: texts.length,
      flagged: share((r) => r.distressed),
      byModel: share((r) => r.probability >= shipped.model),
      byRules: share((r) => r.rules.angry),
    };
  }
}

const trainSorted = [...trainRuns].sort((a, b) => a - b);
const result = {
  benchmark: 'distress',
  date: new Date().toISOString(),
  machine: `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}`,
  loadAverageAtStart: loadAtStart,
  corpus: corpus.length,
  trainMs: round(trainSorted[2], 1),
  trainMsRuns: trainRuns.map((v) => round(v, 1)),
  firstCallColdMs: round(coldMs, 1),
  predictP50Ms: round(nlp.percentile(times, 0.5), 3),
  predictP95Ms: round(nlp.percentile(times, 0.95), 3),
  predictions: times.length,
  cv,
  waimaiProxy: waimai,
};
console.log(JSON.stringify(result, null, 2));

if (!args.includes('--no-write')) {
  const pct = (v) => (v * 100).toFixed(1) + ' %';
  const t = (th) => `model ≥ ${th.model}, confirm ≥ ${th.confirm}, strong rule ≥ ${th.strongRule}`;
  const row = (name, s) =>
    `| ${name} | ${pct(s.precision)} | ${pct(s.recall)} | ${pct(s.f1)} | ${pct(s.falsePositiveRate)} |`;
  const ex = cv.examples;
  const lines = [
    '',
    `### Distress detection (bot hand-off) — ${result.date.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${result.machine}; load average at start ${loadAtStart.join(' / ')} (shared machine: times vary). Command: \`node bench/distress.mjs\`. Corpus: Kefu's own seed corpus, ${result.corpus} messages (zh ${ex.zh.upset} upset / ${ex.zh.calm} calm, en ${ex.en.upset} upset / ${ex.en.calm} calm). ${K}-fold cross-validation stratified by label and language, pooled over ${SEEDS.length} shuffles; positive class = upset; FPR = share of calm messages flagged. Thresholds shipped: ${t(shipped)}; selected by this run (${cv.selection}): ${cv.selected ? t(cv.selected) : 'none'}.`,
    '',
    '| decision (shipped thresholds) | precision | recall | F1 | FPR |',
    '| ----------------------------- | --------: | -----: | -: | --: |',
    row('rules + model', cv.combined),
    row('rules + model, zh only', cv.zh),
    row('rules + model, en only', cv.en),
    row('model alone', cv.modelOnly),
    row('rules alone (detectAnger)', cv.rulesOnly),
    '',
    `Training on the corpus: ${result.trainMs} ms (median of 5, jieba loaded); first \`detectDistress\` in a fresh process (jieba dictionary + training + one prediction): ${result.firstCallColdMs} ms. One prediction (rules + model): p50 ${result.predictP50Ms} ms, p95 ${result.predictP95Ms} ms over ${result.predictions} messages.`,
    '',
  ];
  if (waimai)
    lines.push(
      `Proxy only (a different task: food-delivery reviews, where "negative" means dissatisfied, not necessarily angry), sentiment-zh-waimai10k test set: flagged ${pct(waimai.negative.flagged)} of ${waimai.negative.n} negative reviews (model ${pct(waimai.negative.byModel)}, rules ${pct(waimai.negative.byRules)}) and ${pct(waimai.positive.flagged)} of ${waimai.positive.n} positive ones (model ${pct(waimai.positive.byModel)}, rules ${pct(waimai.positive.byRules)}).`,
      '',
    );
  fs.appendFileSync(path.join(root, 'BENCHMARKS.md'), lines.join('\n'));
  console.error('appended results to BENCHMARKS.md');
}

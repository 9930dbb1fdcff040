import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { evaluateIntents, evaluateSentiment, readLabelledCsv } from '@kefu/nlp';
import { runEvalCommand } from './eval.js';

const INTENTS_TRAIN = `text,label
运费多少钱,shipping
包邮吗,shipping
邮费怎么算,shipping
怎么退款,refund
退款多久到账,refund
我要退货退款,refund
怎么开发票,invoice
能开发票吗,invoice
发票抬头写错了,invoice
`;
const INTENTS_TEST = `text,label
运费怎么收,shipping
退款什么时候到,refund
电子发票在哪下载,invoice
今天天气怎么样,oos
`;
const SENTIMENT_TRAIN = `text,label
太好了非常满意,positive
服务很好谢谢,positive
质量不错很喜欢,positive
太差了非常失望,negative
等了很久还没到,negative
客服态度很差,negative
`;
const SENTIMENT_TEST = `text,label
非常满意谢谢,positive
态度太差了,negative
`;

/** `kefu eval …` as the command line runs it: exit code, stdout and stderr. */
async function kefuEval(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
  vi.spyOn(console, 'error').mockImplementation((s: string) => void err.push(s));
  const code = await runEvalCommand(argv);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** The rows of the printed table: label → value. */
const tableOf = (stdout: string) =>
  stdout.split('\n').map((line) => line.split(/\s{2,}/) as [string, string]);
const pct = (v: number) => `${(v * 100).toFixed(2)} %`;
const MS = /^\d+(\.\d{3})? ms$/;

describe('kefu eval', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-eval-'));
  const file = (name: string, content: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, content);
    return p;
  };
  const files: Record<string, string> = {};
  beforeAll(() => {
    files.intentsTrain = file('intents-train.csv', INTENTS_TRAIN);
    files.intentsTest = file('intents-test.csv', INTENTS_TEST);
    files.inScopeTest = file('in-scope-test.csv', INTENTS_TEST.replace(/\n[^\n]*,oos\n$/, '\n'));
    files.sentimentTrain = file('sentiment-train.csv', SENTIMENT_TRAIN);
    files.sentimentTest = file('sentiment-test.csv', SENTIMENT_TEST);
    files.empty = file('empty.csv', 'text,label\n');
    files.noHeader = file('no-header.csv', 'a,b\nx,y\n');
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('intents: a table of the measures, out-of-scope ones when the test file has oos rows', async () => {
    const r = await kefuEval('intents', '--train', files.intentsTrain, '--test', files.intentsTest);
    expect(r.code).toBe(0);
    const want = evaluateIntents(readLabelledCsv(INTENTS_TRAIN), readLabelledCsv(INTENTS_TEST));
    const rows = tableOf(r.stdout);
    expect(rows.map(([k]) => k)).toEqual([
      'task',
      'in-scope accuracy',
      'oos recall',
      'oos precision',
      'macro F1',
      'training time',
      'prediction p50',
      'prediction p95',
    ]);
    expect(rows[0][1]).toBe('intents (9 train / 4 test rows)');
    expect(rows.slice(1, 5).map(([, v]) => v)).toEqual(
      [want.inScopeAccuracy, want.oosRecall!, want.oosPrecision!, want.macroF1].map(pct),
    );
    for (const [, v] of rows.slice(5)) expect(v).toMatch(MS);
    // the labels line up in one column
    expect(new Set(r.stdout.split('\n').map((l) => l.search(/(?<=\S {2,})\S/))).size).toBe(1);
  });

  it('intents without oos rows: the top label counts, oos measures are n/a', async () => {
    const r = await kefuEval('intents', '--train', files.intentsTrain, '--test', files.inScopeTest);
    expect(r.code).toBe(0);
    const rows = new Map(tableOf(r.stdout));
    expect(rows.get('task')).toBe('intents (9 train / 3 test rows)');
    expect(rows.get('accuracy (top label)')).toMatch(/^\d+\.\d\d %$/);
    expect(rows.get('oos recall')).toBe('n/a');
    expect(rows.get('oos precision')).toBe('n/a');
  });

  it('intents --json: one line with the measures', async () => {
    const r = await kefuEval('intents', '--train', files.intentsTrain, '--test', files.intentsTest, '--json');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toHaveLength(1);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual([
      'inScopeAccuracy',
      'oosRecall',
      'oosPrecision',
      'macroF1',
      'trainMs',
      'p50Ms',
      'p95Ms',
      'n',
    ]);
    const want = evaluateIntents(readLabelledCsv(INTENTS_TRAIN), readLabelledCsv(INTENTS_TEST));
    expect(out).toMatchObject({
      inScopeAccuracy: want.inScopeAccuracy,
      oosRecall: want.oosRecall,
      oosPrecision: want.oosPrecision,
      macroF1: want.macroF1,
      n: 4,
    });
  });

  it('sentiment: a table, or one JSON line', async () => {
    const args = ['sentiment', '--train', files.sentimentTrain, '--test', files.sentimentTest];
    const want = evaluateSentiment(readLabelledCsv(SENTIMENT_TRAIN), readLabelledCsv(SENTIMENT_TEST));
    const r = await kefuEval(...args);
    expect(r.code).toBe(0);
    const rows = tableOf(r.stdout);
    expect(rows.map(([k]) => k)).toEqual([
      'task',
      'accuracy',
      'macro F1',
      'training time',
      'prediction p50',
      'prediction p95',
    ]);
    expect(rows[0][1]).toBe('sentiment (6 train / 2 test rows)');
    expect(rows.slice(1, 3).map(([, v]) => v)).toEqual([want.accuracy, want.macroF1].map(pct));
    for (const [, v] of rows.slice(3)) expect(v).toMatch(MS);

    const json = await kefuEval(...args, '--json');
    const out = JSON.parse(json.stdout);
    expect(Object.keys(out)).toEqual(['accuracy', 'macroF1', 'trainMs', 'p50Ms', 'p95Ms', 'n']);
    expect(out).toMatchObject({ accuracy: want.accuracy, macroF1: want.macroF1, n: 2 });
  });

  it('bad usage and unreadable input: exit code 2 and a message with the usage', async () => {
    const cases: [string[], string][] = [
      [[], 'missing eval task'],
      [['topics'], 'unknown eval task "topics"'],
      [['toString'], 'unknown eval task "toString"'],
      [['intents', '--train', files.intentsTrain], 'both --train and --test are required'],
      [['intents', '--train', files.intentsTrain, '--test', files.intentsTest, '--fast'], "'--fast'"],
      [
        ['intents', '--train', path.join(dir, 'missing.csv'), '--test', files.intentsTest],
        `cannot read training file ${path.join(dir, 'missing.csv')} (ENOENT)`,
      ],
      [
        ['sentiment', '--train', files.sentimentTrain, '--test', files.empty],
        `test file ${files.empty} has no labelled rows`,
      ],
      [
        ['sentiment', '--train', files.noHeader, '--test', files.sentimentTest],
        `training file ${files.noHeader}: CSV header must contain "text" and "label" columns`,
      ],
    ];
    for (const [argv, message] of cases) {
      const r = await kefuEval(...argv);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`kefu eval: `);
      expect(r.stderr).toContain(message);
      expect(r.stderr).toContain('Usage: kefu eval intents|sentiment --train FILE --test FILE [--json]');
      vi.restoreAllMocks();
    }
  });
});

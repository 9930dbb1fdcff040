/**
 * `kefu eval intents|sentiment --train FILE --test FILE [--json]`
 * Measures the offline text engine on labelled CSV files (header `text,label`; label `oos` in an
 * intents test file marks out-of-scope rows). Exit codes: 0 ok, 2 bad usage or unreadable input.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { evaluateIntentsAsync, evaluateSentiment, readLabelledCsv, type LabelledText } from '@kefu/nlp';
import { runOnThread, stopTrainingThread } from '../modules/bot/trainer.js';

const USAGE = 'Usage: kefu eval intents|sentiment --train FILE --test FILE [--json]';

class UsageError extends Error {}

async function load(path: string, what: string): Promise<LabelledText[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${what} file ${path}${code ? ` (${code})` : ''}`);
  }
  let rows: LabelledText[];
  try {
    rows = readLabelledCsv(text);
  } catch (err) {
    throw new UsageError(`${what} file ${path}: ${(err as Error).message}`);
  }
  if (rows.length === 0) throw new UsageError(`${what} file ${path} has no labelled rows`);
  return rows;
}

const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(2)} %`);
const ms = (v: number) => `${v.toFixed(v < 10 ? 3 : 0)} ms`;

function table(rows: [string, string][]): string {
  const w = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n');
}

interface Evaluation {
  /** the quality measures, as `--json` prints them (the timings follow) */
  quality: Record<string, number | null>;
  /** the same as table rows */
  rows: [string, string][];
  timings: { trainMs: number; p50Ms: number; p95Ms: number; n: number };
}

/** What each task measures; the timings and their rows are common. */
const TASKS: Record<string, (train: LabelledText[], test: LabelledText[]) => Promise<Evaluation>> = {
  async intents(train, test) {
    // the same model as the bot's; part of its training runs on a second thread meanwhile
    const r = await evaluateIntentsAsync(train, test, runOnThread);
    await stopTrainingThread();
    return {
      quality: {
        inScopeAccuracy: r.inScopeAccuracy,
        oosRecall: r.oosRecall,
        oosPrecision: r.oosPrecision,
        macroF1: r.macroF1,
      },
      rows: [
        [r.oosRecall === null ? 'accuracy (top label)' : 'in-scope accuracy', pct(r.inScopeAccuracy)],
        ['oos recall', pct(r.oosRecall)],
        ['oos precision', pct(r.oosPrecision)],
        ['macro F1', pct(r.macroF1)],
      ],
      timings: r,
    };
  },
  async sentiment(train, test) {
    const r = evaluateSentiment(train, test);
    return {
      quality: { accuracy: r.accuracy, macroF1: r.macroF1 },
      rows: [
        ['accuracy', pct(r.accuracy)],
        ['macro F1', pct(r.macroF1)],
      ],
      timings: r,
    };
  },
};

/** One JSON line, or a table headed by the task and the sizes of the files. */
function report(heading: string, { quality, rows, timings }: Evaluation, json: boolean): string {
  const { trainMs, p50Ms, p95Ms, n } = timings;
  if (json) return JSON.stringify({ ...quality, trainMs, p50Ms, p95Ms, n });
  return table([
    ['task', heading],
    ...rows,
    ['training time', ms(trainMs)],
    ['prediction p50', ms(p50Ms)],
    ['prediction p95', ms(p95Ms)],
  ]);
}

export async function runEvalCommand(argv: string[]): Promise<number> {
  try {
    const [task, ...rest] = argv;
    if (!task || !Object.hasOwn(TASKS, task))
      throw new UsageError(task ? `unknown eval task "${task}"` : 'missing eval task');
    let values: { train?: string; test?: string; json?: boolean };
    try {
      ({ values } = parseArgs({
        args: rest,
        options: { train: { type: 'string' }, test: { type: 'string' }, json: { type: 'boolean' } },
        strict: true,
        allowPositionals: false,
      }));
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    if (!values.train || !values.test) throw new UsageError('both --train and --test are required');
    const train = await load(values.train, 'training');
    const test = await load(values.test, 'test');

    const heading = `${task} (${train.length} train / ${test.length} test rows)`;
    console.log(report(heading, await TASKS[task](train, test), values.json ?? false));
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`kefu eval: ${err.message}\n${USAGE}`);
      return 2;
    }
    throw err;
  }
}

/**
 * Trains FAQ matchers off the main thread. Training cost grows with questions × entries: a few hundred
 * questions take a second or more and thousands take tens of seconds (packages/nlp/README.md), and on the
 * event loop that would stall every request and socket of the node. One worker thread, started on first
 * need, trains one matcher at a time (the other core keeps serving); tiny bases train inline, where the
 * thread hop would cost more than the training. `kefu eval` uses the same thread for part of the
 * engine's training (the out-of-scope simulation, one neural net) while its main thread does the rest.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  FaqMatcher,
  runTrainingJob,
  type FaqEntry,
  type SynonymGroups,
  type TrainingJob,
  type TrainingJobResult,
} from '@kefu/nlp';

/** Up to this many questions a base trains inline (tens of milliseconds). */
export const INLINE_MAX_QUESTIONS = 50;

// CommonJS, evaluated by the worker: load the built engine, then run whatever the main thread sends.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.engine).then((nlp) => {
  parentPort.on('message', ({ id, op, arg }) => {
    let reply;
    try {
      const result =
        op === 'faq' ? nlp.FaqMatcher.train(arg.entries, {}, arg.synonyms).serialize() : nlp.runTrainingJob(arg);
      reply = { id, result };
    } catch (err) {
      reply = { id, error: String((err && err.message) || err) };
    }
    parentPort.postMessage(reply);
  });
});
`;

interface Pending {
  resolve: (result: unknown) => void;
  reject: (err: Error) => void;
}

class TrainingThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private served = 0;
  dead = false;

  constructor(engineUrl: string) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { engine: engineUrl } });
    this.worker.unref(); // an idle trainer never keeps the process alive
    this.worker.on('message', (m: { id: number; result?: unknown; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      this.served++;
      if (this.pending.size === 0) this.worker.unref();
      if (m.error === undefined) p.resolve(m.result);
      else p.reject(new Error(`training failed: ${m.error}`));
    });
    const fail = (err: Error) => {
      // a thread that never answered cannot run here at all (engine not loadable): train inline from now on
      if (this.served === 0 && !this.dead) threadsUnavailable = true;
      this.dead = true;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`training thread exited (code ${code})`)));
  }

  run(op: 'faq', arg: { entries: FaqEntry[]; synonyms: SynonymGroups }): Promise<string>;
  run(op: 'job', arg: TrainingJob): Promise<TrainingJobResult>;
  run(op: 'faq' | 'job', arg: unknown): Promise<unknown> {
    const id = this.nextId++;
    this.worker.ref(); // …but one with work in hand does
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, arg });
    });
  }

  terminate() {
    this.dead = true;
    return this.worker.terminate();
  }
}

let thread: TrainingThread | null = null;
let threadsUnavailable = false;

/**
 * The built engine's entry file, which the worker imports (null when not built: train inline). Read from
 * the package's `default` export: a test runner resolving the `development` condition would name the
 * TypeScript sources, which plain Node in the worker cannot load.
 */
function engineUrl(): string | null {
  try {
    let dir = path.dirname(createRequire(import.meta.url).resolve('@kefu/nlp'));
    while (!existsSync(path.join(dir, 'package.json'))) {
      if (path.dirname(dir) === dir) return null;
      dir = path.dirname(dir);
    }
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const file = path.join(dir, pkg.exports['.'].default);
    return existsSync(file) ? pathToFileURL(file).href : null;
  } catch {
    return null;
  }
}

/** Where a matcher was trained (diagnostics and tests). */
export type TrainedWhere = 'inline' | 'thread';

/**
 * Train a matcher on the entries: inline when tiny, else on the training thread, restarted if it died.
 * A failure on the thread rejects (the caller keeps its previous matcher); it is not retried inline,
 * where the same input could take the whole node down.
 */
export async function trainMatcher(
  entries: FaqEntry[],
  synonyms: SynonymGroups = [],
): Promise<{ matcher: FaqMatcher; where: TrainedWhere }> {
  const questions = entries.reduce((n, e) => n + e.questions.length, 0);
  if (questions > INLINE_MAX_QUESTIONS) {
    const t = trainingThread();
    if (t)
      return { matcher: FaqMatcher.deserialize(await t.run('faq', { entries, synonyms })), where: 'thread' };
  }
  return { matcher: FaqMatcher.train(entries, {}, synonyms), where: 'inline' };
}

/** One of the engine's training jobs on the training thread (inline when the engine is not built). */
export async function runOnThread(job: TrainingJob): Promise<TrainingJobResult> {
  const t = trainingThread();
  return t ? t.run('job', job) : runTrainingJob(job);
}

function trainingThread(): TrainingThread | null {
  if (threadsUnavailable) return null;
  if (!thread || thread.dead) {
    const url = engineUrl();
    thread = url ? new TrainingThread(url) : null;
  }
  return thread;
}

/** Stop the training thread (shutdown, tests); the next training starts a new one. */
export async function stopTrainingThread() {
  const t = thread;
  thread = null;
  if (t && !t.dead) await t.terminate();
}

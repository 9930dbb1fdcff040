// Helpers shared by the benchmarks (starting a Kefu server, reporting and appending results).
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** Exits with a hint when the server has not been built (the benchmarks run the compiled CLI). */
export function requireBuiltServer() {
  if (!fs.existsSync(path.join(root, 'apps/server/dist/cli.js'))) {
    console.error('build first: npm run build');
    process.exit(2);
  }
}

/** A TCP port that was free a moment ago. */
export const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resident memory of a process in MB, from /proc (Linux), rounded to `decimals`. */
export const rssMb = (pid, decimals = 0) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const f = 10 ** decimals;
  return Math.round((Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024) * f) / f;
};

/** A benchmark's results with the date and this machine, printed as JSON on stdout (what every benchmark prints). */
export function report(results) {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const result = {
    date: new Date().toISOString(),
    machine: `${cpu}, ${os.cpus().length} cores, Node ${process.version}`,
    results,
  };
  console.log(JSON.stringify(result, null, 2));
  return result;
}

/** Appends a section to BENCHMARKS.md. */
export function appendToBenchmarks(lines) {
  fs.appendFileSync(path.join(root, 'BENCHMARKS.md'), lines.join('\n'));
  console.error('appended results to BENCHMARKS.md');
}

// Helpers shared by the benchmarks that start a Kefu server (platform.mjs, message-path.mjs).
import fs from 'node:fs';
import net from 'node:net';
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

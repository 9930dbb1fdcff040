import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../bin/kefu.js', import.meta.url));
const built = fs.existsSync(fileURLToPath(new URL('../dist/cli.js', import.meta.url)));

/** The `kefu` command as an operator uses it, against a throw-away embedded database. */
describe.runIf(built)('kefu CLI (embedded)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-cli-'));
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '', LOG_LEVEL: 'silent' };
  const kefu = (...args: string[]) => run(process.execPath, [BIN, ...args], { env }).catch((e) => e);

  it('doctor reports pending migrations, migrate applies them, doctor is then happy', async () => {
    const before = await kefu('doctor');
    expect(before.stdout).toContain('✗ migrations');
    expect(before.code).toBe(1);
    const migrated = await kefu('migrate');
    expect(migrated.stdout).toContain('applied: 001_platform');
    const after = await kefu('doctor');
    expect(after.stdout).toContain('✓ migrations');
    expect(after.stdout).toContain('✓ database');
  });

  it('seed creates the demo workspace once; tenant create adds a workspace with its owner', async () => {
    expect((await kefu('seed')).stdout).toContain('demo workspace created');
    expect((await kefu('seed')).stdout).toContain('exists already');
    const created = await kefu(
      'tenant',
      'create',
      '--name',
      '新公司',
      '--email',
      'boss@example.test',
      '--password',
      'password123',
      '--slug',
      'new-co',
    );
    expect(created.stdout).toContain('created tenant 新公司 (new-co');
    const dup = await kefu(
      'tenant',
      'create',
      '--name',
      'x',
      '--email',
      'boss@example.test',
      '--password',
      'password123',
    );
    expect(dup.code).not.toBe(0);
  });

  it('explains bad usage and bad configuration clearly', async () => {
    const usage = await kefu('tenant', 'create', '--name', 'x');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('needs --name, --email and --password');
    const badEnv = await run(process.execPath, [BIN, 'doctor'], { env: { ...env, PORT: 'abc' } }).catch(
      (e) => e,
    );
    expect(badEnv.stdout).toContain('PORT must be an integer');
    const unknown = await kefu('frobnicate');
    expect(unknown.code).toBe(2);
  });
});

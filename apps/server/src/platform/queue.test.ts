import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODE, eventually, openTestEnv, signupWorkspace, type TestEnv } from '../test/harness.js';
import type { KefuServer } from '../app.js';
import { MemoryJobQueue } from './queue.js';

describe(`job queue (${MODE})`, () => {
  let env: TestEnv;
  let server: KefuServer;
  beforeAll(async () => {
    env = await openTestEnv();
    server = await env.node();
  });
  afterAll(() => env.close());

  it('retries a failing job with backoff, then succeeds', async () => {
    const { tenant } = await signupWorkspace(server);
    let calls = 0;
    server.kernel.queue.handle('default', 'test.flaky', async () => {
      calls++;
      if (calls < 3) throw new Error('temporary');
    });
    await server.kernel.queue.add(
      'default',
      'test.flaky',
      { tenantId: tenant.id },
      { attempts: 5, backoffMs: 10 },
    );
    await eventually(() => calls === 3);
  });

  it('the same job id is queued once (idempotent enqueue)', async () => {
    const { tenant } = await signupWorkspace(server);
    let calls = 0;
    server.kernel.queue.handle('default', 'test.once', async () => {
      calls++;
    });
    for (let i = 0; i < 3; i++)
      await server.kernel.queue.add(
        'default',
        'test.once',
        { tenantId: tenant.id },
        { jobId: `once-${tenant.id}` },
      );
    await eventually(() => calls === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(calls).toBe(1);
  });

  it('in embedded mode, remembers finished job ids for de-duplication only up to a bound', async () => {
    const queue = server.kernel.queue;
    if (!(queue instanceof MemoryJobQueue)) return; // BullMQ's own retention applies in scaled mode
    const { tenant } = await signupWorkspace(server);
    let calls = 0;
    queue.handle('default', 'test.many', async () => {
      calls++;
    });
    for (let i = 0; i < 1200; i++)
      await queue.add('default', 'test.many', { tenantId: tenant.id }, { jobId: `many-${tenant.id}-${i}` });
    await eventually(() => calls === 1200);
    expect(queue.rememberedIds).toBeLessThanOrEqual(1000);
    // a recently finished id still blocks a duplicate
    await queue.add('default', 'test.many', { tenantId: tenant.id }, { jobId: `many-${tenant.id}-1199` });
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).toBe(1200);
  });

  it('puts a job that keeps failing on the dead-letter list, where an admin retries it', async () => {
    const { tenant, client } = await signupWorkspace(server);
    let healthy = false;
    let succeeded = 0;
    server.kernel.queue.handle('webhooks', 'test.broken', async () => {
      if (!healthy) throw new Error('endpoint down 503');
      succeeded++;
    });
    await server.kernel.queue.add(
      'webhooks',
      'test.broken',
      { tenantId: tenant.id, url: 'x' },
      { attempts: 2, backoffMs: 10 },
    );
    const dead = await eventually(async () => (await client.get('/api/v1/jobs/dead')).body.items[0]);
    expect(dead).toMatchObject({
      queue: 'webhooks',
      name: 'test.broken',
      attempts: 2,
      error: 'endpoint down 503',
    });
    healthy = true;
    expect((await client.post(`/api/v1/jobs/dead/${dead.id}/retry`)).status).toBe(202);
    await eventually(() => succeeded === 1);
    expect((await client.get('/api/v1/jobs/dead')).body.items).toHaveLength(0);
    expect((await client.post(`/api/v1/jobs/dead/${dead.id}/retry`)).status).toBe(404);
  });

  it('a slow queue does not hold up another', async () => {
    const { tenant } = await signupWorkspace(server);
    let release!: () => void;
    const blocked = new Promise<void>((r) => (release = r));
    let fastDone = false;
    server.kernel.queue.handle('webhooks', 'test.slow', () => blocked);
    server.kernel.queue.handle('default', 'test.fast', async () => {
      fastDone = true;
    });
    for (let i = 0; i < 10; i++)
      await server.kernel.queue.add('webhooks', 'test.slow', { tenantId: tenant.id });
    await server.kernel.queue.add('default', 'test.fast', { tenantId: tenant.id });
    await eventually(() => fastDone);
    release();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRealtimeClient, type EventEnvelope } from '@kefu/shared';
import {
  MODE,
  SCALED,
  adminToken,
  eventually,
  openTestEnv,
  signupWorkspace,
  type TestEnv,
} from '../test/harness.js';
import type { KefuServer } from '../app.js';

describe(`resumable realtime event stream (${MODE})`, () => {
  let env: TestEnv;
  let server: KefuServer;
  let url: string;
  beforeAll(async () => {
    env = await openTestEnv();
    server = await env.node();
    url = await server.listen();
  });
  afterAll(() => env.close());

  it('delivers committed events to the tenant room, in sequence, and nothing of other tenants', async () => {
    const a = await signupWorkspace(server, 'RT-A');
    const b = await signupWorkspace(server, 'RT-B');
    const token = await adminToken(a.client);
    const seen: EventEnvelope[] = [];
    const client = createRealtimeClient({ url, auth: { token }, onEvent: (e) => seen.push(e) });
    await eventually(() => client.socket.connected && client.lastSeq >= 0);
    for (let i = 0; i < 5; i++) await a.client.post('/api/v1/teams', { name: `团队 ${i}` });
    await b.client.post('/api/v1/teams', { name: 'other tenant' });
    await eventually(() => seen.filter((e) => e.name === 'team.created').length === 5);
    expect(seen.every((e) => e.tenantId === a.tenant.id)).toBe(true);
    const seqs = seen.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(seqs).size).toBe(seqs.length);
    client.close();
  });

  it('a client that reconnects receives exactly what it missed, once, in order', async () => {
    const a = await signupWorkspace(server, 'RT-C');
    const token = await adminToken(a.client);
    const seen: EventEnvelope[] = [];
    const client = createRealtimeClient({ url, auth: { token }, onEvent: (e) => seen.push(e) });
    await eventually(() => client.socket.connected && client.lastSeq >= 0);
    await a.client.post('/api/v1/teams', { name: 'before' });
    await eventually(() => seen.length === 1);
    client.socket.disconnect();
    for (let i = 0; i < 10; i++) await a.client.post('/api/v1/teams', { name: `missed ${i}` });
    client.socket.connect();
    await eventually(() => seen.length === 11);
    await a.client.post('/api/v1/teams', { name: 'after' });
    await eventually(() => seen.length === 12);
    await new Promise((r) => setTimeout(r, 200));
    expect(seen.map((e) => (e.payload as any).name)).toEqual([
      'before',
      ...Array.from({ length: 10 }, (_, i) => `missed ${i}`),
      'after',
    ]);
    const seqs = seen.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    client.close();
  });

  it('refuses sockets without valid credentials', async () => {
    const client = createRealtimeClient({
      url,
      auth: { token: 'kefu_not-a-token' },
      onEvent: () => undefined,
      socketOptions: { reconnection: false },
    });
    const error = await new Promise<Error>((resolve) => client.socket.on('connect_error', resolve));
    expect(error.message).toBe('unauthenticated');
    client.close();
  });

  it.runIf(SCALED)(
    'fans events out across nodes through Redis: API on one node, socket on another',
    async () => {
      const other = await env.node({ port: 0 });
      const otherUrl = await other.listen();
      const a = await signupWorkspace(server, 'RT-D');
      const token = await adminToken(a.client);
      const seen: EventEnvelope[] = [];
      const client = createRealtimeClient({ url: otherUrl, auth: { token }, onEvent: (e) => seen.push(e) });
      await eventually(() => client.socket.connected && client.lastSeq >= 0);
      await a.client.post('/api/v1/teams', { name: 'via node A' });
      await eventually(() => seen.some((e) => e.name === 'team.created'));
      client.close();
    },
  );
});

describe(`realtime room subscriptions (${MODE})`, () => {
  let env: TestEnv;
  let server: KefuServer;
  let url: string;
  beforeAll(async () => {
    env = await openTestEnv();
    server = await env.node();
    url = await server.listen();
  });
  afterAll(() => env.close());

  it('joins an inbox room of its own tenant, never one of another tenant', async () => {
    const a = await signupWorkspace(server, 'Sub-A');
    const b = await signupWorkspace(server, 'Sub-B');
    const aInbox = (await a.client.get('/api/v1/inboxes')).body.items[0].id;
    const bInbox =
      (await b.client.get('/api/v1/inboxes')).body.items[0]?.id ??
      (await b.client.post('/api/v1/inboxes', { name: 'b', channel: 'website' })).body.inbox.id;
    const client = createRealtimeClient({
      url,
      auth: { token: await adminToken(a.client) },
      onEvent: () => undefined,
    });
    await eventually(() => client.socket.connected);
    const reply = await client.socket.emitWithAck('subscribe', {
      rooms: [`i:${aInbox}`, `i:${bInbox}`, 't:someone-else', 'u:x'],
    });
    expect(reply.rooms).toEqual([`i:${aInbox}`]);
    client.close();
  });
});

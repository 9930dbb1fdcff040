import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '@kefu/shared';
import { Client, MODE, openTestEnv, signupWorkspace, type TestEnv } from '../test/harness.js';
import type { KefuServer } from '../app.js';

describe(`HTTP conventions and operations (${MODE})`, () => {
  let env: TestEnv;
  let server: KefuServer;
  let anon: Client;
  beforeAll(async () => {
    env = await openTestEnv();
    server = await env.node();
    anon = new Client(server);
  });
  afterAll(() => env.close());

  it('every API route is public or names a permission from the matrix', () => {
    const routes = server.app.routeTable.filter((r) => r.url.startsWith('/api/v1/'));
    for (const r of routes) {
      if (r.config.public) continue;
      expect(r.config.permission, `${r.method} ${r.url}`).toBeDefined();
      expect(Object.keys(PERMISSIONS)).toContain(r.config.permission);
    }
  });

  it('health, readiness and Prometheus metrics', async () => {
    expect((await anon.get('/healthz')).body).toEqual({ ok: true });
    const ready = await anon.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.database).toBe('ok');
    expect(ready.body.checks.migrations).toBe('ok');
    if (MODE === 'scaled') expect(ready.body.checks.redis).toBe('ok');
    await anon.get('/api/v1/auth/csrf');
    const metrics = await anon.get('/metrics');
    expect(metrics.status).toBe(200);
    for (const name of [
      'kefu_http_request_duration_seconds_bucket',
      'kefu_realtime_open_sockets',
      'kefu_queue_depth',
      'kefu_outbox_lag_seconds',
    ]) {
      expect(metrics.body).toContain(name);
    }
  });

  it('publishes an OpenAPI 3 document and a browsable reference', async () => {
    const doc = await anon.get('/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/teams/{id}']),
    );
    const ui = await anon.get('/api/docs/');
    expect(ui.status).toBe(200);
  });

  it('answers with request ids and the error envelope', async () => {
    const res = await anon.request('GET', '/api/v1/nope', undefined, { 'x-request-id': 'trace-12345678' });
    expect(res.status).toBe(404);
    expect(res.headers['x-request-id']).toBe('trace-12345678');
    expect(res.body.error).toMatchObject({ code: 'route_not_found', requestId: 'trace-12345678' });
    const unauth = await anon.get('/api/v1/users');
    expect(unauth.status).toBe(401);
    expect(unauth.body.error.code).toBe('unauthenticated');
  });

  it('validation errors name the field at fault', async () => {
    const res = await anon.post('/api/v1/auth/signup', {
      workspaceName: 'x',
      name: 'y',
      email: 'not-an-email',
      password: 'longenough',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details[0].field).toBe('email');
  });

  it('cursor pagination walks a list without gaps or repeats', async () => {
    const { client } = await signupWorkspace(server);
    for (let i = 0; i < 7; i++) await client.post('/api/v1/teams', { name: `t${i}` });
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await client.get(`/api/v1/teams?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      names.push(...page.body.items.map((t: any) => t.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(names).toEqual(['t0', 't1', 't2', 't3', 't4', 't5', 't6']);
  });

  it('sets security headers and httpOnly SameSite session cookies', async () => {
    const c = new Client(server);
    await c.csrf();
    const res = await c.server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      headers: {
        'x-csrf-token': c.cookies.get('kefu_csrf')!,
        cookie: `kefu_csrf=${c.cookies.get('kefu_csrf')}`,
      },
      payload: {
        workspaceName: 'Hdr',
        name: 'n',
        email: `hdr-${Date.now()}@example.test`,
        password: 'password123',
      },
    });
    const session = (res.cookies as any[]).find((k) => k.name === 'kefu_session');
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('tenant settings: locale, timezone and business hours, validated', async () => {
    const { client } = await signupWorkspace(server);
    const ok = await client.patch('/api/v1/tenant', {
      defaultLocale: 'en',
      timezone: 'Europe/Berlin',
      businessHours: [{ day: 1, open: '08:30', close: '17:00' }],
    });
    expect(ok.status).toBe(200);
    expect(ok.body.tenant).toMatchObject({ defaultLocale: 'en', timezone: 'Europe/Berlin' });
    const badTz = await client.patch('/api/v1/tenant', { timezone: 'Mars/Olympus' });
    expect(badTz.status).toBe(400);
    expect(badTz.body.error.details[0].field).toBe('timezone');
    const badHours = await client.patch('/api/v1/tenant', {
      businessHours: [{ day: 1, open: '18:00', close: '09:00' }],
    });
    expect(badHours.body.error.details[0].field).toBe('businessHours.0.close');
  });

  it('presence and teams', async () => {
    const { client, user } = await signupWorkspace(server);
    expect((await client.put('/api/v1/me/presence', { presence: 'away' })).body.user.presence).toBe('away');
    const team = (await client.post('/api/v1/teams', { name: 'VIP 组' })).body.team;
    const set = await client.put(`/api/v1/teams/${team.id}/members`, { userIds: [user.id] });
    expect(set.body.team.memberIds).toEqual([user.id]);
    expect((await client.get(`/api/v1/users/${user.id}`)).body.user.teamIds).toEqual([team.id]);
  });
});

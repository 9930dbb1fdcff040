import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  MODE,
  adminToken,
  openTestEnv,
  signupWorkspace,
  uniqueEmail,
  eventually,
  type TestEnv,
} from '../../test/harness.js';
import type { KefuServer } from '../../app.js';

describe(`accounts and sessions (${MODE})`, () => {
  let env: TestEnv;
  let server: KefuServer;
  beforeAll(async () => {
    env = await openTestEnv({ loginMaxAttempts: 3 });
    server = await env.node();
  });
  afterAll(() => env.close());

  it('signs up a workspace whose owner is signed in', async () => {
    const { client, tenant, user } = await signupWorkspace(server, '星河 Shop', 'zh-CN');
    expect(tenant.name).toBe('星河 Shop');
    expect(tenant.defaultLocale).toBe('zh-CN');
    expect(user.role).toBe('owner');
    const me = await client.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(user.email);
    expect(me.body.tenant.id).toBe(tenant.id);
  });

  it('refuses a second account with the same e-mail, naming the field', async () => {
    const { email } = await signupWorkspace(server);
    const res = await new Client(server).post('/api/v1/auth/signup', {
      workspaceName: 'X',
      name: 'Y',
      email,
      password: 'password123',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('email_taken');
    expect(res.body.error.details[0].field).toBe('email');
  });

  it('requires the CSRF token for cookie-authenticated changes', async () => {
    const { client } = await signupWorkspace(server);
    const res = await client.request(
      'PATCH',
      '/api/v1/me',
      { name: 'x' },
      { 'x-csrf-token': 'wrong-token-wrong-token' },
    );
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf_invalid');
  });

  it('logs in and out; wrong passwords lock the account for a while', async () => {
    const { email, password } = await signupWorkspace(server);
    const c = new Client(server);
    expect((await c.post('/api/v1/auth/login', { email, password })).status).toBe(200);
    expect((await c.get('/api/v1/auth/me')).status).toBe(200);
    expect((await c.post('/api/v1/auth/logout')).status).toBe(204);
    expect((await c.get('/api/v1/auth/me')).status).toBe(401);

    const bad = new Client(server);
    for (let i = 0; i < 3; i++) {
      const res = await bad.post('/api/v1/auth/login', { email, password: 'nope-nope' });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('invalid_credentials');
    }
    const locked = await bad.post('/api/v1/auth/login', { email, password });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('too_many_attempts');
  });

  it('rate-limits the sign-in endpoints per client address', async () => {
    const limited = await openTestEnv({ authRateLimitPerMinute: 3 });
    try {
      const node = await limited.node();
      const c = new Client(node);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++)
        statuses.push(
          (await c.post('/api/v1/auth/login', { email: 'x@example.test', password: 'whatever' })).status,
        );
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      const last = await c.post('/api/v1/auth/login', { email: 'x@example.test', password: 'whatever' });
      expect(last.status).toBe(429);
      expect(last.body.error.code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });

  it('stores password hashes with argon2id, never the password', async () => {
    const { email, password } = await signupWorkspace(server);
    const [row] = await env.db.system.query('SELECT password_hash FROM users WHERE email = $1', [email]);
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
    expect(row.password_hash).not.toContain(password);
  });

  it('resets a password with a single-use mailed token', async () => {
    const { client: owner, email } = await signupWorkspace(server);
    const anon = new Client(server);
    expect((await anon.post('/api/v1/auth/password/forgot', { email })).status).toBe(202);
    expect((await anon.post('/api/v1/auth/password/forgot', { email: uniqueEmail('nobody') })).status).toBe(
      202,
    );
    const mail = await eventually(async () => {
      const list = await owner.get('/api/v1/mail-outbox');
      return list.body.items.find((m: any) => m.to === email);
    });
    const token = /token=([\w-]+)/.exec(mail.text)![1];
    expect(
      (await anon.post('/api/v1/auth/password/reset', { token, password: 'a brand new one' })).status,
    ).toBe(204);
    const again = await anon.post('/api/v1/auth/password/reset', { token, password: 'another new one' });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('token_invalid');
    expect((await anon.post('/api/v1/auth/login', { email, password: 'a brand new one' })).status).toBe(200);
  });

  it('invites an agent who accepts and gets the agent role and its limits', async () => {
    const { client: owner, tenant } = await signupWorkspace(server);
    const email = uniqueEmail('agent');
    const inv = await owner.post('/api/v1/invitations', { email, role: 'agent' });
    expect(inv.status).toBe(201);
    const mail = await eventually(async () =>
      (await owner.get('/api/v1/mail-outbox')).body.items.find((m: any) => m.to === email),
    );
    const token = /token=([\w-]+)/.exec(mail.text)![1];
    const anon = new Client(server);
    const info = await anon.get(`/api/v1/auth/invitations/${token}`);
    expect(info.body).toMatchObject({ email, role: 'agent', workspaceName: tenant.name });
    const accepted = await anon.post('/api/v1/auth/invitations/accept', {
      token,
      name: '小李',
      password: 'agent password',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user.role).toBe('agent');
    expect(accepted.body.tenant.id).toBe(tenant.id);
    // single use
    expect(
      (
        await new Client(server).post('/api/v1/auth/invitations/accept', {
          token,
          name: 'x',
          password: 'whatever1',
        })
      ).status,
    ).toBe(404);
    // the agent may read members but not manage them or the workspace
    expect((await anon.get('/api/v1/users')).status).toBe(200);
    expect((await anon.patch('/api/v1/tenant', { name: 'hijack' })).status).toBe(403);
    expect((await anon.post('/api/v1/invitations', { email: uniqueEmail(), role: 'admin' })).status).toBe(
      403,
    );
    expect((await anon.get('/api/v1/audit-log')).status).toBe(403);
    // the owner sees it all in the audit log
    const log = await owner.get('/api/v1/audit-log');
    const actions = log.body.items.map((e: any) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['tenant.signup', 'invitation.created', 'invitation.accepted']),
    );
  });

  it('keeps a workspace owner: nobody demotes themselves, admins cannot touch owners', async () => {
    const { client: owner, user } = await signupWorkspace(server);
    const self = await owner.patch(`/api/v1/users/${user.id}`, { role: 'agent' });
    expect(self.status).toBe(403);
    const token = await adminToken(owner);
    const viaToken = await owner.withToken(token).patch(`/api/v1/users/${user.id}`, { active: false });
    expect(viaToken.status).toBe(403);
    const me = await owner.get('/api/v1/auth/me');
    expect(me.body.user).toMatchObject({ role: 'owner', active: true });
  });

  it('API tokens: shown once, stored hashed, scoped, revocable', async () => {
    const { client: owner } = await signupWorkspace(server);
    const created = await owner.post('/api/v1/api-tokens', { name: 'crm', scopes: ['users.read'] });
    expect(created.status).toBe(201);
    const secret: string = created.body.secret;
    const [row] = await env.db.system.query('SELECT token_hash FROM api_tokens WHERE id = $1', [
      created.body.token.id,
    ]);
    expect(row.token_hash).not.toContain(secret);
    const list = await owner.get('/api/v1/api-tokens');
    expect(JSON.stringify(list.body)).not.toContain(secret);
    const api = owner.withToken(secret);
    expect((await api.get('/api/v1/users')).status).toBe(200);
    expect((await api.get('/api/v1/teams')).status).toBe(403);
    expect((await owner.del(`/api/v1/api-tokens/${created.body.token.id}`)).status).toBe(204);
    const revoked = await api.get('/api/v1/users');
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('token_invalid');
  });

  it('honours Idempotency-Key on create requests', async () => {
    const { client: owner } = await signupWorkspace(server);
    const key = { 'idempotency-key': 'team-create-1' };
    const a = await owner.post('/api/v1/teams', { name: '售后组' }, key);
    const b = await owner.post('/api/v1/teams', { name: '售后组' }, key);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.body.team.id).toBe(a.body.team.id);
    const c = await owner.post('/api/v1/teams', { name: '另一组' }, key);
    expect(c.status).toBe(422);
    const teams = await owner.get('/api/v1/teams');
    expect(teams.body.items).toHaveLength(1);
  });
});

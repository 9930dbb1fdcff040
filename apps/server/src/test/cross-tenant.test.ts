import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  MODE,
  adminToken,
  eventually,
  openTestEnv,
  signupWorkspace,
  uniqueEmail,
  type TestEnv,
} from './harness.js';
import { fillPath, queryProperties, sampleFor } from './samples.js';
import type { KefuServer } from '../app.js';

/**
 * Walks every registered API route as tenant B — with B's session and with B's all-scopes API token —
 * aiming at tenant A's ids. Expected: 403/404 for anything addressed by id, and never a byte of A's data
 * in any response. Routes added later are walked automatically (they come from the route table).
 */
describe(`tenant isolation across every route (${MODE})`, () => {
  let env: TestEnv;
  let server: KefuServer;
  const aIds: string[] = [];
  const aSecrets: string[] = [];
  let aOwner: Client;
  let snapshotBefore: string;

  const snapshotA = async () => {
    const parts = await Promise.all(
      [
        '/api/v1/users',
        '/api/v1/teams',
        '/api/v1/invitations',
        '/api/v1/api-tokens',
        '/api/v1/inboxes',
        '/api/v1/tenant',
        '/api/v1/jobs/dead',
        '/api/v1/conversations',
        '/api/v1/canned-responses',
        '/api/v1/contacts',
        '/api/v1/kb/categories',
        '/api/v1/kb/articles',
        '/api/v1/kb/faqs',
        '/api/v1/kb/faqs/export?format=csv',
        '/api/v1/bot/synonyms',
      ].map(async (u) => JSON.stringify((await aOwner.get(u)).body)),
    );
    return parts.join('\n');
  };

  beforeAll(async () => {
    env = await openTestEnv();
    server = await env.node();
    const a = await signupWorkspace(server, 'Tenant-A-SECRET-MARKER');
    aOwner = a.client;
    aIds.push(a.user.id, a.tenant.id);
    aSecrets.push('Tenant-A-SECRET-MARKER', a.email, a.tenant.slug);
    const team = await aOwner.post('/api/v1/teams', { name: 'A-team-SECRET' });
    aIds.push(team.body.team.id);
    const inboxes = await aOwner.get('/api/v1/inboxes');
    const inbox = await aOwner.post('/api/v1/inboxes', { name: 'A-inbox-SECRET', channel: 'website' });
    aIds.push(inbox.body.inbox.id, ...inboxes.body.items.map((i: any) => i.id));
    const agentEmail = uniqueEmail('a-agent');
    const inv = await aOwner.post('/api/v1/invitations', { email: agentEmail, role: 'agent' });
    aIds.push(inv.body.invitation.id);
    aSecrets.push(agentEmail);
    const tok = await aOwner.post('/api/v1/api-tokens', { name: 'A-token-SECRET', scopes: ['users.read'] });
    aIds.push(tok.body.token.id);
    aSecrets.push(tok.body.secret, 'A-team-SECRET', 'A-inbox-SECRET', 'A-token-SECRET');
    const [dead] = await env.db.tenantTx(a.tenant.id, (sql) =>
      sql.query(
        `INSERT INTO dead_jobs (tenant_id, queue, name, data, attempts, error) VALUES ($1, 'default', 'x', '{}', 1, 'A-dead-SECRET') RETURNING id`,
        [a.tenant.id],
      ),
    );
    aIds.push(dead.id);
    aSecrets.push('A-dead-SECRET');
    // live chat data: a visitor's conversation with a message, a note, a canned response, a notification
    const publicId = (await aOwner.get('/api/v1/inboxes')).body.items[0].publicId;
    const session = await server.app.inject({
      method: 'POST',
      url: `/api/v1/widget/inboxes/${publicId}/sessions`,
      payload: {},
    });
    const visitorToken = JSON.parse(session.body).visitorToken;
    const sent = await server.app.inject({
      method: 'POST',
      url: '/api/v1/widget/messages',
      headers: { 'x-visitor-token': visitorToken },
      payload: { clientId: crypto.randomUUID(), body: 'A-message-SECRET 订单' },
    });
    const { conversation, message } = JSON.parse(sent.body);
    aIds.push(conversation.id, message.id);
    const conv = await aOwner.get(`/api/v1/conversations/${conversation.id}`);
    aIds.push(conv.body.contact.id);
    await aOwner.patch(`/api/v1/contacts/${conv.body.contact.id}`, { name: 'A-contact-SECRET' });
    const note = await aOwner.post(`/api/v1/contacts/${conv.body.contact.id}/notes`, {
      body: 'A-note-SECRET',
    });
    aIds.push(note.body.note.id);
    const canned = await aOwner.post('/api/v1/canned-responses', {
      shortcut: 'asecret',
      title: 'A-canned-SECRET',
      body: 'x',
      shared: true,
    });
    aIds.push(canned.body.cannedResponse.id);
    // knowledge base: a category, a published article (with a version and a helpful vote), a FAQ entry
    const kbCategory = await aOwner.post('/api/v1/kb/categories', {
      names: { 'zh-CN': 'A-category-SECRET' },
    });
    const kbArticle = await aOwner.post('/api/v1/kb/articles', {
      slug: 'a-article-secret',
      status: 'published',
      categoryId: kbCategory.body.category.id,
      translations: { 'zh-CN': { title: 'A-article-SECRET', bodyMd: 'A-body-SECRET 退款' } },
    });
    const kbVersions = await aOwner.get(`/api/v1/kb/articles/${kbArticle.body.article.id}/versions`);
    const kbFaq = await aOwner.post('/api/v1/kb/faqs', {
      question: 'A-faq-SECRET 怎么退款',
      similarQuestions: ['A-similar-SECRET'],
      answer: { text: 'A-answer-SECRET' },
      categoryId: kbCategory.body.category.id,
    });
    await server.app.inject({
      method: 'POST',
      url: `/help/${a.tenant.slug}/articles/a-article-secret/feedback`,
      payload: { helpful: true },
    });
    aIds.push(
      kbCategory.body.category.id,
      kbArticle.body.article.id,
      kbVersions.body.items[0].id,
      kbFaq.body.faq.id,
    );
    aSecrets.push(
      'A-category-SECRET',
      'A-article-SECRET',
      'A-body-SECRET',
      'A-faq-SECRET',
      'A-similar-SECRET',
      'A-answer-SECRET',
      'a-article-secret',
    );
    // the bot: A's inbox answers a visitor from A's FAQ, leaving a bot session and a turn behind
    const aInbox = (await aOwner.get('/api/v1/inboxes')).body.items[0];
    await aOwner.patch(`/api/v1/inboxes/${aInbox.id}`, { settings: { bot: { enabled: true } } });
    const botVisitor = JSON.parse(
      (
        await server.app.inject({
          method: 'POST',
          url: `/api/v1/widget/inboxes/${publicId}/sessions`,
          payload: {},
        })
      ).body,
    ).visitorToken;
    const botAsk = await server.app.inject({
      method: 'POST',
      url: '/api/v1/widget/messages',
      headers: { 'x-visitor-token': botVisitor },
      payload: { clientId: crypto.randomUUID(), body: 'A-faq-SECRET 怎么退款' },
    });
    const botConversation = JSON.parse(botAsk.body).conversation.id;
    const botAnswer = await eventually(async () => {
      const items = (await aOwner.get(`/api/v1/conversations/${botConversation}/messages`)).body.items;
      return items.find((m: any) => m.senderType === 'bot');
    });
    aIds.push(botConversation, botAnswer.id);
    aSecrets.push(botVisitor);
    const aFlow = await aOwner.post('/api/v1/bot/flows', {
      name: 'A-flow-SECRET',
      triggers: ['A-trigger-SECRET'],
      source: 'slots: []\nrequest:\n  url: https://shop.example/a\nanswer:\n  text: A-flowanswer-SECRET\n',
      secret: 'A-flowsecret-SECRET',
    });
    aIds.push(aFlow.body.flow.id);
    const aSynonyms = await aOwner.post('/api/v1/bot/synonyms', {
      terms: ['A-syn-SECRET', 'A-alias-SECRET'],
    });
    expect(aSynonyms.status).toBe(201);
    aIds.push(aSynonyms.body.group.id);
    aSecrets.push('A-syn-SECRET', 'A-alias-SECRET');
    await aOwner.put('/api/v1/bot/ai', {
      enabled: false,
      baseUrl: 'https://ai.example/v1',
      apiKey: 'A-aikey-SECRET',
      embeddingModel: 'A-aimodel-SECRET',
      chatModel: 'A-aimodel-SECRET',
    });
    aSecrets.push('A-aikey-SECRET', 'A-aimodel-SECRET');
    aSecrets.push('A-flow-SECRET', 'A-trigger-SECRET', 'A-flowanswer-SECRET', 'A-flowsecret-SECRET');
    await aOwner.post(`/api/v1/conversations/${conversation.id}/assign`, {
      assigneeId: a.user.id,
      note: 'A-transfer-SECRET',
    });
    aSecrets.push(
      'A-message-SECRET',
      'A-contact-SECRET',
      'A-note-SECRET',
      'A-canned-SECRET',
      'A-transfer-SECRET',
      visitorToken,
    );
    await eventually(async () => (await aOwner.get('/api/v1/mail-outbox')).body.items.length > 0);
    const audit = await aOwner.get('/api/v1/audit-log');
    aIds.push(...audit.body.items.map((e: any) => e.id));
    snapshotBefore = await snapshotA();
  });
  afterAll(() => env.close());

  it('walks every route with the other tenant’s credentials and ids', async () => {
    const b = await signupWorkspace(server, 'Tenant B');
    const bToken = b.client.withToken(await adminToken(b.client));
    const routes = server.app.routeTable.filter((r) => r.url.startsWith('/api/v1/') && !r.config.public);
    expect(routes.length).toBeGreaterThan(20);
    const failures: string[] = [];
    let requests = 0;
    for (const caller of [b.client, bToken]) {
      for (const route of routes) {
        const hasParams = route.url.includes(':');
        const targets = hasParams ? aIds : [null];
        // search texts of routes that take one: words of A's data must find nothing of A's
        const searches = queryProperties(route.schema?.querystring).has('q')
          ? ['SECRET', 'A-faq-SECRET 怎么退款', '退款', 'A-answer-SECRET', 'A-similar']
          : [];
        for (const [target, q] of [
          ...targets.map((t) => [t, null] as const),
          ...(hasParams ? [] : searches.map((s) => [null, s] as const)),
        ]) {
          const url = fillPath(route.url, () => target!) + (q === null ? '' : `?q=${encodeURIComponent(q)}`);
          const body = route.schema?.body ? sampleFor(route.schema.body, () => aIds[0]) : undefined;
          const res = await caller.request(
            route.method as any,
            url,
            route.method === 'GET' || route.method === 'DELETE' ? undefined : (body ?? {}),
          );
          requests++;
          const text = JSON.stringify(res.body ?? '');
          const leaked =
            aSecrets.find((s) => text.includes(s)) ??
            (hasParams ? undefined : aIds.find((id) => text.includes(id)));
          if (leaked) failures.push(`${route.method} ${url} leaked ${leaked}`);
          if (hasParams && ![403, 404].includes(res.status))
            failures.push(`${route.method} ${url} → ${res.status} (want 403/404)`);
          if (res.status >= 500) failures.push(`${route.method} ${url} → ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(100);
    expect(await snapshotA()).toBe(snapshotBefore);
  });

  it('row-level security hides other tenants even from a query with no tenant filter', async () => {
    const b = await signupWorkspace(server, 'Tenant C');
    const tables = [
      'users',
      'teams',
      'invitations',
      'api_tokens',
      'inboxes',
      'audit_log',
      'events',
      'mail_outbox',
      'dead_jobs',
      'sessions',
      'tenants',
      'contacts',
      'contact_notes',
      'visitors',
      'conversations',
      'messages',
      'canned_responses',
      'notifications',
      'attachments',
      'conversation_reads',
      'kb_categories',
      'kb_articles',
      'kb_article_translations',
      'kb_article_versions',
      'kb_faqs',
      'kb_feedback',
    ];
    for (const table of tables) {
      const rows = await env.db.tenantTx(b.tenant.id, (sql) => sql.query(`SELECT * FROM ${table}`));
      const text = JSON.stringify(rows);
      for (const id of aIds.slice(0, 2)) expect(text, `${table} leaked`).not.toContain(id);
      for (const secret of aSecrets) expect(text, `${table} leaked`).not.toContain(secret);
    }
    // and writes into another tenant are refused by the policy, not just filtered
    const [aTenant] = aIds.slice(1, 2);
    await expect(
      env.db.tenantTx(b.tenant.id, (sql) =>
        sql.query(`INSERT INTO teams (tenant_id, name) VALUES ($1, 'intruder')`, [aTenant]),
      ),
    ).rejects.toThrow(/row-level security/);
    const [role] = await env.db.tenantTx(b.tenant.id, (sql) =>
      sql.query(
        `SELECT current_user AS name, r.rolsuper, r.rolbypassrls FROM pg_roles r WHERE r.rolname = current_user`,
      ),
    );
    expect(role).toEqual({ name: 'kefu_app', rolsuper: false, rolbypassrls: false });
  });
});

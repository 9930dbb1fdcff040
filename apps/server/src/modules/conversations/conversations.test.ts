import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  MODE,
  eventually,
  openTestEnv,
  signupWorkspace,
  uniqueEmail,
  type TestEnv,
} from '../../test/harness.js';
import type { KefuServer } from '../../app.js';
import { wakeSnoozed } from './realtime.js';
import { renderCanned } from '../canned/index.js';

describe(`agent workspace API (${MODE})`, () => {
  let env: TestEnv;
  let server: KefuServer;
  beforeAll(async () => {
    env = await openTestEnv();
    server = await env.node();
  });
  afterAll(() => env.close());

  const visitorSays = async (publicId: string, ...bodies: string[]) => {
    const start = await server.app.inject({
      method: 'POST',
      url: `/api/v1/widget/inboxes/${publicId}/sessions`,
      payload: {},
    });
    const token = JSON.parse(start.body).visitorToken;
    let conversationId = '';
    for (const body of bodies) {
      const res = await server.app.inject({
        method: 'POST',
        url: '/api/v1/widget/messages',
        headers: { 'x-visitor-token': token },
        payload: { clientId: crypto.randomUUID(), body },
      });
      conversationId = JSON.parse(res.body).conversation.id;
    }
    return { token, conversationId };
  };

  const workspace = async () => {
    const ws = await signupWorkspace(server, 'Agents');
    const inbox = (await ws.client.get('/api/v1/inboxes')).body.items[0];
    const agents: { client: Client; id: string }[] = [];
    for (const name of ['小王', '小李']) {
      const email = uniqueEmail('agent');
      await ws.client.post('/api/v1/invitations', { email, role: 'agent' });
      const mail = await eventually(async () =>
        (await ws.client.get('/api/v1/mail-outbox')).body.items.find((m: any) => m.to === email),
      );
      const token = /token=([\w-]+)/.exec(mail.text)![1];
      const c = new Client(server);
      const accepted = await c.post('/api/v1/auth/invitations/accept', {
        token,
        name,
        password: 'agent password',
      });
      agents.push({ client: c, id: accepted.body.user.id });
    }
    return { ...ws, inbox, agents };
  };

  it('two agents taking the same conversation at once: exactly one gets it', async () => {
    const { inbox, agents } = await workspace();
    const { conversationId } = await visitorSays(inbox.publicId, '有人吗');
    const results = await Promise.all(
      agents.map((a) =>
        a.client.post(`/api/v1/conversations/${conversationId}/assign`, { assigneeId: a.id }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!.body.conversation.assignee.id;
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body.error.code).toBe('already_assigned');
    const mine = await agents.find((a) => a.id === winner)!.client.get('/api/v1/conversations?view=mine');
    expect(mine.body.items.map((c: any) => c.id)).toEqual([conversationId]);
  });

  it('transfer with a note: system message, private note, notification for the new assignee', async () => {
    const { inbox, agents, client: owner } = await workspace();
    const { conversationId } = await visitorSays(inbox.publicId, '我要退货');
    const [a, b] = agents;
    await a.client.post(`/api/v1/conversations/${conversationId}/assign`, { assigneeId: a.id });
    const moved = await a.client.post(`/api/v1/conversations/${conversationId}/assign`, {
      assigneeId: b.id,
      note: '客户要退货，请跟进',
    });
    expect(moved.body.conversation.assignee.id).toBe(b.id);
    const messages = (await owner.get(`/api/v1/conversations/${conversationId}/messages`)).body.items;
    expect(messages.filter((m: any) => m.senderType === 'system').map((m: any) => m.body)).toEqual([
      '小王 joined the conversation',
      '小李 joined the conversation',
    ]);
    expect(messages.find((m: any) => m.private)).toMatchObject({
      body: '客户要退货，请跟进',
      sender: { id: a.id },
    });
    const notes = await b.client.get('/api/v1/notifications');
    expect(notes.body.unread).toBeGreaterThan(0);
    expect(notes.body.items[0]).toMatchObject({ kind: 'assigned', conversationId, actor: { id: a.id } });
  });

  it('@mentions in internal notes notify the mentioned member', async () => {
    const { inbox, agents } = await workspace();
    const { conversationId } = await visitorSays(inbox.publicId, 'help');
    const [a, b] = agents;
    await a.client.post(`/api/v1/conversations/${conversationId}/messages`, {
      clientId: crypto.randomUUID(),
      body: '@小李 看一下',
      private: true,
      mentions: [b.id],
    });
    const notes = await b.client.get('/api/v1/notifications');
    expect(notes.body.items[0]).toMatchObject({ kind: 'mention', conversationId });
    await b.client.post('/api/v1/notifications/read', {});
    expect((await b.client.get('/api/v1/notifications')).body.unread).toBe(0);
  });

  it('unread counts per agent, cleared by reading; the visitor learns it was read', async () => {
    const { inbox, agents } = await workspace();
    const { conversationId, token } = await visitorSays(inbox.publicId, '一', '二');
    const [a, b] = agents;
    expect((await a.client.get('/api/v1/conversations/unread')).body).toEqual({
      total: 2,
      byConversation: { [conversationId]: 2 },
    });
    await a.client.post(`/api/v1/conversations/${conversationId}/read`);
    expect((await a.client.get('/api/v1/conversations/unread')).body.total).toBe(0);
    expect((await b.client.get('/api/v1/conversations/unread')).body.total).toBe(2);
    const history = await server.app.inject({
      method: 'GET',
      url: '/api/v1/widget/messages',
      headers: { 'x-visitor-token': token },
    });
    expect(JSON.parse(history.body).items.every((m: any) => m.readAt)).toBe(true);
  });

  it('finds conversations and contacts by Chinese and English words', async () => {
    const { inbox, client } = await workspace();
    const zh = await visitorSays(inbox.publicId, '我的订单什么时候发货？');
    const en = await visitorSays(inbox.publicId, 'I would like a refund for my order, please');
    await visitorSays(inbox.publicId, '无关的内容');
    const byZh = await client.get(`/api/v1/search?q=${encodeURIComponent('发货')}`);
    expect(byZh.body.conversations.map((r: any) => r.conversation.id)).toEqual([zh.conversationId]);
    const hit = byZh.body.conversations[0].message;
    const [s, e] = hit.highlights[0];
    expect(hit.snippet.slice(s, e)).toBe('发货');
    const byEn = await client.get('/api/v1/search?q=refund');
    expect(byEn.body.conversations.map((r: any) => r.conversation.id)).toEqual([en.conversationId]);
    const filtered = await client.get(`/api/v1/conversations?q=${encodeURIComponent('订单')}`);
    expect(filtered.body.items.map((c: any) => c.id)).toEqual([zh.conversationId]);
    const orderEn = await client.get('/api/v1/conversations?q=order');
    expect(orderEn.body.items.map((c: any) => c.id)).toEqual([en.conversationId]);
    const conv = await client.get(`/api/v1/conversations/${zh.conversationId}`);
    await client.patch(`/api/v1/contacts/${conv.body.contact.id}`, {
      name: '张三丰',
      attributes: { 会员等级: '金卡', orders: 12 },
    });
    const contacts = await client.get(`/api/v1/search?q=${encodeURIComponent('张三丰')}`);
    expect(contacts.body.contacts.map((c: any) => c.id)).toEqual([conv.body.contact.id]);
    const contact = await client.get(`/api/v1/contacts/${conv.body.contact.id}`);
    expect(contact.body.contact.attributes).toEqual({ 会员等级: '金卡', orders: 12 });
  });

  it('status, snooze (woken when due), priority and labels', async () => {
    const { inbox, client } = await workspace();
    const { conversationId } = await visitorSays(inbox.publicId, 'x');
    const past = await client.patch(`/api/v1/conversations/${conversationId}`, {
      status: 'snoozed',
      snoozedUntil: new Date(Date.now() - 1000).toISOString(),
    });
    expect(past.status).toBe(400);
    expect(past.body.error.details[0].field).toBe('snoozedUntil');
    const snoozed = await client.patch(`/api/v1/conversations/${conversationId}`, {
      status: 'snoozed',
      snoozedUntil: new Date(Date.now() + 3600_000).toISOString(),
      priority: 'urgent',
      labels: ['退款', 'vip', 'vip'],
    });
    expect(snoozed.body.conversation).toMatchObject({
      status: 'snoozed',
      priority: 'urgent',
      labels: ['退款', 'vip'],
    });
    await env.db.system.query(
      `UPDATE conversations SET snoozed_until = now() - interval '1 second' WHERE id = $1`,
      [conversationId],
    );
    expect(await wakeSnoozed(server.kernel)).toBeGreaterThanOrEqual(1);
    expect((await client.get(`/api/v1/conversations/${conversationId}`)).body.conversation.status).toBe(
      'open',
    );
    const byLabel = await client.get(`/api/v1/conversations?label=${encodeURIComponent('退款')}`);
    expect(byLabel.body.items.map((c: any) => c.id)).toEqual([conversationId]);
  });

  it('canned responses: personal for everyone, shared for supervisors and up, searchable, with variables', async () => {
    const { client: owner, agents } = await workspace();
    const [a] = agents;
    expect(
      (
        await a.client.post('/api/v1/canned-responses', {
          shortcut: 'ship',
          title: '发货时间',
          body: '{{contact.name}}您好，订单 24 小时内发货。',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await a.client.post('/api/v1/canned-responses', {
          shortcut: 'x',
          title: 't',
          body: 'b',
          shared: true,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await owner.post('/api/v1/canned-responses', {
          shortcut: 'hi',
          title: '问候',
          body: '您好，我是{{agent.name}}',
          shared: true,
          category: '通用',
        })
      ).status,
    ).toBe(201);
    const mine = await a.client.get('/api/v1/canned-responses');
    expect(mine.body.items.map((c: any) => c.shortcut).sort()).toEqual(['hi', 'ship']);
    expect((await owner.get('/api/v1/canned-responses')).body.items.map((c: any) => c.shortcut)).toEqual([
      'hi',
    ]);
    expect(
      (await a.client.get(`/api/v1/canned-responses?q=${encodeURIComponent('/sh')}`)).body.items.map(
        (c: any) => c.shortcut,
      ),
    ).toEqual(['ship']);
    const dup = await a.client.post('/api/v1/canned-responses', { shortcut: 'SHIP', title: 'x', body: 'y' });
    expect(dup.status).toBe(409);
    expect(
      renderCanned('{{contact.name}}您好，我是{{ agent.name }}，{{unknown}}', {
        'contact.name': '张三',
        'agent.name': '小王',
      }),
    ).toBe('张三您好，我是小王，{{unknown}}');
  });

  it('contact notes and a contact’s conversations', async () => {
    const { inbox, client } = await workspace();
    const { conversationId } = await visitorSays(inbox.publicId, 'hello');
    const contactId = (await client.get(`/api/v1/conversations/${conversationId}`)).body.contact.id;
    expect((await client.post(`/api/v1/contacts/${contactId}/notes`, { body: '喜欢电话联系' })).status).toBe(
      201,
    );
    expect((await client.get(`/api/v1/contacts/${contactId}/notes`)).body.items[0].body).toBe('喜欢电话联系');
    expect(
      (await client.get(`/api/v1/contacts/${contactId}/conversations`)).body.items.map((c: any) => c.id),
    ).toEqual([conversationId]);
    const bad = await client.patch(`/api/v1/contacts/${contactId}`, { email: 'not-an-email' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('email');
  });

  it("bot messages are signed with the inbox's bot name, in the list and the live event", async () => {
    const ws = await signupWorkspace(server, '机器人署名', 'zh-CN');
    const inbox = (await ws.client.get('/api/v1/inboxes')).body.items[0];
    const setBot = async (bot: Record<string, unknown>) =>
      expect((await ws.client.patch(`/api/v1/inboxes/${inbox.id}`, { settings: { bot } })).status).toBe(200);
    await setBot({ enabled: true, name: ' 小鹿助手 ', avatarUrl: '/files/deer.png' });
    await ws.client.post('/api/v1/kb/faqs', { question: '运费多少钱', answer: { text: '全场包邮。' } });
    const { conversationId } = await visitorSays(inbox.publicId, '运费多少钱');
    const messages = async () =>
      (await ws.client.get(`/api/v1/conversations/${conversationId}/messages`)).body.items as any[];
    const answer = await eventually(async () => (await messages()).find((m) => m.senderType === 'bot'));
    expect(answer.sender).toEqual({ id: inbox.id, name: '小鹿助手', avatarUrl: '/files/deer.png' });
    // the customer's messages keep their own author
    expect((await messages()).find((m) => m.senderType === 'contact').sender.name).not.toBe('小鹿助手');
    const [event] = await env.db.tenantTx(ws.tenant.id, (sql) =>
      sql.query(
        `SELECT payload FROM events WHERE tenant_id = $1 AND name = 'message.created'
           AND payload->'message'->>'id' = $2`,
        [ws.tenant.id, answer.id],
      ),
    );
    expect(event.payload.message.sender).toEqual(answer.sender);

    // the current name, also on earlier messages; no name: no sender (the workspace says "Bot")
    await setBot({ enabled: true, name: '积分助手', avatarUrl: '' });
    expect((await messages()).find((m) => m.id === answer.id).sender).toEqual({
      id: inbox.id,
      name: '积分助手',
      avatarUrl: null,
    });
    await setBot({ enabled: true, name: '  ' });
    expect((await messages()).find((m) => m.id === answer.id).sender).toBeNull();
  });

  it("the list's preview of a bot message is signed with the bot's current name (null while unnamed)", async () => {
    const ws = await signupWorkspace(server, '预览署名', 'zh-CN');
    const inbox = (await ws.client.get('/api/v1/inboxes')).body.items[0];
    const setBot = async (bot: Record<string, unknown>) =>
      expect((await ws.client.patch(`/api/v1/inboxes/${inbox.id}`, { settings: { bot } })).status).toBe(200);
    await setBot({ enabled: true, name: ' 小鹿助手 ' });
    await ws.client.post('/api/v1/kb/faqs', { question: '运费多少钱', answer: { text: '全场包邮。' } });
    const { conversationId } = await visitorSays(inbox.publicId, '运费多少钱');
    const listed = async () =>
      ((await ws.client.get('/api/v1/conversations')).body.items as any[]).find(
        (c) => c.id === conversationId,
      );
    const answered = await eventually(async () => {
      const c = await listed();
      return c?.lastMessage?.senderType === 'bot' ? c : undefined;
    });
    expect(answered.lastMessage).toMatchObject({ senderType: 'bot', botName: '小鹿助手' });
    expect(answered.lastMessage.body).toContain('全场包邮');
    // the same preview in the conversation itself, the contact's conversations and the search
    const one = await ws.client.get(`/api/v1/conversations/${conversationId}`);
    expect(one.body.conversation.lastMessage).toEqual(answered.lastMessage);
    const ofContact = await ws.client.get(`/api/v1/contacts/${answered.contact.id}/conversations`);
    expect(ofContact.body.items[0].lastMessage).toEqual(answered.lastMessage);
    const found = await ws.client.get(`/api/v1/search?q=${encodeURIComponent('运费')}`);
    expect(found.body.conversations[0].conversation.lastMessage).toEqual(answered.lastMessage);

    // renamed: the current name; unnamed: null (the workspace says "Bot")
    await setBot({ enabled: true, name: '积分助手' });
    expect((await listed()).lastMessage.botName).toBe('积分助手');
    await setBot({ enabled: true, name: '  ' });
    expect((await listed()).lastMessage).toMatchObject({ senderType: 'bot', botName: null });

    // a customer's or an agent's message is not the bot's, whatever the bot is called
    await setBot({ enabled: true, name: '小鹿助手' });
    const reply = await ws.client.post(`/api/v1/conversations/${conversationId}/messages`, {
      clientId: crypto.randomUUID(),
      body: '我来帮您看看',
    });
    expect(reply.status).toBe(201);
    expect((await listed()).lastMessage).toMatchObject({ senderType: 'agent', botName: null });
  });
});

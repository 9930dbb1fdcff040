import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRealtimeClient, type EventEnvelope } from '@kefu/shared';
import { MODE, eventually, openTestEnv, signupWorkspace, type TestEnv } from '../../test/harness.js';
import type { KefuServer } from '../../app.js';

/** A website visitor as the widget is: header token, no cookies. */
class Visitor {
  token = '';
  constructor(
    readonly server: KefuServer,
    readonly publicId: string,
  ) {}
  async start(extra: Record<string, unknown> = {}) {
    const res = await this.call('POST', `/api/v1/widget/inboxes/${this.publicId}/sessions`, {
      visitorToken: this.token || undefined,
      ...extra,
    });
    this.token = res.body.visitorToken;
    return res;
  }
  async call(method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await this.server.app.inject({
      method,
      url,
      headers: { ...(this.token ? { 'x-visitor-token': this.token } : {}), ...headers },
      ...(body !== undefined ? { payload: body as any } : {}),
    });
    return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null };
  }
  send(body: string, clientId: string = crypto.randomUUID()) {
    return this.call('POST', '/api/v1/widget/messages', { clientId, body });
  }
}

describe(`live chat: widget ↔ agent (${MODE})`, () => {
  let env: TestEnv;
  let server: KefuServer;
  let url: string;
  beforeAll(async () => {
    env = await openTestEnv();
    server = await env.node();
    url = await server.listen();
  });
  afterAll(() => env.close());

  const setup = async () => {
    const ws = await signupWorkspace(server, '客服测试');
    const inbox = (await ws.client.get('/api/v1/inboxes')).body.items[0];
    return { ...ws, inbox, visitor: new Visitor(server, inbox.publicId) };
  };

  it('a visitor writes, the agent sees it live, replies, and the visitor receives the reply live', async () => {
    const { client, inbox, visitor } = await setup();
    const agentEvents: EventEnvelope[] = [];
    const scopes = (await client.get('/api/v1/api-tokens/scopes')).body.items;
    const token = (await client.post('/api/v1/api-tokens', { name: 'rt', scopes })).body.secret;
    const agentSocket = createRealtimeClient({ url, auth: { token }, onEvent: (e) => agentEvents.push(e) });
    const started = await visitor.start({
      page: { url: 'https://shop.example/p/1', title: '商品详情' },
      browser: 'Chrome',
      language: 'zh-CN',
    });
    expect(started.status).toBe(200);
    expect(started.body.conversation).toBeNull();
    const visitorEvents: EventEnvelope[] = [];
    const visitorSocket = createRealtimeClient({
      url,
      auth: { visitorToken: visitor.token },
      onEvent: (e) => visitorEvents.push(e),
    });
    await eventually(() => agentSocket.lastSeq >= 0 && visitorSocket.lastSeq >= 0);

    const sent = await visitor.send('你好，我的订单什么时候发货？');
    expect(sent.status).toBe(201);
    const conversationId = sent.body.conversation.id;
    await eventually(() => agentEvents.some((e) => e.name === 'message.created'));
    expect(agentEvents.find((e) => e.name === 'conversation.created')).toBeTruthy();

    const list = await client.get('/api/v1/conversations?view=unassigned');
    expect(list.body.items[0]).toMatchObject({
      id: conversationId,
      inboxId: inbox.id,
      unread: 1,
      lastMessage: { body: '你好，我的订单什么时候发货？' },
    });
    expect(list.body.items[0].pageContext).toMatchObject({
      url: 'https://shop.example/p/1',
      title: '商品详情',
    });

    const reply = await client.post(`/api/v1/conversations/${conversationId}/messages`, {
      clientId: crypto.randomUUID(),
      body: '您好，今天下午发货。',
    });
    expect(reply.status).toBe(201);
    await eventually(() =>
      visitorEvents.some(
        (e) => e.name === 'message.created' && (e.payload as any).message.body === '您好，今天下午发货。',
      ),
    );
    // internal notes never reach the visitor
    await client.post(`/api/v1/conversations/${conversationId}/messages`, {
      clientId: crypto.randomUUID(),
      body: 'VIP 客户，注意',
      private: true,
    });
    await eventually(() =>
      agentEvents.some((e) => e.name === 'message.created' && (e.payload as any).message.private),
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(JSON.stringify(visitorEvents)).not.toContain('VIP 客户');
    const history = await visitor.call('GET', '/api/v1/widget/messages');
    expect(history.body.items.map((m: any) => m.body)).toEqual([
      '你好，我的订单什么时候发货？',
      '您好，今天下午发货。',
    ]);
    agentSocket.close();
    visitorSocket.close();
  });

  it('stores a message exactly once per client id, and a resend returns the stored one', async () => {
    const { client, visitor } = await setup();
    await visitor.start();
    const clientId = crypto.randomUUID();
    const first = await visitor.send('在吗', clientId);
    const again = await visitor.send('在吗', clientId);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.message.id).toBe(first.body.message.id);
    const messages = await client.get(`/api/v1/conversations/${first.body.conversation.id}/messages`);
    expect(messages.body.items).toHaveLength(1);
  });

  it('keeps one conversation per visitor even when messages race', async () => {
    const { client, visitor } = await setup();
    await visitor.start();
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => visitor.send(`并发 ${i}`)));
    expect(new Set(results.map((r) => r.body.conversation.id)).size).toBe(1);
    expect((await client.get('/api/v1/conversations')).body.items).toHaveLength(1);
  });

  it('continues the conversation after a reload (same token) and reopens a resolved one on a new message', async () => {
    const { client, visitor } = await setup();
    await visitor.start();
    const { body } = await visitor.send('第一条');
    const conversationId = body.conversation.id;
    const resumed = await visitor.start();
    expect(resumed.body.conversation.id).toBe(conversationId);
    expect(
      (await client.patch(`/api/v1/conversations/${conversationId}`, { status: 'resolved' })).body
        .conversation.status,
    ).toBe('resolved');
    await visitor.send('又有问题了');
    const conv = await client.get(`/api/v1/conversations/${conversationId}`);
    expect(conv.body.conversation.status).toBe('open');
  });

  it('identity verification: a correct HMAC merges into the known contact, a wrong one is refused and changes nothing', async () => {
    const { client, inbox, visitor } = await setup();
    await client.patch(`/api/v1/inboxes/${inbox.id}`, { settings: { enforceIdentity: true } });
    const secret = (await client.post(`/api/v1/inboxes/${inbox.id}/identity-secret`)).body.secret;
    const hash = (id: string) => crypto.createHmac('sha256', secret).update(id).digest('hex');

    await visitor.start();
    await visitor.send('我是老客户');
    const ok = await visitor.call('POST', '/api/v1/widget/identify', {
      userId: 'u-42',
      name: '张三',
      email: 'zhang@example.test',
      userHash: hash('u-42'),
    });
    expect(ok.status).toBe(200);
    expect(ok.body.contact).toMatchObject({ name: '张三', email: 'zhang@example.test' });

    // a second browser of the same user merges into the same contact and sees the history
    const other = new Visitor(server, inbox.publicId);
    await other.start();
    const merged = await other.call('POST', '/api/v1/widget/identify', {
      userId: 'u-42',
      userHash: hash('u-42'),
    });
    expect(merged.body.contact.id).toBe(ok.body.contact.id);
    expect(merged.body.contactChanged).toBe(true);
    expect((await other.call('GET', '/api/v1/widget/messages')).body.items.map((m: any) => m.body)).toEqual([
      '我是老客户',
    ]);

    // an impostor claiming u-42 with a wrong or missing hash gets nothing
    const impostor = new Visitor(server, inbox.publicId);
    await impostor.start();
    const wrong = await impostor.call('POST', '/api/v1/widget/identify', {
      userId: 'u-42',
      userHash: hash('u-43'),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('identity_unverified');
    expect((await impostor.call('POST', '/api/v1/widget/identify', { userId: 'u-42' })).status).toBe(401);
    expect((await impostor.call('GET', '/api/v1/widget/messages')).body.items).toEqual([]);
  });

  it('without enforcement an unverified identify never attaches to an existing contact', async () => {
    const { client, inbox, visitor } = await setup();
    const secret = (await client.post(`/api/v1/inboxes/${inbox.id}/identity-secret`)).body.secret;
    await visitor.start();
    await visitor.send('私密订单信息');
    await visitor.call('POST', '/api/v1/widget/identify', {
      userId: 'vip-1',
      userHash: crypto.createHmac('sha256', secret).update('vip-1').digest('hex'),
    });
    const impostor = new Visitor(server, inbox.publicId);
    await impostor.start();
    const res = await impostor.call('POST', '/api/v1/widget/identify', { userId: 'vip-1', name: 'Mallory' });
    expect(res.status).toBe(200);
    expect((await impostor.call('GET', '/api/v1/widget/messages')).body.items).toEqual([]);
  });

  it('pre-chat form fields marked required are enforced', async () => {
    const { client, inbox, visitor } = await setup();
    await client.patch(`/api/v1/inboxes/${inbox.id}`, {
      settings: { preChatForm: { name: 'required', email: 'optional', phone: 'off' } },
    });
    const config = await visitor.call('GET', `/api/v1/widget/inboxes/${inbox.publicId}/config`);
    expect(config.body.inbox.preChatForm).toEqual({ name: 'required', email: 'optional', phone: 'off' });
    await visitor.start();
    const missing = await visitor.call('POST', '/api/v1/widget/prechat', { email: 'a@example.test' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].field).toBe('name');
    const ok = await visitor.call('POST', '/api/v1/widget/prechat', {
      name: '李四',
      email: 'li@example.test',
    });
    expect(ok.body.contact).toMatchObject({ name: '李四', email: 'li@example.test' });
  });

  it('refuses the widget on sites outside the allowed domains', async () => {
    const { client, inbox, visitor } = await setup();
    await client.patch(`/api/v1/inboxes/${inbox.id}`, {
      settings: { allowedDomains: ['shop.example.com', '*.example.cn'] },
    });
    const cfg = (origin: string) =>
      visitor.call('GET', `/api/v1/widget/inboxes/${inbox.publicId}/config`, undefined, {
        'x-kefu-origin': origin,
      });
    expect((await cfg('https://shop.example.com')).status).toBe(200);
    expect((await cfg('https://m.example.cn')).status).toBe(200);
    const evil = await cfg('https://evil.example.org');
    expect(evil.status).toBe(403);
    expect(evil.body.error.code).toBe('origin_not_allowed');
  });

  it('uploads an image (type checked by content), shows it to the agent by signed link, refuses others', async () => {
    const { client, visitor } = await setup();
    await visitor.start();
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
      'hex',
    );
    const upload = (name: string, type: string, data: Buffer) => {
      const boundary = '----kefu' + crypto.randomBytes(4).toString('hex');
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
        ),
        data,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return server.app.inject({
        method: 'POST',
        url: '/api/v1/widget/attachments',
        headers: {
          'x-visitor-token': visitor.token,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        payload,
      });
    };
    const ok = await upload('截图.png', 'image/png', png);
    expect(ok.statusCode).toBe(201);
    const attachment = JSON.parse(ok.body).attachment;
    const fake = await upload('x.png', 'image/png', Buffer.from('<svg onload=alert(1)>'));
    expect(fake.statusCode).toBe(400);
    expect(JSON.parse(fake.body).error.code).toBe('file_type_mismatch');
    const exe = await upload('x.exe', 'application/x-msdownload', Buffer.from('MZ'));
    expect(JSON.parse(exe.body).error.code).toBe('file_type_not_allowed');
    const sent = await visitor.call('POST', '/api/v1/widget/messages', {
      clientId: crypto.randomUUID(),
      attachmentIds: [attachment.id],
    });
    expect(sent.status).toBe(201);
    const messages = await client.get(`/api/v1/conversations/${sent.body.conversation.id}/messages`);
    const link: string = messages.body.items[0].attachments[0].url;
    const file = await server.app.inject({ method: 'GET', url: link });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(png)).toBe(true);
    const tampered = await server.app.inject({
      method: 'GET',
      url: link.replace(/sig=[^&]+/, 'sig=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'),
    });
    expect(tampered.statusCode).toBe(404);
  });

  it('typing indicators travel both ways without being stored', async () => {
    const { client, visitor } = await setup();
    await visitor.start();
    const { body } = await visitor.send('hi');
    const scopes = (await client.get('/api/v1/api-tokens/scopes')).body.items;
    const token = (await client.post('/api/v1/api-tokens', { name: 'rt', scopes })).body.secret;
    const agent = createRealtimeClient({ url, auth: { token }, onEvent: () => undefined });
    const v = createRealtimeClient({ url, auth: { visitorToken: visitor.token }, onEvent: () => undefined });
    await eventually(() => agent.socket.connected && v.socket.connected);
    const seenByAgent = new Promise<any>((resolve) => agent.socket.on('typing', resolve));
    v.socket.emit('typing', { typing: true });
    expect(await seenByAgent).toMatchObject({
      conversationId: body.conversation.id,
      senderType: 'contact',
      typing: true,
    });
    agent.close();
    v.close();
  });

  it('shows the widget online only while an agent who is "online" has the workspace open', async () => {
    const { client, inbox, visitor } = await setup();
    const online = async () =>
      (await visitor.call('GET', `/api/v1/widget/inboxes/${inbox.publicId}/config`)).body.inbox.online;
    expect(await online()).toBe(false);
    const agent = createRealtimeClient({
      url,
      socketOptions: {
        extraHeaders: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      },
      onEvent: () => undefined,
    });
    await eventually(() => agent.socket.connected);
    await eventually(online);
    await client.put('/api/v1/me/presence', { presence: 'away' });
    expect(await online()).toBe(false);
    await client.put('/api/v1/me/presence', { presence: 'online' });
    expect(await online()).toBe(true);
    agent.close();
    await eventually(async () => !(await online()));
  });
});

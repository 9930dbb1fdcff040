// Browser test of live chat end to end: an agent in the workspace (context A) and a visitor on the demo shop
// page with the widget (context B), against a real `kefu serve` process (embedded mode).
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import {
  SCREENSHOT_DIR,
  apiSession,
  describeBrowser,
  launchBrowser,
  requireBuilt,
  setDemoBot,
  startServer,
  type KefuServer,
} from './support.js';

const OWNER = { email: 'owner@demo.kefu.local', password: 'kefu-demo-owner' };
const AGENT = { email: 'agent@demo.kefu.local', password: 'kefu-demo-agent' };
const FIRST = '你好，我的订单什么时候发货？';
const CANNED_BODY = '您好 {{contact.name}}，您的订单将在 24 小时内发货。— {{agent.name}}';
const CANNED_TEXT = '您的订单将在 24 小时内发货';
const OFFLINE_TEXT = '我刚才断网了，这条消息只应出现一次';
// 1×1 PNG
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

interface Inbox {
  id: string;
  publicId: string;
  channel: string;
  settings: Record<string, unknown>;
}

describeBrowser('live chat (agent workspace ↔ website widget)', () => {
  let server: KefuServer | undefined;
  let browser: Browser | undefined;
  let agentCtx: BrowserContext;
  let visitorCtx: BrowserContext;
  let agent: Page;
  let visitor: Page;
  let frame: FrameLocator;
  let conversationId = '';
  const agentErrors: string[] = [];

  const thread = () => agent.getByTestId('thread-message');
  const widgetMessages = () => frame.getByTestId('kefu-message');

  async function openWidget(page: Page): Promise<FrameLocator> {
    await page.goto('/demo');
    await page.getByTestId('kefu-launcher').click();
    const f = page.frameLocator('[data-testid="kefu-frame"]');
    await f.getByTestId('kefu-input').waitFor();
    return f;
  }

  async function widgetSend(f: FrameLocator, text: string) {
    await f.getByTestId('kefu-input').fill(text);
    await f.getByTestId('kefu-send').click();
  }

  beforeAll(async () => {
    requireBuilt(['apps/server/dist/cli.js', 'apps/web/dist/index.html', 'packages/widget/dist/widget.js']);
    server = await startServer({
      name: 'live-chat',
      env: { WIDGET_RATE_LIMIT_PER_MINUTE: '1000', WIDGET_SESSION_RATE_LIMIT_PER_MINUTE: '1000' },
    });
    // this test is about people talking to people: the demo's bot stays out (tests/e2e/bot.e2e.test.ts has it)
    await setDemoBot(server.baseUrl, false);
    const b = await launchBrowser();
    browser = b;
    agentCtx = await b.newContext({
      baseURL: server.baseUrl,
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
    });
    visitorCtx = await b.newContext({
      baseURL: server.baseUrl,
      viewport: { width: 1280, height: 860 },
      locale: 'zh-CN',
    });
    agent = await agentCtx.newPage();
    visitor = await visitorCtx.newPage();
    agent.setDefaultTimeout(20_000);
    visitor.setDefaultTimeout(20_000);
    agent.on('pageerror', (e) => agentErrors.push(e.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  }, 30_000);

  it('agent signs in and creates a canned response', async () => {
    await agent.goto('/login');
    await agent.getByTestId('login-email').fill(AGENT.email);
    await agent.getByTestId('login-password').fill(AGENT.password);
    await agent.getByTestId('login-submit').click();
    await agent.waitForURL((url) => url.pathname.startsWith('/app'));

    await agent.getByTestId('nav-canned').click();
    await agent.getByTestId('canned-create').click();
    await agent.getByTestId('canned-shortcut').fill('ship');
    await agent.getByTestId('canned-title').fill('发货时间');
    await agent.getByTestId('canned-body').fill(CANNED_BODY);
    await agent.getByTestId('canned-submit').click();
    await agent.getByTestId('canned-row').filter({ hasText: '/ship' }).waitFor();

    await agent.getByTestId('nav-conversations').click();
    await agent.waitForURL('**/app/conversations');
    await agent.getByTestId('conversation-list').waitFor();
    // marker: the page must not reload for anything below
    await agent.evaluate(() => ((window as unknown as { __kefuMarker: number }).__kefuMarker = 42));
  });

  it('a visitor message appears live in the list and the thread', async () => {
    frame = await openWidget(visitor);
    await widgetSend(frame, FIRST);
    await widgetMessages().filter({ hasText: FIRST }).first().waitFor();

    const row = agent.getByTestId('conversation-row').filter({ hasText: FIRST });
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    await agent.waitForURL(/\/app\/conversations\/[0-9a-f-]{36}$/);
    conversationId = new URL(agent.url()).pathname.split('/').pop()!;
    await thread().filter({ hasText: FIRST }).first().waitFor();
    expect(await thread().filter({ hasText: FIRST }).first().getAttribute('data-sender')).toBe('contact');
    expect(await agent.evaluate(() => (window as unknown as { __kefuMarker?: number }).__kefuMarker)).toBe(
      42,
    );
  });

  it('the agent replies with a canned response and the visitor sees it', async () => {
    const input = agent.getByTestId('composer-input');
    await input.click();
    await input.pressSequentially('/ship');
    await agent.getByTestId('canned-item').first().waitFor();
    await input.press('Enter'); // picks the highlighted canned response
    await expect.poll(() => input.inputValue()).toContain(CANNED_TEXT);
    const value = await input.inputValue();
    expect(value).not.toContain('{{');
    expect(value).toContain('李客服'); // {{agent.name}} of the demo agent
    await input.press('Enter'); // sends
    await expect.poll(() => input.inputValue()).toBe('');

    const mine = thread().filter({ hasText: CANNED_TEXT });
    await mine.first().waitFor();
    expect(await mine.first().getAttribute('data-sender')).toBe('agent');
    await widgetMessages().filter({ hasText: CANNED_TEXT }).first().waitFor();
    expect(await widgetMessages().filter({ hasText: CANNED_TEXT }).first().getAttribute('data-sender')).toBe(
      'agent',
    );
  });

  it('the agent sees the visitor typing', async () => {
    const input = frame.getByTestId('kefu-input');
    await input.click();
    await input.pressSequentially('我想再问一下', { delay: 80 });
    await agent.getByTestId('contact-typing').waitFor({ timeout: 10_000 });
    await input.fill('');
  });

  it('an image from the visitor shows inline for the agent', async () => {
    const fileInput = frame
      .locator(
        'input[type="file"][data-testid="kefu-file"], [data-testid="kefu-file"] input[type="file"], input[type="file"]',
      )
      .first();
    await fileInput.setInputFiles({ name: 'order-photo.png', mimeType: 'image/png', buffer: PNG });
    const image = agent.locator(
      '[data-testid="thread-message"][data-sender="contact"] [data-testid="message-image"]',
    );
    // the widget may send the file at once or wait for the send button
    const appeared = await image
      .first()
      .waitFor({ timeout: 4_000 })
      .then(() => true)
      .catch(() => false);
    if (!appeared) await frame.getByTestId('kefu-send').click();
    await image.first().waitFor({ timeout: 20_000 });
    await expect
      .poll(() => image.first().evaluate((img) => (img as HTMLImageElement).naturalWidth), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    await agent.screenshot({ path: join(SCREENSHOT_DIR, 'kefu-live-chat-agent.png') });
    await visitor.screenshot({ path: join(SCREENSHOT_DIR, 'kefu-live-chat-visitor.png') });
  });

  it('a message written offline arrives exactly once after reconnecting', async () => {
    await visitorCtx.setOffline(true);
    await widgetSend(frame, OFFLINE_TEXT);
    await visitor.waitForTimeout(1_500);
    await visitorCtx.setOffline(false);

    const arrived = thread().filter({ hasText: OFFLINE_TEXT });
    await arrived.first().waitFor({ timeout: 45_000 });
    await agent.waitForTimeout(3_000); // give a duplicate the chance to show up
    expect(await arrived.count()).toBe(1);
    await expect.poll(() => widgetMessages().filter({ hasText: OFFLINE_TEXT }).count()).toBe(1);

    // and the server agrees
    const api = await apiSession(server!.baseUrl, AGENT.email, AGENT.password);
    const { items } = await api.get<{ items: { body: string }[] }>(
      `/conversations/${conversationId}/messages?limit=200`,
    );
    expect(items.filter((m) => m.body === OFFLINE_TEXT)).toHaveLength(1);
  });

  it('identity verification: a correct userHash is accepted, a wrong one refused', async () => {
    const owner = await apiSession(server!.baseUrl, OWNER.email, OWNER.password);
    const { items: inboxes } = await owner.get<{ items: Inbox[] }>('/inboxes');
    const inbox = inboxes.find((i) => i.channel === 'website')!;
    await owner.patch(`/inboxes/${inbox.id}`, { settings: { ...inbox.settings, enforceIdentity: true } });
    const { secret } = await owner.post<{ secret: string }>(`/inboxes/${inbox.id}/identity-secret`);
    const hash = (userId: string) => createHmac('sha256', secret).update(userId).digest('hex');

    // the visitor of this conversation identifies with a correct hash
    const userId = `shop-user-${Date.now()}`;
    await visitor.evaluate(
      async ({ userId, userHash }) => {
        const kefu = (window as unknown as { Kefu: { identify: (u: unknown) => unknown } }).Kefu;
        await kefu.identify({ userId, name: '验证用户', email: 'verified@example.com', userHash });
      },
      { userId, userHash: hash(userId) },
    );
    await expect
      .poll(
        async () =>
          (await owner.get<{ contact: { externalId: string | null } }>(`/conversations/${conversationId}`))
            .contact.externalId,
        { timeout: 20_000 },
      )
      .toBe(userId);
    // the agent's customer panel follows (contact.updated)
    await expect
      .poll(() => agent.getByTestId('contact-name').inputValue(), { timeout: 20_000 })
      .toBe('验证用户');

    // a second visitor with a wrong hash changes nothing
    const intruderCtx = await browser!.newContext({ baseURL: server!.baseUrl, locale: 'zh-CN' });
    try {
      const intruder = await intruderCtx.newPage();
      const f = await openWidget(intruder);
      await widgetSend(f, '我是另一个访客');
      await f.getByTestId('kefu-message').filter({ hasText: '我是另一个访客' }).first().waitFor();
      const wrongUser = `shop-user-wrong-${Date.now()}`;
      await intruder.evaluate(
        async ({ userId }) => {
          const kefu = (window as unknown as { Kefu: { identify: (u: unknown) => unknown } }).Kefu;
          try {
            await kefu.identify({ userId, name: 'Mallory', userHash: 'ab'.repeat(32) });
          } catch {
            // refused
          }
        },
        { userId: wrongUser },
      );
      await intruder.waitForTimeout(2_000);
      const found = await owner.get<{ items: { externalId: string | null; name: string }[] }>(
        `/contacts?q=${encodeURIComponent('Mallory')}`,
      );
      expect(found.items.filter((c) => c.externalId === wrongUser || c.name === 'Mallory')).toEqual([]);
    } finally {
      await intruderCtx.close();
    }

    // the same rule, straight at the widget API
    const session = await fetch(`${server!.baseUrl}/api/v1/widget/inboxes/${inbox.publicId}/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kefu-origin': server!.baseUrl },
      body: JSON.stringify({}),
    }).then((r) => r.json() as Promise<{ visitorToken: string }>);
    const identify = (body: unknown) =>
      fetch(`${server!.baseUrl}/api/v1/widget/identify`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-visitor-token': session.visitorToken,
          'x-kefu-origin': server!.baseUrl,
        },
        body: JSON.stringify(body),
      });
    const wrong = await identify({ userId: 'api-user', userHash: '00'.repeat(32) });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('identity_unverified');
    const missing = await identify({ userId: 'api-user' });
    expect(missing.status).toBe(401);
    const right = await identify({ userId: 'api-user', userHash: hash('api-user') });
    expect(right.status).toBe(200);

    expect(agentErrors).toEqual([]);
  });
});

// Browser test of the website widget on its own: offline notice, continuity across reloads and tabs,
// unread badge, typing and read state both ways, the JS API, a phone-sized screen and the pre-chat form.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import {
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

type Api = Awaited<ReturnType<typeof apiSession>>;
interface Inbox {
  id: string;
  channel: string;
  settings: Record<string, unknown>;
}
interface Message {
  id: string;
  body: string;
  senderType: string;
  readAt: string | null;
}

describeBrowser('website widget', () => {
  let server: KefuServer | undefined;
  let browser: Browser | undefined;
  let ctx: BrowserContext;
  let page: Page;
  let frame: FrameLocator;
  let agentApi: Api;
  let ownerApi: Api;
  let agentSocket: Socket | undefined;
  let conversationId = '';
  const pageErrors: string[] = [];

  const widget = () => page.frameLocator('[data-testid="kefu-frame"]');
  async function openWidget(p: Page) {
    await p.getByTestId('kefu-launcher').click();
    const f = p.frameLocator('[data-testid="kefu-frame"]');
    await f.getByTestId('kefu-input').waitFor();
    return f;
  }
  async function send(f: FrameLocator, text: string) {
    await f.getByTestId('kefu-input').fill(text);
    await f.getByTestId('kefu-input').press('Enter');
    await f.getByTestId('kefu-message').filter({ hasText: text }).first().waitFor();
  }

  beforeAll(async () => {
    requireBuilt(['apps/server/dist/cli.js', 'packages/widget/dist/widget.js']);
    server = await startServer({
      name: 'widget',
      env: { WIDGET_RATE_LIMIT_PER_MINUTE: '1000', WIDGET_SESSION_RATE_LIMIT_PER_MINUTE: '1000' },
    });
    await setDemoBot(server.baseUrl, false); // the widget's own behaviour, without the demo's bot
    browser = await launchBrowser();
    ctx = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN' });
    page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    ownerApi = await apiSession(server.baseUrl, OWNER.email, OWNER.password);
    agentApi = await apiSession(server.baseUrl, AGENT.email, AGENT.password);
  }, 120_000);

  afterAll(async () => {
    agentSocket?.disconnect();
    await browser?.close().catch(() => undefined);
    await server?.stop();
  }, 30_000);

  it('says when nobody is online and keeps the e-mail a visitor leaves', async () => {
    await page.goto('/demo');
    frame = await openWidget(page);
    const offline = frame.getByTestId('kefu-offline');
    await offline.waitFor();
    await offline.locator('input[type="email"]').fill('wang@example.com');
    await offline.getByRole('button').click();
    await offline.getByText('已保存').waitFor();
    await expect
      .poll(async () =>
        (
          await ownerApi.get<{ items: { email: string | null }[] }>('/contacts?q=wang%40example.com')
        ).items.map((c) => c.email),
      )
      .toContain('wang@example.com');
  });

  it('keeps the conversation across a reload and in a second tab; the page reaches the agent', async () => {
    // an agent comes online (the workspace's socket is what makes an agent "online")
    agentSocket = io(server!.baseUrl, {
      extraHeaders: { cookie: agentApi.cookie() },
      transports: ['websocket'],
    });
    await new Promise<void>((resolve, reject) => {
      agentSocket!.once('connect', () => resolve());
      agentSocket!.once('connect_error', reject);
    });

    await send(frame, '第一条消息：你们几点下班？');
    await page.reload();
    frame = await openWidget(page);
    await expect.poll(() => frame.getByTestId('kefu-offline').count()).toBe(0); // an agent is online now
    const first = frame.getByTestId('kefu-message').filter({ hasText: '第一条消息' });
    await first.first().waitFor();
    expect(await first.count()).toBe(1);

    const second = await ctx.newPage();
    await second.goto('/demo?from=second-tab');
    const f2 = await openWidget(second);
    await f2.getByTestId('kefu-message').filter({ hasText: '第一条消息' }).first().waitFor();
    await send(f2, '第二个标签页发的');
    // the first tab receives it live
    await frame.getByTestId('kefu-message').filter({ hasText: '第二个标签页发的' }).first().waitFor();
    await second.close();

    const { items } = await agentApi.get<{ items: { id: string; lastMessage: { body: string } }[] }>(
      '/conversations?view=all',
    );
    conversationId = items.find((c) => c.lastMessage?.body === '第二个标签页发的')!.id;
    const detail = await agentApi.get<{ contact: { pageContext: { url: string; title: string } } }>(
      `/conversations/${conversationId}`,
    );
    expect(detail.contact.pageContext.url).toContain('/demo');
    expect(detail.contact.pageContext.title).toContain('小鹿茶铺');
  });

  it('shows the agent typing and the read state of the visitor’s messages', async () => {
    agentSocket!.emit('typing', { conversationId, typing: true });
    await frame.getByTestId('kefu-typing').waitFor();
    expect(await frame.getByTestId('kefu-typing').innerText()).toContain('李客服');

    const mine = frame.locator('[data-testid="kefu-message"][data-sender="contact"]').last();
    expect(await mine.getAttribute('data-status')).toBe('sent');
    await agentApi.post(`/conversations/${conversationId}/read`);
    await expect.poll(() => mine.getAttribute('data-status')).toBe('read');
  });

  it('counts unread replies on the launcher while closed, and marks them read when opened', async () => {
    await page.getByTestId('kefu-launcher').click(); // close
    await expect.poll(() => widget().getByTestId('kefu-input').isVisible()).toBe(false);
    for (const body of ['回复一', '回复二']) {
      await agentApi.post(`/conversations/${conversationId}/messages`, {
        clientId: crypto.randomUUID(),
        body,
      });
    }
    const badge = page.getByTestId('kefu-badge');
    await expect.poll(() => badge.isVisible().then((v) => (v ? badge.innerText() : ''))).toBe('2');
    expect(await page.getByTestId('kefu-launcher').getAttribute('aria-label')).toContain('2');

    await openWidget(page);
    await expect.poll(() => badge.isVisible()).toBe(false);
    await expect
      .poll(async () => {
        const { items } = await agentApi.get<{ items: Message[] }>(
          `/conversations/${conversationId}/messages?limit=100`,
        );
        return items.filter((m) => m.senderType === 'agent' && !m.readAt).length;
      })
      .toBe(0);
  });

  it('answers the JS API: open, close, on, setLocale; Escape closes', async () => {
    await page.evaluate(() => {
      const w = window as unknown as { Kefu: { on: (n: string, f: () => void) => void }; opened: number };
      w.opened = 0;
      w.Kefu.on('open', () => (w.opened += 1));
    });
    await widget().getByTestId('kefu-input').press('Escape');
    await expect.poll(() => widget().getByTestId('kefu-input').isVisible()).toBe(false);
    await page.evaluate(() => (window as unknown as { Kefu: { open: () => void } }).Kefu.open());
    await widget().getByTestId('kefu-input').waitFor();
    expect(await page.evaluate(() => (window as unknown as { opened: number }).opened)).toBe(1);

    await page.evaluate(() =>
      (window as unknown as { Kefu: { setLocale: (l: string) => Promise<unknown> } }).Kefu.setLocale('en'),
    );
    await expect
      .poll(() => widget().getByTestId('kefu-input').getAttribute('placeholder'))
      .toContain('Enter to send');
    expect(await page.getByTestId('kefu-launcher').getAttribute('aria-label')).toBe('Close chat');
    await page.evaluate(() =>
      (window as unknown as { Kefu: { setLocale: (l: string) => Promise<unknown> } }).Kefu.setLocale('zh-CN'),
    );
    await page.evaluate(() => (window as unknown as { Kefu: { close: () => void } }).Kefu.close());
    await expect.poll(() => widget().getByTestId('kefu-input').isVisible()).toBe(false);
  });

  it('fills a phone-sized screen', async () => {
    const phone = await browser!.newContext({
      baseURL: server!.baseUrl,
      locale: 'zh-CN',
      viewport: { width: 375, height: 667 },
      isMobile: true,
      hasTouch: true,
    });
    try {
      const p = await phone.newPage();
      await p.goto('/demo');
      const f = await openWidget(p);
      const box = await p.getByTestId('kefu-frame').boundingBox();
      // sub-pixel layout: compare to the pixel
      expect(box?.width).toBeCloseTo(375, 0);
      expect(box?.height).toBeCloseTo(667, 0);
      await send(f, '手机上发的消息 📱');
    } finally {
      await phone.close();
    }
  });

  it('asks the pre-chat form first when the inbox wants it, and validates it', async () => {
    const { items } = await ownerApi.get<{ items: Inbox[] }>('/inboxes');
    const inbox = items.find((i) => i.channel === 'website')!;
    await ownerApi.patch(`/inboxes/${inbox.id}`, {
      settings: { ...inbox.settings, preChatForm: { name: 'required', email: 'optional', phone: 'off' } },
    });
    const fresh = await browser!.newContext({ baseURL: server!.baseUrl, locale: 'en-US' });
    try {
      const p = await fresh.newPage();
      await p.goto('/demo');
      await p.getByTestId('kefu-launcher').click();
      const f = p.frameLocator('[data-testid="kefu-frame"]');
      const form = f.getByTestId('kefu-prechat');
      await form.waitFor();
      expect(await f.getByTestId('kefu-prechat-phone').count()).toBe(0);
      await f.getByTestId('kefu-prechat-email').fill('not-an-email');
      await f.getByTestId('kefu-prechat-submit').click();
      await form.getByText('Required').waitFor();
      await form.getByText('Enter a valid e-mail address').waitFor();
      await f.getByTestId('kefu-prechat-name').fill('Ada Chen');
      await f.getByTestId('kefu-prechat-email').fill('ada@example.com');
      await f.getByTestId('kefu-prechat-submit').click();
      await f.getByTestId('kefu-input').waitFor();
      await send(f, 'Hello from Ada');
      await expect
        .poll(async () =>
          (await ownerApi.get<{ items: { name: string; email: string }[] }>('/contacts?q=Ada')).items.map(
            (c) => `${c.name} <${c.email}>`,
          ),
        )
        .toContain('Ada Chen <ada@example.com>');
    } finally {
      await fresh.close();
      await ownerApi.patch(`/inboxes/${inbox.id}`, { settings: inbox.settings });
    }
    expect(pageErrors).toEqual([]);
  });
});

// Browser test of the knowledge-base admin and the bot trainer's pages: an FAQ entry written in the workspace
// is answered by the bot (test console), the workbench and metrics render, the inbox's bot settings persist,
// and agent assist offers the entry's answer beside a customer's message.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  apiSession,
  describeBrowser,
  launchBrowser,
  requireBuilt,
  startServer,
  type KefuServer,
} from './support.js';

const OWNER = { email: 'owner@demo.kefu.local', password: 'kefu-demo-owner' };
const QUESTION = '会员积分怎么兑换';
const ANSWER = '在「我的 - 积分商城」里选择礼品兑换即可。';

describeBrowser('knowledge base admin and bot training (zh-CN)', () => {
  let server: KefuServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    requireBuilt(['apps/server/dist/cli.js', 'apps/web/dist/index.html', 'packages/widget/dist/widget.js']);
    server = await startServer({ name: 'kb-admin' });
    browser = await launchBrowser();
    const ctx = await browser.newContext({
      baseURL: server.baseUrl,
      locale: 'zh-CN',
      viewport: { width: 1440, height: 900 },
    });
    page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('/login');
    await page.getByTestId('login-email').fill(OWNER.email);
    await page.getByTestId('login-password').fill(OWNER.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => url.pathname.startsWith('/app'));
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  }, 30_000);

  it('writes an FAQ entry with a similar question', async () => {
    await page.getByTestId('nav-kb').click();
    await page.getByTestId('kb-tab-faqs').click();
    await page.getByTestId('faq-create').click();
    await page.getByTestId('faq-question').fill(QUESTION);
    await page.getByTestId('faq-similar-input').fill('积分能换什么');
    await page.getByTestId('faq-similar-add').click();
    await expect.poll(() => page.getByTestId('faq-similar-item').first().inputValue()).toBe('积分能换什么');
    await page.getByTestId('faq-answer').fill(ANSWER);
    await page.getByTestId('faq-submit').click();
    await page.getByTestId('faq-row').filter({ hasText: QUESTION }).waitFor();
  });

  it('the test console shows the bot answering it, asked in other words', async () => {
    await page.getByTestId('nav-bot').click();
    await page.getByTestId('bot-test-input').fill('积分能换什么呀？');
    await page.getByTestId('bot-test-run').click();
    await page.getByTestId('bot-test-result').waitFor();
    expect(await page.getByTestId('bot-test-action').getAttribute('data-action')).toBe('answer');
    expect(await page.getByTestId('bot-test-candidate').first().innerText()).toContain(QUESTION);

    await page.getByTestId('bot-tab-workbench').click();
    await page.getByTestId('bot-workbench').waitFor();
    await page.getByTestId('bot-tab-metrics').click();
    await page.getByTestId('bot-metrics').waitFor();
  });

  it('an admin sets the optional AI endpoint; the key is kept server-side', async () => {
    await page.getByTestId('bot-tab-ai').click();
    await page.getByTestId('bot-ai-base-url').fill('https://ai.example.com/v1');
    await page.getByTestId('bot-ai-key').fill('sk-e2e-secret');
    await page.getByTestId('bot-ai-embedding-model').fill('embed-small');
    await page.getByTestId('bot-ai-chat-model').fill('chat-small');
    await page.getByTestId('bot-ai-save').click();
    await page.getByTestId('bot-ai-saved').waitFor();
    const owner = await apiSession(server!.baseUrl, OWNER.email, OWNER.password);
    const ai = await owner.get<Record<string, unknown>>('/bot/ai');
    expect(ai).toMatchObject({ enabled: false, baseUrl: 'https://ai.example.com/v1', hasApiKey: true });
    expect(JSON.stringify(ai)).not.toContain('sk-e2e-secret');
  });

  it("saves the inbox's bot settings", async () => {
    const owner = await apiSession(server!.baseUrl, OWNER.email, OWNER.password);
    const { items } = await owner.get<{ items: { id: string; channel: string }[] }>('/inboxes');
    const inbox = items.find((i) => i.channel === 'website')!;
    await page.goto(`/app/inboxes/${inbox.id}`);
    await page.getByTestId('bot-name').fill('积分助手');
    await page.getByTestId('inbox-save').click();
    await expect
      .poll(
        async () =>
          (await owner.get<{ inbox: { settings: { bot?: { name?: string } } } }>(`/inboxes/${inbox.id}`))
            .inbox.settings.bot?.name,
      )
      .toBe('积分助手');
    await page.reload();
    await expect.poll(() => page.getByTestId('bot-name').inputValue()).toBe('积分助手');
  });

  it('agent assist offers the answer beside the customer message', async () => {
    const publicId = (
      await (
        await apiSession(server!.baseUrl, OWNER.email, OWNER.password)
      ).get<{ items: { publicId: string; channel: string }[] }>('/inboxes')
    ).items.find((i) => i.channel === 'website')!.publicId;
    const session = (await fetch(`${server!.baseUrl}/api/v1/widget/inboxes/${publicId}/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    }).then((r) => r.json())) as { visitorToken: string };
    const sent = (await fetch(`${server!.baseUrl}/api/v1/widget/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-visitor-token': session.visitorToken },
      body: JSON.stringify({ clientId: crypto.randomUUID(), body: '积分能换什么呀' }),
    }).then((r) => r.json())) as { conversation: { id: string } };
    await page.goto(`/app/conversations/${sent.conversation.id}`);
    const item = page.getByTestId('assist-item').filter({ hasText: ANSWER.slice(0, 8) });
    await item.first().waitFor();
    expect(errors).toEqual([]);
  });
});

// Browser test of the knowledge-base admin and the bot trainer's pages: an FAQ entry written in the workspace
// is answered by the bot (test console), the workbench turns a customer's wording into a similar question,
// the metrics render, the inbox's bot settings persist, and agent assist offers the entry's answer beside a
// customer's message.
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
const ANSWER = '在「我的 - 积分商城」里选择礼品兑换即可，**积分不会过期**。';
/** A wording the bot is unsure about ("did you mean …") until it is added as a similar question. */
const UNSURE = '积分有什么用';

type Api = Awaited<ReturnType<typeof apiSession>>;
interface Inbox {
  id: string;
  publicId: string;
  channel: string;
  settings: Record<string, any>;
}
interface Faq {
  id: string;
  question: string;
  similarQuestions: string[];
  locale: string;
}

/** A website visitor writes a message; returns the conversation's id. */
async function visitorSays(baseUrl: string, publicId: string, body: string): Promise<string> {
  const session = (await fetch(`${baseUrl}/api/v1/widget/inboxes/${publicId}/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  }).then((r) => r.json())) as { visitorToken: string };
  const sent = (await fetch(`${baseUrl}/api/v1/widget/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-visitor-token': session.visitorToken },
    body: JSON.stringify({ clientId: crypto.randomUUID(), body }),
  }).then((r) => r.json())) as { conversation: { id: string } };
  return sent.conversation.id;
}

describeBrowser('knowledge base admin and bot training (zh-CN)', () => {
  let server: KefuServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let owner: Api;
  let inbox: Inbox;
  const errors: string[] = [];

  beforeAll(async () => {
    requireBuilt(['apps/server/dist/cli.js', 'apps/web/dist/index.html', 'packages/widget/dist/widget.js']);
    server = await startServer({ name: 'kb-admin' });
    browser = await launchBrowser();
    owner = await apiSession(server.baseUrl, OWNER.email, OWNER.password);
    inbox = (await owner.get<{ items: Inbox[] }>('/inboxes')).items.find((i) => i.channel === 'website')!;
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
    // the preview renders the Markdown as elements (never as injected HTML)
    await page.getByTestId('faq-answer-mode').getByText('预览').click();
    await expect
      .poll(() => page.getByTestId('markdown-preview').locator('strong').textContent())
      .toBe('积分不会过期');
    await page.getByTestId('faq-submit').click();
    await page.getByTestId('faq-form').waitFor({ state: 'detached' });
    const row = page.getByTestId('faq-row').filter({ hasText: QUESTION });
    await row.waitFor();
    expect(await row.textContent()).toContain('1 个相似问法');

    // the search narrows the list to it
    await page.getByTestId('faq-search').fill('积分');
    await expect.poll(() => page.getByTestId('faq-row').count()).toBe(1);
    expect(await page.getByTestId('faq-row-question').textContent()).toBe(QUESTION);

    const faqs = await owner.get<{ items: Faq[] }>('/kb/faqs?limit=200');
    const saved = faqs.items.find((f) => f.question === QUESTION);
    expect(saved).toMatchObject({ similarQuestions: ['积分能换什么'], locale: 'zh-CN' });
  });

  it('the test console shows the bot answering it, asked in other words', async () => {
    await page.getByTestId('nav-bot').click();
    await page.getByTestId('bot-test-input').fill('积分能换什么呀？');
    await page.getByTestId('bot-test-run').click();
    await page.getByTestId('bot-test-result').waitFor();
    expect(await page.getByTestId('bot-test-action').getAttribute('data-action')).toBe('answer');
    expect(await page.getByTestId('bot-test-candidate').first().innerText()).toContain(QUESTION);
    expect(await page.getByTestId('bot-test-answer').first().textContent()).toBe(QUESTION);
    expect(await page.getByTestId('bot-test-model').textContent()).toMatch(/\d+ 条问答/);

    await page.getByTestId('bot-tab-workbench').click();
    await page.getByTestId('bot-workbench').waitFor();
    await page.getByTestId('bot-tab-metrics').click();
    await page.getByTestId('bot-metrics').waitFor();
    await page.getByTestId('stat-conversations').waitFor();
    expect(await page.getByTestId('metrics-bar').count()).toBe(7);
  });

  it('the workbench turns a customer wording into a similar question', async () => {
    // the demo bot answers the website inbox; it is unsure about this wording
    await visitorSays(server!.baseUrl, inbox.publicId, UNSURE);
    await expect
      .poll(
        async () =>
          (await owner.get<{ unsure: { text: string }[] }>('/bot/workbench?days=30')).unsure.some(
            (i) => i.text === UNSURE,
          ),
        { timeout: 30_000, interval: 500 },
      )
      .toBe(true);

    await page.goto('/app/bot');
    const item = page
      .getByTestId('workbench-group-unsure')
      .getByTestId('workbench-item')
      .filter({ hasText: UNSURE });
    await item.waitFor();
    expect(await item.getByTestId('workbench-conversation').getAttribute('href')).toMatch(
      /^\/app\/conversations\/[0-9a-f-]{36}$/,
    );
    await item.getByTestId('workbench-add-similar').click();
    expect(await page.getByTestId('add-similar-text').inputValue()).toBe(UNSURE);
    const select = page.getByTestId('add-similar-faq');
    // the entries load, then the dialog preselects the workbench's guess: let both settle before looking
    // (clicking the option that is already selected would deselect it)
    await expect.poll(() => select.isEnabled()).toBe(true);
    await page.waitForTimeout(500);
    if ((await select.inputValue()) !== QUESTION) {
      await select.click();
      await select.fill('积分');
      await page.getByRole('option', { name: QUESTION }).click();
    }
    await expect.poll(() => page.getByTestId('add-similar-submit').isEnabled()).toBe(true);
    await page.getByTestId('add-similar-submit').click();

    // the console re-runs on that wording: the bot (retrained by itself) now answers it
    await expect.poll(() => page.getByTestId('bot-test-input').inputValue()).toBe(UNSURE);
    await expect
      .poll(() => page.getByTestId('bot-test-action').getAttribute('data-action'), { timeout: 20_000 })
      .toBe('answer');
    expect(await page.getByTestId('bot-test-answer').first().textContent()).toBe(QUESTION);
    const faqs = await owner.get<{ items: Faq[] }>('/kb/faqs?limit=200');
    expect(faqs.items.find((f) => f.question === QUESTION)?.similarQuestions).toEqual([
      '积分能换什么',
      UNSURE,
    ]);
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
    await page.goto(`/app/inboxes/${inbox.id}`);
    await page.getByTestId('inbox-bot').waitFor();
    await page.getByTestId('bot-name').fill('积分助手');
    await page.getByTestId('bot-fallback').fill('这个问题我还在学习，您可以点“转人工”。');
    // the share slider works with the keyboard: Home = 0 %, each → adds 5 %
    const thumb = page.getByTestId('bot-share').getByRole('slider');
    await thumb.focus();
    await thumb.press('Home');
    for (let i = 0; i < 12; i++) await thumb.press('ArrowRight');
    await expect.poll(() => page.getByTestId('bot-share-value').textContent()).toBe('60%');
    await page.getByTestId('bot-outside-hours').check({ force: true });
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
    expect(await page.getByTestId('bot-share-value').textContent()).toBe('60%');
    expect(await page.getByTestId('bot-outside-hours').isChecked()).toBe(true);
    expect(await page.getByTestId('bot-enabled').isChecked()).toBe(inbox.settings.bot?.enabled ?? false);

    // saved as settings.bot, the inbox's other settings kept
    const { inbox: saved } = await owner.get<{ inbox: Inbox }>(`/inboxes/${inbox.id}`);
    expect(saved.settings.bot).toMatchObject({
      name: '积分助手',
      share: 60,
      onlyOutsideHours: true,
      fallbackText: '这个问题我还在学习，您可以点“转人工”。',
    });
    expect(saved.settings.brandColor).toBe(inbox.settings.brandColor);
    expect(saved.settings.preChatForm).toEqual(inbox.settings.preChatForm);
  });

  it('agent assist offers the answer beside the customer message', async () => {
    const conversationId = await visitorSays(server!.baseUrl, inbox.publicId, '积分能换什么呀');
    await page.goto(`/app/conversations/${conversationId}`);
    await page.getByTestId('assist-panel').waitFor();
    const item = page.getByTestId('assist-item').filter({ hasText: ANSWER.slice(0, 8) });
    await item.first().waitFor();
    // a click puts the answer into the reply box; nothing is sent
    await item.first().click();
    await expect.poll(() => page.getByTestId('composer-input').inputValue()).toBe(ANSWER);
    const { items } = await owner.get<{ items: { senderType: string }[] }>(
      `/conversations/${conversationId}/messages?limit=50`,
    );
    expect(items.filter((m) => m.senderType === 'agent')).toEqual([]);
    expect(errors).toEqual([]);
  });
});

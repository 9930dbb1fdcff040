// Browser test of the knowledge-base admin and the bot trainer's pages: an FAQ entry written in the workspace
// is found by the server's search beyond the list's first page, gets and loses a WeChat answer in the editor,
// is answered by the bot (test console), the workbench turns a customer's wording into a similar question,
// the metrics render, the thread and the conversation list's preview sign bot messages with the bot's name,
// the inbox's bot settings persist, and agent assist offers the entry's answer beside a customer's message.
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

/** A website visitor; `say` writes a message and returns the conversation's id. */
async function widgetVisitor(baseUrl: string, publicId: string) {
  const session = (await fetch(`${baseUrl}/api/v1/widget/inboxes/${publicId}/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  }).then((r) => r.json())) as { visitorToken: string };
  return {
    say: async (body: string): Promise<string> => {
      const sent = (await fetch(`${baseUrl}/api/v1/widget/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-visitor-token': session.visitorToken },
        body: JSON.stringify({ clientId: crypto.randomUUID(), body }),
      }).then((r) => r.json())) as { conversation: { id: string } };
      return sent.conversation.id;
    },
  };
}

/** A new website visitor writes a message; returns the conversation's id. */
async function visitorSays(baseUrl: string, publicId: string, body: string): Promise<string> {
  return (await widgetVisitor(baseUrl, publicId)).say(body);
}

describeBrowser('knowledge base admin and bot training (zh-CN)', () => {
  let server: KefuServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let owner: Api;
  let inbox: Inbox;
  /** a conversation the demo bot answered (for the bot's name in the thread) */
  let botConversation = '';
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

  it('searches on the server: other words find an entry that is not on the first page', async () => {
    // 50 newer (disabled, so the bot ignores them) entries push it off the first page of the list
    const filler = Array.from({ length: 50 }, (_, i) => ({
      question: `${i + 1} 号仓库几点营业`,
      answer: `${i + 1} 号仓库每天 9:00–18:00 营业。`,
      enabled: false,
    }));
    await owner.post('/kb/faqs/import', { format: 'json', content: JSON.stringify(filler) });
    await page.goto('/app/kb');
    await expect.poll(() => page.getByTestId('faq-row').count()).toBe(50);
    expect(await page.getByTestId('faq-row').filter({ hasText: QUESTION }).count()).toBe(0);
    await page.getByTestId('load-more').waitFor();

    // no substring of the entry: only the server's word search (jieba) finds it, on every page
    const words = '积分可以换礼品吗';
    const request = page.waitForRequest(
      (r) => r.url().includes('/api/v1/kb/faqs?') && new URL(r.url()).searchParams.get('q') === words,
    );
    await page.getByTestId('faq-search').fill(words);
    await request;
    await expect.poll(() => page.getByTestId('faq-row-question').first().textContent()).toBe(QUESTION);
    expect(await page.getByTestId('faq-row').count()).toBe(1);
    expect(await page.getByTestId('load-more').count()).toBe(0);
    await page.getByTestId('faq-search').fill('');
    await expect.poll(() => page.getByTestId('faq-row').count()).toBe(50);
  });

  it('edits an answer for WeChat in the FAQ editor, and removes it again', async () => {
    const wechat = '积分在「我的 - 积分商城」兑换哦～';
    await page.getByTestId('faq-search').fill(QUESTION);
    const row = page.getByTestId('faq-row').filter({ hasText: QUESTION });
    await expect.poll(() => page.getByTestId('faq-row').count()).toBe(1);
    await row.getByTestId('faq-edit').click();
    await page.getByTestId('faq-channel-add').click();
    await page.getByTestId('faq-channel-add-wechat').click();
    const block = page.locator('[data-testid="faq-channel-block"][data-channel="wechat"]');
    await block.waitFor();
    // an empty channel answer is not saved
    await page.getByTestId('faq-submit').click();
    await block.getByText('必填').waitFor();
    await block.getByTestId('faq-channel-answer').fill(wechat);
    await block.getByTestId('faq-channel-button-add').click();
    await block.getByTestId('faq-channel-button-label').fill('积分商城');
    await block.getByTestId('faq-channel-button-value').fill('积分商城怎么进');
    await page.getByTestId('faq-submit').click();
    await page.getByTestId('faq-form').waitFor({ state: 'detached' });
    await expect.poll(() => row.getByTestId('faq-row-channels').textContent()).toBe('单独答案：微信');
    const saved = async () =>
      (
        await owner.get<{
          items: (Faq & { channelAnswers: Record<string, unknown>; answer: { text: string } })[];
        }>(`/kb/faqs?q=${encodeURIComponent(QUESTION)}`)
      ).items.find((f) => f.question === QUESTION)!;
    expect((await saved()).channelAnswers).toEqual({
      wechat: { text: wechat, buttons: [{ label: '积分商城', reply: '积分商城怎么进' }] },
    });
    expect((await saved()).answer.text).toBe(ANSWER);

    // opened again it shows the WeChat answer; removing it brings the standard answer back there
    await row.getByTestId('faq-edit').click();
    expect(await block.getByTestId('faq-channel-answer').inputValue()).toBe(wechat);
    await block.getByTestId('faq-channel-remove').click();
    await block.waitFor({ state: 'detached' });
    await page.getByTestId('faq-submit').click();
    await page.getByTestId('faq-form').waitFor({ state: 'detached' });
    await expect.poll(async () => (await saved()).channelAnswers).toEqual({});
    await expect.poll(() => row.getByTestId('faq-row-channels').count()).toBe(0);
    await page.getByTestId('faq-search').fill('');
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

  it('a synonym group makes the bot read two words as one', async () => {
    const asked = '我买的东西啥时候能寄出来';
    const top = async () =>
      (await owner.post<{ candidates: { question: string }[] }>('/bot/test', { text: asked })).candidates[0]
        ?.question;
    // the demo's group 「发货 · 寄出 · …」 takes 「寄出」 to the shipping entry
    await page.goto('/app/bot/synonyms');
    const shipping = page.getByTestId('synonym-group').filter({ hasText: '寄出' });
    await shipping.waitFor();
    expect(await top()).toBe('下单后多久发货？');
    await shipping.getByTestId('synonym-delete').click();
    await page.getByTestId('confirm-button').click();
    await shipping.waitFor({ state: 'detached' });
    expect(await top()).not.toBe('下单后多久发货？');

    const input = page.getByTestId('synonym-terms');
    for (const word of ['发货', '寄出']) {
      await input.fill(word);
      await input.press('Enter');
    }
    await page.getByTestId('synonym-save').click();
    await shipping.waitFor();
    expect(await shipping.getByTestId('synonym-term').allTextContents()).toEqual(['发货', '寄出']);
    await expect.poll(top).toBe('下单后多久发货？');
    // the test console beside it says how the bot read the message
    await page.getByTestId('bot-test-input').fill(asked);
    await page.getByTestId('bot-test-run').click();
    expect(await page.getByTestId('bot-test-read-as').textContent()).toBe(
      '按同义词理解为“我买的东西啥时候能发货来”',
    );

    // a word already in a group is refused, saying where it is
    for (const word of ['邮寄', '寄出']) {
      await input.fill(word);
      await input.press('Enter');
    }
    await page.getByTestId('synonym-save').click();
    await page.getByText('「寄出」已经在「发货」这一组里了').waitFor();

    // a list kept elsewhere comes in by import (one group per line), all or nothing, and goes out by export
    const groups = await page.getByTestId('synonym-group').count();
    await page.getByTestId('synonym-import').click();
    await page.getByTestId('synonym-import-text').fill('parcel, package\n只有一个词');
    await page.getByTestId('synonym-import-run').click();
    await page.getByTestId('synonym-import-problems').getByText('第 2 行：一组至少要有两个词').waitFor();
    await page.getByTestId('synonym-import-text').fill('parcel, package\ngift card，giftcard、gift voucher');
    await page.getByTestId('synonym-import-run').click();
    await expect.poll(() => page.getByTestId('synonym-group').count()).toBe(groups + 2);
    const href = (await page.getByTestId('synonym-export').getAttribute('href')) ?? '';
    const exported = decodeURIComponent(href.split(',').slice(1).join(','));
    expect(exported).toContain('发货, 寄出\n');
    expect(exported.endsWith('parcel, package\ngift card, giftcard, gift voucher\n')).toBe(true);
  });

  it('the workbench turns a customer wording into a similar question', async () => {
    // the demo bot answers the website inbox; it is unsure about this wording, asked two ways
    const variant = `${UNSURE}呢`;
    await visitorSays(server!.baseUrl, inbox.publicId, variant);
    await visitorSays(server!.baseUrl, inbox.publicId, UNSURE);
    await expect
      .poll(
        async () =>
          (
            await owner.get<{ unsure: { text: string; variants: { text: string }[] }[] }>(
              '/bot/workbench?days=30',
            )
          ).unsure.some((i) => i.text === UNSURE && i.variants.some((v) => v.text === variant)),
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
    expect(await item.getByTestId('workbench-variants').innerText()).toContain(variant);
    await item.getByTestId('workbench-add-similar').click();
    expect(await page.getByTestId('add-similar-text').inputValue()).toBe(UNSURE);
    // the other wording is offered too, ticked
    expect(await page.getByTestId('add-similar-variants').isChecked()).toBe(true);
    const select = page.getByTestId('add-similar-faq');
    await expect.poll(() => select.isEnabled()).toBe(true);
    // the entry is found by the server (it is not among the newest 50): words, not a substring of it
    const words = '积分可以换礼品吗';
    const request = page.waitForRequest(
      (r) => r.url().includes('/api/v1/kb/faqs?') && new URL(r.url()).searchParams.get('q') === words,
    );
    await select.click();
    await select.fill(words);
    await request;
    await expect.poll(() => page.getByRole('option').allTextContents()).toEqual([QUESTION]);
    await page.getByRole('option', { name: QUESTION }).click();
    await expect.poll(() => select.inputValue()).toBe(QUESTION);
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
      variant,
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

  it("the thread signs the bot's messages with the inbox's bot name", async () => {
    const visitor = await widgetVisitor(server!.baseUrl, inbox.publicId);
    botConversation = await visitor.say('运费怎么算？');
    await page.goto(`/app/conversations/${botConversation}`);
    const botMessages = page.locator('[data-testid="thread-message"][data-sender="bot"]');
    await botMessages.first().waitFor();
    expect(await botMessages.first().innerText()).toContain('小鹿助手');
    expect(await botMessages.first().getByTestId('bot-label').textContent()).toBe('机器人');
    // the list's preview of the conversation says who wrote last: the bot, by its name
    const preview = page
      .locator(`[data-testid="conversation-row"][data-conversation-id="${botConversation}"]`)
      .getByTestId('conversation-preview');
    await expect.poll(() => preview.textContent()).toMatch(/^小鹿助手：订单实付满 99 元包邮/);
    // a reply arriving live (the realtime event) is signed the same way, in the thread and the list
    const before = await botMessages.count();
    await visitor.say('怎么开发票？');
    await expect.poll(() => botMessages.count(), { timeout: 20_000 }).toBeGreaterThan(before);
    expect(await botMessages.last().innerText()).toContain('小鹿助手');
    await expect.poll(() => preview.textContent()).toMatch(/^小鹿助手：下单时选择「电子普通发票」/);
    expect(
      await page.locator('[data-testid="thread-message"]').getByText('机器人', { exact: true }).count(),
    ).toBe(await page.getByTestId('bot-label').count());
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
    await page.getByTestId('bot-answer-mode').getByText('积极').click();
    expect(await page.getByTestId('bot-answer-mode-help').textContent()).toContain('1.5 倍');
    // 猜你想问: the trainer's own list, an entry found by searching the knowledge base; no typeahead
    await page.getByTestId('bot-suggested-mode').getByText('指定问题').click();
    const picker = page.getByTestId('bot-suggested-pinned');
    await picker.click();
    await picker.fill('发票');
    const option = page.getByRole('option').filter({ hasText: '发票' }).first();
    const picked = (await option.innerText()).trim();
    await option.click();
    await picker.press('Escape'); // close the list: it covers the switches below
    await page.getByTestId('bot-typeahead').uncheck({ force: true });
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
    expect(await page.getByTestId('bot-answer-mode-help').textContent()).toContain('1.5 倍');
    expect(await page.getByTestId('bot-enabled').isChecked()).toBe(inbox.settings.bot?.enabled ?? false);

    // saved as settings.bot, the inbox's other settings kept
    const { inbox: saved } = await owner.get<{ inbox: Inbox }>(`/inboxes/${inbox.id}`);
    expect(saved.settings.bot).toMatchObject({
      name: '积分助手',
      share: 60,
      onlyOutsideHours: true,
      answerMode: 'eager',
      fallbackText: '这个问题我还在学习，您可以点“转人工”。',
      suggested: { mode: 'pinned' },
      typeahead: false,
    });
    expect(saved.settings.bot?.suggested?.faqIds).toHaveLength(1);
    const pinned = await owner.get<{ faq: { question: string } }>(
      `/kb/faqs/${saved.settings.bot?.suggested?.faqIds?.[0]}`,
    );
    expect(pinned.faq.question).toBe(picked);
    expect(saved.settings.brandColor).toBe(inbox.settings.brandColor);
    expect(saved.settings.preChatForm).toEqual(inbox.settings.preChatForm);

    // the thread names the bot as it is called now
    await page.goto(`/app/conversations/${botConversation}`);
    const botMessage = page.locator('[data-testid="thread-message"][data-sender="bot"]').first();
    await botMessage.waitFor();
    expect(await botMessage.innerText()).toContain('积分助手');
  });

  it('agent assist offers the answer beside the customer message', async () => {
    const conversationId = await visitorSays(server!.baseUrl, inbox.publicId, '积分能换什么呀');
    await page.goto(`/app/conversations/${conversationId}`);
    await page.getByTestId('assist-panel').waitFor();
    const item = page.getByTestId('assist-item').filter({ hasText: ANSWER.slice(0, 8) });
    await item.first().waitFor();
    // a click puts the answer into the reply box as chat text (no Markdown marks); nothing is sent
    await item.first().click();
    await expect
      .poll(() => page.getByTestId('composer-input').inputValue())
      .toBe(ANSWER.replaceAll('**', ''));
    const { items } = await owner.get<{ items: { senderType: string }[] }>(
      `/conversations/${conversationId}/messages?limit=50`,
    );
    expect(items.filter((m) => m.senderType === 'agent')).toEqual([]);
    expect(errors).toEqual([]);
  });
});

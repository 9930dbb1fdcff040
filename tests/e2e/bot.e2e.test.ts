// Browser test of the bot on the demo shop, in Chinese: the seeded knowledge base answers a question asked in
// other words, nonsense gets the fallback, a 「猜你想问」 question is answered in one click, questions are
// suggested while the visitor types, the order-status flow asks for the number, rejects a malformed one
// and answers from the demo order API, 「转人工」 puts the conversation in the agent's queue with the whole
// transcript, and an angry customer is handed over with raised priority.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import {
  apiSession,
  describeBrowser,
  launchBrowser,
  requireBuilt,
  startServer,
  type KefuServer,
} from './support.js';

const AGENT = { email: 'agent@demo.kefu.local', password: 'kefu-demo-agent' };

describeBrowser('the bot on the demo shop (zh-CN)', () => {
  let server: KefuServer | undefined;
  let browser: Browser | undefined;
  let visitorCtx: BrowserContext;
  let agentCtx: BrowserContext;
  let visitor: Page;
  let agent: Page;
  let frame: FrameLocator;

  const botMessages = (f: FrameLocator = frame) =>
    f.locator('[data-testid="kefu-message"][data-sender="bot"]');
  async function ask(text: string, f: FrameLocator = frame) {
    const before = await botMessages(f).count();
    await f.getByTestId('kefu-input').fill(text);
    await f.getByTestId('kefu-input').press('Enter');
    await expect.poll(() => botMessages(f).count(), { timeout: 20_000 }).toBeGreaterThan(before);
    return botMessages(f).last();
  }
  async function openWidget(page: Page) {
    await page.goto('/demo');
    await page.getByTestId('kefu-launcher').click();
    const f = page.frameLocator('[data-testid="kefu-frame"]');
    await f.getByTestId('kefu-input').waitFor();
    return f;
  }

  beforeAll(async () => {
    requireBuilt(['apps/server/dist/cli.js', 'apps/web/dist/index.html', 'packages/widget/dist/widget.js']);
    server = await startServer({
      name: 'bot',
      env: { WIDGET_RATE_LIMIT_PER_MINUTE: '1000', WIDGET_SESSION_RATE_LIMIT_PER_MINUTE: '1000' },
    });
    browser = await launchBrowser();
    visitorCtx = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN' });
    agentCtx = await browser.newContext({
      baseURL: server.baseUrl,
      locale: 'zh-CN',
      viewport: { width: 1440, height: 900 },
    });
    visitor = await visitorCtx.newPage();
    agent = await agentCtx.newPage();
    visitor.setDefaultTimeout(20_000);
    agent.setDefaultTimeout(20_000);

    // the agent is at work, watching the queue of unassigned conversations
    await agent.goto('/login');
    await agent.getByTestId('login-email').fill(AGENT.email);
    await agent.getByTestId('login-password').fill(AGENT.password);
    await agent.getByTestId('login-submit').click();
    await agent.waitForURL((url) => url.pathname.startsWith('/app'));
    await agent.goto('/app/conversations');
    await agent.getByTestId('conversation-view').getByText('未分配').click();
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  }, 30_000);

  it('answers a seeded FAQ asked in other words, and asks whether it helped', async () => {
    frame = await openWidget(visitor);
    const answer = await ask('钱什么时候退给我？');
    // the seeded entry 「退款多久到账？」
    expect(await answer.innerText()).toContain('1–3 个工作日原路退回');
    // other entries of its category are offered under it (相关问题)
    await answer.getByTestId('kefu-related').getByRole('button', { name: '如何申请退款？' }).waitFor();
    await answer.getByTestId('kefu-feedback').waitFor();
    await answer.getByRole('button', { name: '已解决' }).click();
    await answer.getByText('感谢您的反馈').waitFor();
    // the bot has it: nothing in the agents' queue yet
    await visitor.waitForTimeout(1_000);
    expect(await agent.getByTestId('conversation-row').count()).toBe(0);
  });

  it('falls back on nonsense, offering a person', async () => {
    const reply = await ask('火星上有外卖吗');
    expect(await reply.innerText()).toContain('这个问题我还不会回答');
    await reply.getByTestId('kefu-button').filter({ hasText: '转人工' }).waitFor();
  });

  it('offers 「猜你想问」 under the greeting; a click gets the answer', async () => {
    const suggested = frame.getByTestId('kefu-suggested');
    await suggested.getByText('猜你想问').waitFor();
    const first = suggested.getByRole('button').first();
    const question = await first.innerText();
    const before = await botMessages().count();
    await first.click();
    await expect.poll(() => botMessages().count(), { timeout: 20_000 }).toBeGreaterThan(before);
    const answer = botMessages().last();
    await answer.getByTestId('kefu-feedback').waitFor();
    expect(question.length).toBeGreaterThan(2);
  });

  it('suggests questions while the visitor types (输入联想); picking one asks it', async () => {
    const input = frame.getByTestId('kefu-input');
    await input.fill('发票');
    const list = frame.getByTestId('kefu-typeahead');
    await list.getByRole('option', { name: '怎么开发票？' }).waitFor();
    const before = await botMessages().count();
    await input.press('ArrowDown');
    await input.press('Enter');
    await expect.poll(() => botMessages().count(), { timeout: 20_000 }).toBeGreaterThan(before);
    expect(await input.inputValue()).toBe('');
    await expect.poll(() => list.count()).toBe(0);
    await botMessages().last().getByTestId('kefu-feedback').waitFor();
  });

  it('runs the order-status flow: asks for the number, rejects a malformed one, answers from the order API', async () => {
    expect(await (await ask('帮我查一下订单')).innerText()).toContain('请输入您的订单号');
    expect(await (await ask('12345')).innerText()).toContain('订单号格式不对');
    const answer = await ask('KF20261004');
    await expect.poll(() => answer.innerText()).toContain('运输中');
    expect(await answer.innerText()).toContain('KF20261004');
  });

  it('「转人工」 puts the conversation in the queue; the agent sees the whole transcript and the detected question', async () => {
    // an answer with a link to the help center, as the customer sees it
    const policy = await ask('退货的话运费谁出？');
    await policy.getByRole('link', { name: '七天无理由退货政策' }).waitFor();
    await frame.getByTestId('kefu-button').filter({ hasText: '转人工' }).last().click();
    await botMessages()
      .filter({ hasText: /转接人工客服|没有客服在线/ })
      .first()
      .waitFor();

    const row = agent.getByTestId('conversation-row').first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    const thread = agent.getByTestId('thread-message');
    for (const text of ['钱什么时候退给我', '火星上有外卖吗', 'KF20261004', '退货的话运费谁出', '转人工']) {
      await thread.filter({ hasText: text }).first().waitFor();
    }
    await agent.getByText('机器人转人工').first().waitFor();
    // the bot's Markdown answer reads as the customer saw it: a link, not raw brackets
    await thread.getByRole('link', { name: '七天无理由退货政策' }).waitFor();
    expect(await thread.filter({ hasText: '](/help' }).count()).toBe(0);
    expect(await agent.getByText(/识别到的问题：退货政策是什么/).count()).toBeGreaterThan(0);
  });

  it('an angry customer is handed over at once, with raised priority', async () => {
    const other = await browser!.newContext({ baseURL: server!.baseUrl, locale: 'zh-CN' });
    try {
      const page = await other.newPage();
      const f = await openWidget(page);
      await ask('你们这是什么垃圾服务，气死我了！我要投诉！', f);
      const api = await apiSession(server!.baseUrl, AGENT.email, AGENT.password);
      await expect
        .poll(
          async () => {
            const { items } = await api.get<{
              items: { priority: string; handler: string; lastMessage: { body: string } }[];
            }>('/conversations?view=unassigned');
            return items.some((c) => c.priority === 'high' && c.handler === 'human');
          },
          { timeout: 20_000 },
        )
        .toBe(true);
    } finally {
      await other.close();
    }
  });

  it('the help center shows the same chat: a reader who does not find the answer asks the bot there', async () => {
    const reader = await browser!.newContext({ baseURL: server!.baseUrl, locale: 'zh-CN' });
    try {
      const page = await reader.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.goto('/help/demo/articles/return-policy');
      await page.getByTestId('kefu-launcher').click();
      const f = page.frameLocator('[data-testid="kefu-frame"]');
      await f.getByTestId('kefu-input').waitFor();
      expect(await (await ask('发票怎么开？', f)).innerText()).toContain('电子普通发票');
      // nothing the help center's Content-Security-Policy blocked
      expect(errors.filter((e) => /Content Security Policy|Refused/i.test(e))).toEqual([]);
    } finally {
      await reader.close();
    }
  });
});

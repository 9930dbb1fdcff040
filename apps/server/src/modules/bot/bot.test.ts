import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODE, eventually, openTestEnv, signupWorkspace, type TestEnv } from '../../test/harness.js';
import { detectAnger } from '@kefu/nlp';
import type { KefuServer } from '../../app.js';
import { shopFaqs } from '../../test/shop-faqs.js';
import { tenantBot } from './knowledge.js';
import { forgetPopular } from './suggested.js';
import { INLINE_MAX_QUESTIONS } from './trainer.js';

const FAQS = [
  {
    question: '订单什么时候发货',
    similarQuestions: ['多久能发货', '下单后几天发货', '什么时候能寄出'],
    answer: {
      text: '下单后 24 小时内发货。',
      buttons: [{ label: '查看物流', url: 'https://shop.example/track' }],
    },
  },
  {
    question: '怎么申请退款',
    similarQuestions: ['我要退款', '退款多久到账', '如何退钱'],
    answer: { text: '在订单详情页点「申请退款」即可。' },
  },
  { question: '运费多少钱', similarQuestions: ['包邮吗', '配送费怎么算'], answer: { text: '全场包邮。' } },
  {
    question: '怎么开发票',
    similarQuestions: ['可以开增值税发票吗', '发票怎么申请'],
    answer: { text: '在「我的订单」里申请电子发票。' },
  },
  {
    question: '忘记密码怎么办',
    similarQuestions: ['怎么重置密码', '登录不了账号'],
    answer: { text: '点登录页的「忘记密码」。' },
  },
  {
    question: '支持哪些支付方式',
    similarQuestions: ['可以用微信支付吗', '能用支付宝吗'],
    answer: { text: '微信、支付宝和银行卡。' },
  },
];

describe(`the bot in the widget (${MODE})`, () => {
  let env: TestEnv;
  let server: KefuServer;
  beforeAll(async () => {
    env = await openTestEnv();
    server = await env.node();
  });
  afterAll(() => env.close());

  async function workspace(bot: Record<string, unknown> = { enabled: true }) {
    const ws = await signupWorkspace(server, '机器人测试', 'zh-CN');
    const inbox = (await ws.client.get('/api/v1/inboxes')).body.items[0];
    expect((await ws.client.patch(`/api/v1/inboxes/${inbox.id}`, { settings: { bot } })).status).toBe(200);
    for (const faq of FAQS) expect((await ws.client.post('/api/v1/kb/faqs', faq)).status).toBe(201);
    const call = async (method: 'GET' | 'POST', url: string, token: string, body?: unknown) => {
      const res = await server.app.inject({
        method,
        url,
        headers: token ? { 'x-visitor-token': token } : {},
        ...(body !== undefined ? { payload: body as any } : {}),
      });
      return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null };
    };
    const visitor = async () => {
      const { body } = await call('POST', `/api/v1/widget/inboxes/${inbox.publicId}/sessions`, '', {});
      const token = body.visitorToken as string;
      return {
        send: (text: string) =>
          call('POST', '/api/v1/widget/messages', token, { clientId: crypto.randomUUID(), body: text }),
        messages: async () =>
          (await call('GET', '/api/v1/widget/messages?limit=200', token)).body.items as any[],
        feedback: (messageId: string, solved: boolean) =>
          call('POST', '/api/v1/widget/bot/feedback', token, { messageId, solved }),
        typeahead: (q: string, as = token) =>
          call('GET', `/api/v1/widget/bot/typeahead?q=${encodeURIComponent(q)}`, as),
      };
    };
    const botReplies = async (v: Awaited<ReturnType<typeof visitor>>, n: number) =>
      eventually(async () => {
        const bots = (await v.messages()).filter((m) => m.senderType === 'bot');
        return bots.length >= n ? bots : null;
      });
    return { ...ws, inbox, visitor, botReplies };
  }

  it('answers a question asked in other words, with buttons and solved / not solved', async () => {
    const { client, visitor, botReplies } = await workspace();
    const v = await visitor();
    const sent = await v.send('你好，我的订单什么时候发货？');
    expect(sent.status).toBe(201);
    const [answer] = await botReplies(v, 1);
    expect(answer.body).toBe('下单后 24 小时内发货。');
    expect(answer.content.buttons[0]).toMatchObject({ label: '查看物流' });
    expect(answer.content.feedback.faqId).toBeTruthy();

    // the bot has it: not in the humans' queue, but in the bot view
    const id = sent.body.conversation.id;
    const unassigned = (await client.get('/api/v1/conversations?view=unassigned')).body.items.map(
      (c: any) => c.id,
    );
    expect(unassigned).not.toContain(id);
    const botView = (await client.get('/api/v1/conversations?view=bot')).body.items;
    expect(botView.map((c: any) => c.id)).toContain(id);
    expect(botView[0].handler).toBe('bot');

    expect((await v.feedback(answer.id, true)).body).toEqual({ feedback: 'solved' });
    expect((await v.feedback(answer.id, false)).body).toEqual({ feedback: 'not_solved' });
    const [, offer] = await botReplies(v, 2);
    expect(offer.content.buttons[0].label).toBe('转人工');
    expect((await v.feedback(crypto.randomUUID(), false)).status).toBe(404);
  });

  it('offers choices when unsure, falls back on nonsense, and offers a person after two misses', async () => {
    const { visitor, botReplies } = await workspace();
    const v = await visitor();
    await v.send('我买的东西啥时候寄');
    const [suggest] = await botReplies(v, 1);
    expect(suggest.body).toBe('您是不是想问：');
    expect(suggest.content.suggestions[0].label).toBe('订单什么时候发货');
    expect(suggest.content.suggestions.length).toBeLessThanOrEqual(3);

    const u = await visitor();
    await u.send('今天天气怎么样');
    const [fallback] = await botReplies(u, 1);
    expect(fallback.body).toContain('这个问题我还不会回答');
    expect(fallback.content.buttons[0].reply).toBe('转人工');
    await u.send('火星上有没有外卖');
    const again = await botReplies(u, 2);
    expect(again[1].body).toContain('需要为您转接人工客服吗');
  });

  it('a "did you mean" the customer passes over counts as a miss: the next one offers a person too', async () => {
    const { visitor, botReplies } = await workspace();
    const v = await visitor();
    await v.send('火星上有没有外卖'); // miss 1
    await botReplies(v, 1);
    await v.send('我买的东西啥时候寄'); // unsure again: the choices, and a person
    const [, unsure] = await botReplies(v, 2);
    expect(unsure.body).toBe('您是不是想问下面的问题？如果都不是，可以转人工客服。');
    expect(unsure.content.suggestions[0].label).toBe('订单什么时候发货');
    expect(unsure.content.buttons[0].reply).toBe('转人工');

    // picking a choice is answered and starts the count again
    const w = await visitor();
    await w.send('我买的东西啥时候寄');
    const [first] = await botReplies(w, 1);
    expect(first.body).toBe('您是不是想问：');
    expect(first.content.buttons).toBeUndefined();
    await w.send(first.content.suggestions[0].label);
    expect((await botReplies(w, 2))[1].body).toBe('下单后 24 小时内发货。');
    await w.send('今天天气怎么样');
    expect((await botReplies(w, 3))[2].body).toContain('这个问题我还不会回答');
  });

  it('answers small talk without counting a miss; 「好的」 to its offer of a person hands off', async () => {
    const { client, visitor, botReplies } = await workspace();
    const v = await visitor();
    const first = await v.send('你好，在吗？');
    expect((await botReplies(v, 1))[0].body).toBe('您好！我是智能助手，请问有什么可以帮您？');
    await v.send('今天天气怎么样'); // miss 1
    await botReplies(v, 2);
    await v.send('谢谢'); // small talk: not a miss
    expect((await botReplies(v, 3))[2].body).toBe('不客气！还有其他问题随时问我。');
    await v.send('火星上有没有外卖'); // miss 2: the bot offers a person
    expect((await botReplies(v, 4))[3].body).toContain('需要为您转接人工客服吗');
    await v.send('好的');
    const id = first.body.conversation.id;
    await eventually(async () => {
      const items = (await client.get('/api/v1/conversations?view=unassigned')).body.items;
      return items.find((c: any) => c.id === id && c.handler === 'human');
    });
    expect((await botReplies(v, 5))[4].body).toMatch(/转接人工客服|没有客服在线/);

    // 「不用了」 declines the offer; an English "hi" is answered in English
    const w = await visitor();
    for (const text of ['今天天气怎么样', '火星上有没有外卖']) await w.send(text);
    await botReplies(w, 2);
    await w.send('不用了，谢谢');
    expect((await botReplies(w, 3))[2].body).toBe('好的。还有什么问题，您可以继续问我。');
    await w.send('hi');
    expect((await botReplies(w, 4))[3].body).toBe("Hello! I'm Assistant. What can I help you with?");
    // "who are you?" is answered, with the way to a person, and is no miss
    await w.send('你是机器人吗？');
    const who = (await botReplies(w, 5))[4];
    expect(who.body).toContain('我是智能助手');
    expect(who.content.buttons[0].label).toBe('转人工');
  });

  it('the metrics count "did you mean" replies and how often a choice was picked', async () => {
    const { client, visitor, botReplies } = await workspace();
    const v = await visitor();
    await v.send('我买的东西啥时候寄');
    const [choices] = await botReplies(v, 1);
    await v.send(choices.content.suggestions[0].label); // picked
    await botReplies(v, 2);
    const w = await visitor();
    await w.send('我买的东西啥时候寄');
    await botReplies(w, 1);
    await w.send('火星上有没有外卖'); // passed over
    await botReplies(w, 2);
    const m = await eventually(async () => {
      const body = (await client.get('/api/v1/bot/metrics?days=7')).body;
      return body.series?.reduce((n: number, d: any) => n + d.messages, 0) === 4 ? body : null;
    });
    expect(m.series.reduce((n: number, d: any) => n + d.unsure, 0)).toBe(2);
    expect(m.series.reduce((n: number, d: any) => n + d.picked, 0)).toBe(1);
    expect(m.totals).toMatchObject({ unsureRate: 0.5, pickRate: 0.5 });
  });

  it("answers as readily as the inbox's answer mode says", async () => {
    // balanced (the default) offers choices for this message; eager answers it; cautious asks about one
    // that balanced answers
    const eager = await workspace({ enabled: true, answerMode: 'eager' });
    const v = await eager.visitor();
    await v.send('我买的东西啥时候寄');
    expect((await eager.botReplies(v, 1))[0].body).toBe('下单后 24 小时内发货。');
    const { inbox } = (await eager.client.get(`/api/v1/inboxes/${eager.inbox.id}`)).body;
    expect(inbox.settings.bot.answerMode).toBe('eager');

    const cautious = await workspace({ enabled: true, answerMode: 'cautious' });
    const w = await cautious.visitor();
    await w.send('寄出要几天');
    const [unsure] = await cautious.botReplies(w, 1);
    expect(unsure.body).toBe('您是不是想问：');
    expect(unsure.content.suggestions[0].label).toBe('订单什么时候发货');

    const bad = await cautious.client.patch(`/api/v1/inboxes/${cautious.inbox.id}`, {
      settings: { bot: { enabled: true, answerMode: 'reckless' } },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('answerMode');
  });

  it('a customer typing while the bot answers and hands off never gets an error', async () => {
    // the bot's turn locks the conversation while the customer's next messages arrive: no deadlock, no 5xx
    const { visitor, botReplies } = await workspace();
    const v = await visitor();
    for (let round = 0; round < 3; round++) {
      const sent = await Promise.all(
        ['怎么申请退款', '运费多少钱', round === 2 ? '转人工' : '今天天气怎么样', '谢谢', '你好'].map((t) =>
          v.send(t),
        ),
      );
      expect(sent.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    }
    await botReplies(v, 5);
  });

  it('an inbox greeting answers a first 「你好」 alone', async () => {
    const { visitor, botReplies } = await workspace({
      enabled: true,
      name: '小客',
      greeting: '欢迎光临小店！',
    });
    const v = await visitor();
    await v.send('您好');
    expect((await botReplies(v, 1)).map((m) => m.body)).toEqual(['欢迎光临小店！']);
    await v.send('你好');
    expect((await botReplies(v, 2))[1].body).toBe('您好！我是小客，请问有什么可以帮您？');
    await new Promise((r) => setTimeout(r, 300));
    expect((await v.messages()).filter((m) => m.senderType === 'bot')).toHaveLength(2);
  });

  it('answers both parts of a message that asks two things', async () => {
    const { visitor, botReplies } = await workspace();
    const v = await visitor();
    await v.send('运费多少钱？另外怎么开发票');
    const replies = await botReplies(v, 2);
    expect(replies.map((m) => m.body).sort()).toEqual(
      ['全场包邮。', '在「我的订单」里申请电子发票。'].sort(),
    );
  });

  it('「转人工」 hands off at once: the queue gets it with the transcript and the detected question', async () => {
    const { client, visitor, botReplies } = await workspace();
    const v = await visitor();
    const first = await v.send('怎么申请退款');
    await botReplies(v, 1);
    await v.send('转人工');
    const id = first.body.conversation.id;
    await eventually(async () => {
      const items = (await client.get('/api/v1/conversations?view=unassigned')).body.items;
      return items.find((c: any) => c.id === id && c.handler === 'human');
    });
    const thread = await eventually(async () => {
      const items = (await client.get(`/api/v1/conversations/${id}/messages?limit=100`)).body.items as any[];
      return items.some((m) => m.private) ? items : null;
    });
    expect(thread.map((m) => m.body)).toEqual(
      expect.arrayContaining(['怎么申请退款', '在订单详情页点「申请退款」即可。', '转人工']),
    );
    const note = thread.find((m) => m.private);
    expect(note.body).toContain('客户要求人工');
    expect(note.body).toContain('怎么申请退款');
    // the customer is told, and sees no internal note
    const seen = await v.messages();
    expect(seen.some((m) => m.private)).toBe(false);
    expect(seen[seen.length - 1].body).toMatch(/转接人工客服|没有客服在线/);
    // once handed off the bot stays quiet
    await v.send('你好，我的订单什么时候发货？');
    await new Promise((r) => setTimeout(r, 300));
    expect((await v.messages()).filter((m) => m.senderType === 'bot')).toHaveLength(2);
  });

  it('anger (lexicon) and distress (sentiment model) go to a person with raised priority; the note says why', async () => {
    const distressed = '等了整整一个礼拜，钱扣了货没到，打电话也没人接，你们到底还管不管';
    expect(detectAnger(distressed).angry).toBe(false); // the lexicon alone would let the bot answer this one
    const { client, visitor } = await workspace();
    for (const [text, why] of [
      ['你们这是什么垃圾服务，气死我了！我要投诉！！', /客户情绪激动（识别到：.*用语「.*垃圾/],
      [distressed, /客户情绪激动（识别到：情绪模型 \d+%）/],
    ] as const) {
      const sent = await (await visitor()).send(text);
      const conversation = await eventually(async () => {
        const c = (await client.get(`/api/v1/conversations/${sent.body.conversation.id}`)).body.conversation;
        return c.handler === 'human' ? c : null;
      });
      expect(conversation.priority).toBe('high');
      const note = (await client.get(`/api/v1/conversations/${conversation.id}/messages`)).body.items.find(
        (m: any) => m.private,
      );
      expect(note.body).toMatch(why);
    }
    // a neutral question with 投诉 in it is answered by the bot as usual
    const calm = await visitor();
    const asked = await calm.send('投诉电话是多少');
    await eventually(async () => ((await calm.messages()).some((m) => m.senderType === 'bot') ? true : null));
    const c = (await client.get(`/api/v1/conversations/${asked.body.conversation.id}`)).body.conversation;
    expect(c.handler).toBe('bot');
    expect(c.priority).not.toBe('high');
  });

  it('an agent who replies takes over; the share and the off switch keep the bot out', async () => {
    const { client, visitor, botReplies } = await workspace();
    const v = await visitor();
    const sent = await v.send('忘记密码怎么办');
    await botReplies(v, 1);
    const reply = await client.post(`/api/v1/conversations/${sent.body.conversation.id}/messages`, {
      clientId: crypto.randomUUID(),
      body: '我来帮您处理',
    });
    expect(reply.status).toBe(201);
    expect(
      (await client.get(`/api/v1/conversations/${sent.body.conversation.id}`)).body.conversation.handler,
    ).toBe('human');
    await v.send('你好，我的订单什么时候发货？');
    await new Promise((r) => setTimeout(r, 300));
    expect((await v.messages()).filter((m) => m.senderType === 'bot')).toHaveLength(1);

    for (const bot of [{ enabled: true, share: 0 }, { enabled: false }]) {
      const other = await workspace(bot);
      const w = await other.visitor();
      const s = await w.send('你好，我的订单什么时候发货？');
      await new Promise((r) => setTimeout(r, 300));
      expect((await w.messages()).filter((m) => m.senderType === 'bot')).toHaveLength(0);
      expect(
        (await other.client.get(`/api/v1/conversations/${s.body.conversation.id}`)).body.conversation.handler,
      ).toBe('human');
    }
  });

  it('offers 「猜你想问」 in the widget: popular entries, a pinned list in its order, none when off', async () => {
    const { client, inbox, visitor, botReplies } = await workspace();
    const suggested = async () => {
      const res = await server.app.inject({ url: `/api/v1/widget/inboxes/${inbox.publicId}/config` });
      expect(res.statusCode).toBe(200);
      return res.json().inbox.bot.suggested as { faqId: string; label: string; locale: string }[];
    };
    // no history yet: the entries with the most similar questions (then the oldest), 4 by default
    expect((await suggested()).map((q) => q.label)).toEqual(FAQS.slice(0, 4).map((f) => f.question));
    expect((await suggested())[0].locale).toBe('zh-CN');

    // what the bot answered most comes first; a click sends the standard question, which the bot answers
    const v = await visitor();
    await v.send('发票怎么申请');
    await v.send('可以开增值税发票吗');
    await v.send('包邮吗');
    await botReplies(v, 3);
    forgetPopular();
    const popular = await suggested();
    expect(popular.map((q) => q.label).slice(0, 2)).toEqual(['怎么开发票', '运费多少钱']);
    await v.send(popular[1].label);
    expect((await botReplies(v, 4))[3].body).toBe('全场包邮。');

    // the trainer's own list, in its order; a switched-off entry and another workspace's are left out
    const ids = new Map<string, string>(
      (await client.get('/api/v1/kb/faqs?limit=50')).body.items.map((f: any) => [f.question, f.id]),
    );
    const other = await signupWorkspace(server, '别家', 'zh-CN');
    const theirs = await other.client.post('/api/v1/kb/faqs', {
      question: '别家的问题',
      answer: { text: '…' },
    });
    const pinned = [
      ids.get('支持哪些支付方式')!,
      ids.get('忘记密码怎么办')!,
      theirs.body.faq.id,
      ids.get('运费多少钱')!,
    ];
    const set = (suggestedSettings: unknown) =>
      client.patch(`/api/v1/inboxes/${inbox.id}`, {
        settings: { bot: { enabled: true, suggested: suggestedSettings } },
      });
    expect((await set({ mode: 'pinned', faqIds: pinned })).status).toBe(200);
    expect((await suggested()).map((q) => q.label)).toEqual([
      '支持哪些支付方式',
      '忘记密码怎么办',
      '运费多少钱',
    ]);
    expect((await client.patch(`/api/v1/kb/faqs/${pinned[1]}`, { enabled: false })).status).toBe(200);
    expect((await suggested()).map((q) => q.label)).toEqual(['支持哪些支付方式', '运费多少钱']);
    expect((await set({ mode: 'popular', count: 2 })).status).toBe(200);
    expect(await suggested()).toHaveLength(2);
    expect((await set({ mode: 'off' })).status).toBe(200);
    expect(await suggested()).toEqual([]);

    // bad settings are refused with the field at fault
    for (const [bad, field] of [
      [{ mode: 'pinned', faqIds: ['nope'] }, 'settings.bot.suggested.faqIds.0'],
      [
        { mode: 'pinned', faqIds: Array.from({ length: 7 }, () => crypto.randomUUID()) },
        'settings.bot.suggested.faqIds',
      ],
      [{ mode: 'popular', count: 9 }, 'settings.bot.suggested.count'],
      [{ mode: 'sometimes' }, 'settings.bot.suggested.mode'],
    ] as const) {
      const res = await set(bad);
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: any) => d.field)).toContain(field);
    }
  });

  it("suggests questions while the visitor types (输入联想), only its own workspace's, and only when on", async () => {
    const { client, inbox, visitor } = await workspace();
    const v = await visitor();
    const labels = async (q: string) => {
      const res = await v.typeahead(q);
      expect(res.status, q).toBe(200);
      return (res.body.items as { id: string; label: string }[]).map((i) => i.label);
    };
    // questions that contain the text, those that start with it first; similar questions count too
    expect((await labels('怎么')).slice(0, 3)).toEqual(['怎么开发票', '怎么申请退款', '忘记密码怎么办']);
    expect(await labels('退款')).toContain('怎么申请退款');
    expect(await labels('包邮')).toEqual(['运费多少钱']);
    expect(await labels('寄出')).toEqual(['订单什么时候发货']);
    // nothing contains it: the bot's own matching
    expect(await labels('发货要等几天')).toContain('订单什么时候发货');
    expect(await labels('x')).toEqual([]);
    expect(await labels('   ')).toEqual([]);
    expect((await labels('的')).length).toBeLessThanOrEqual(5);

    const long = await v.typeahead('退'.repeat(101));
    expect(long.status).toBe(400);
    expect(long.body.error.details[0].field).toBe('q');
    expect((await v.typeahead('退款', '')).status).toBe(401);

    // another workspace's visitor never sees this one's entries
    expect(
      (await client.post('/api/v1/kb/faqs', { question: '门店几点关门', answer: { text: '22:00' } })).status,
    ).toBe(201);
    // typing never waits for a retraining: the new entry comes with the new model
    await eventually(async () => ((await labels('门店'))[0] === '门店几点关门' ? true : null));
    const other = await workspace();
    const w = await other.visitor();
    expect((await w.typeahead('门店')).body.items).toEqual([]);

    // switched off, or no bot: nothing
    for (const bot of [{ enabled: true, typeahead: false }, { enabled: false }]) {
      expect((await client.patch(`/api/v1/inboxes/${inbox.id}`, { settings: { bot } })).status).toBe(200);
      expect(await labels('退款')).toEqual([]);
    }
  });

  it('offers related questions under an answer: asked together before, then the same category', async () => {
    const { client, inbox, visitor, botReplies } = await workspace();
    const ids = new Map<string, string>(
      (await client.get('/api/v1/kb/faqs?limit=50')).body.items.map((f: any) => [f.question, f.id]),
    );
    const related = async (question: string) => {
      const v = await visitor();
      await v.send(question);
      const [answer] = await botReplies(v, 1);
      return ((answer.content.related ?? []) as { faqId: string; label: string }[]).map((r) => r.label);
    };
    // no history, no categories: nothing to offer
    expect(await related('怎么开发票')).toEqual([]);

    // entries of the same category
    const category = await client.post('/api/v1/kb/categories', { names: { 'zh-CN': '售后' } });
    expect(category.status).toBe(201);
    for (const q of ['怎么申请退款', '运费多少钱'])
      expect(
        (await client.patch(`/api/v1/kb/faqs/${ids.get(q)}`, { categoryId: category.body.category.id }))
          .status,
      ).toBe(200);
    expect(await related('怎么申请退款')).toEqual(['运费多少钱']);

    // answered together in two conversations: related, and first
    for (let i = 0; i < 2; i++) {
      const v = await visitor();
      await v.send('怎么开发票');
      await botReplies(v, 1);
      await v.send('支持哪些支付方式');
      await botReplies(v, 2);
    }
    expect(await related('怎么开发票')).toEqual(['支持哪些支付方式']);
    expect((await related('运费多少钱'))[0]).toBe('怎么申请退款');

    // a switched-off entry is never offered; the inbox can switch the list off
    expect(
      (await client.patch(`/api/v1/kb/faqs/${ids.get('支持哪些支付方式')}`, { enabled: false })).status,
    ).toBe(200);
    expect(await related('怎么开发票')).toEqual([]);
    const off = { enabled: true, related: false };
    expect((await client.patch(`/api/v1/inboxes/${inbox.id}`, { settings: { bot: off } })).status).toBe(200);
    expect(await related('怎么申请退款')).toEqual([]);
  });

  it('learns a new FAQ entry at once', async () => {
    const { client, visitor, botReplies } = await workspace();
    const created = await client.post('/api/v1/kb/faqs', {
      question: '门店几点关门',
      similarQuestions: ['营业时间是几点', '你们几点下班'],
      answer: { text: '门店每天 22:00 关门。' },
    });
    expect(created.status).toBe(201);
    const v = await visitor();
    await v.send('你们几点下班？');
    const [answer] = await botReplies(v, 1);
    expect(answer.body).toBe('门店每天 22:00 关门。');
  });
});

describe(`bot trainer tools (${MODE})`, () => {
  let env: TestEnv;
  let server: KefuServer;
  beforeAll(async () => {
    env = await openTestEnv();
    server = await env.node();
  });
  afterAll(() => env.close());

  it('test console, workbench groups, metrics and agent assist', async () => {
    const ws = await signupWorkspace(server, '训练师', 'zh-CN');
    const inbox = (await ws.client.get('/api/v1/inboxes')).body.items[0];
    await ws.client.patch(`/api/v1/inboxes/${inbox.id}`, { settings: { bot: { enabled: true } } });
    for (const faq of FAQS) await ws.client.post('/api/v1/kb/faqs', faq);

    const test = await ws.client.post('/api/v1/bot/test', { text: '能开发票吗' });
    expect(test.status).toBe(200);
    expect(test.body.action).toBe('answer');
    expect(test.body.candidates[0]).toMatchObject({ question: '怎么开发票' });
    expect(test.body.candidates[0].score).toBeGreaterThan(test.body.candidates[1].score);
    expect((await ws.client.post('/api/v1/bot/test', { text: '转人工' })).body.handoffReason).toBe('asked');
    expect((await ws.client.post('/api/v1/bot/test', { text: '你好！' })).body.action).toBe('smalltalk');
    expect(test.body.distress).toMatchObject({ distressed: false, signals: [] });
    const angry = (await ws.client.post('/api/v1/bot/test', { text: '你们这群骗子！！！我要投诉' })).body;
    expect(angry.handoffReason).toBe('anger');
    expect(angry.distress.distressed).toBe(true);
    expect(angry.distress.signals).toEqual(expect.arrayContaining(['骗子', '投诉']));
    expect((await ws.client.post('/api/v1/bot/test', {})).status).toBe(400);
    // the console tests any answer mode: an unsure message is answered by the eager one only
    const modes = [];
    for (const answerMode of ['cautious', 'balanced', 'eager'])
      modes.push((await ws.client.post('/api/v1/bot/test', { text: '我买的东西啥时候寄', answerMode })).body);
    expect(modes.map((r) => [r.answerMode, r.action])).toEqual([
      ['cautious', 'suggest'],
      ['balanced', 'suggest'],
      ['eager', 'answer'],
    ]);
    const wild = await ws.client.post('/api/v1/bot/test', { text: '发票', answerMode: 'wild' });
    expect(wild.status).toBe(400);
    expect(wild.body.error.details[0].field).toBe('answerMode');

    // two visitors ask the same unknown thing, one asks something known
    const conversations: string[] = [];
    for (const text of ['你们卖不卖自行车', '你们卖不卖自行车？', '忘记密码怎么办']) {
      const { body } = await server.app
        .inject({ method: 'POST', url: `/api/v1/widget/inboxes/${inbox.publicId}/sessions`, payload: {} })
        .then((r) => ({ body: JSON.parse(r.body) }));
      const sent = await server.app.inject({
        method: 'POST',
        url: '/api/v1/widget/messages',
        headers: { 'x-visitor-token': body.visitorToken },
        payload: { clientId: crypto.randomUUID(), body: text },
      });
      conversations.push(JSON.parse(sent.body).conversation.id);
    }
    const bench = await eventually(async () => {
      const b = (await ws.client.get('/api/v1/bot/workbench')).body;
      return b.unmatched?.[0]?.count === 2 ? b : null;
    });
    expect(bench.unmatched[0].text).toMatch(/你们卖不卖自行车/);
    expect(bench.unmatched[0].variants).toEqual([]); // one wording (punctuation aside)

    const metrics = await eventually(async () => {
      const m = (await ws.client.get('/api/v1/bot/metrics?days=7')).body;
      // every visitor's message has had its bot turn
      const turns = (m.series ?? []).reduce((n: number, d: any) => n + d.messages, 0);
      return m.totals?.conversations === 3 && turns === 3 ? m : null;
    });
    expect(metrics.totals.resolutionRate).toBe(1);
    expect(metrics.totals.unmatchedRate).toBeCloseTo(2 / 3, 2);
    expect(metrics.topIntents[0].question).toBe('忘记密码怎么办');

    const help = await ws.client.get(`/api/v1/bot/assist?conversationId=${conversations[2]}`);
    expect(help.body.items[0]).toMatchObject({
      question: '忘记密码怎么办',
      answer: '点登录页的「忘记密码」。',
    });
    expect(help.body.items.length).toBeLessThanOrEqual(3);
    expect((await ws.client.get(`/api/v1/bot/assist?conversationId=${crypto.randomUUID()}`)).status).toBe(
      404,
    );
    // 「转人工」 and 「谢谢」 ask nothing: assist keeps to the customer's last real question
    const session = JSON.parse(
      (
        await server.app.inject({
          method: 'POST',
          url: `/api/v1/widget/inboxes/${inbox.publicId}/sessions`,
          payload: {},
        })
      ).body,
    );
    let handedOver = '';
    for (const body of ['怎么开发票', '转人工', '谢谢！']) {
      const sent = await server.app.inject({
        method: 'POST',
        url: '/api/v1/widget/messages',
        headers: { 'x-visitor-token': session.visitorToken },
        payload: { clientId: crypto.randomUUID(), body },
      });
      handedOver = JSON.parse(sent.body).conversation.id;
    }
    const kept = (await ws.client.get(`/api/v1/bot/assist?conversationId=${handedOver}`)).body;
    expect(kept.items[0]).toMatchObject({ question: '怎么开发票' });

    // another tenant sees none of it
    const other = await signupWorkspace(server, '别家', 'zh-CN');
    expect((await other.client.get(`/api/v1/bot/assist?conversationId=${conversations[2]}`)).status).toBe(
      404,
    );
    expect((await other.client.post('/api/v1/bot/test', { text: '能开发票吗' })).body.candidates).toEqual([]);
    expect((await other.client.get('/api/v1/bot/workbench')).body.unmatched).toEqual([]);
    expect((await other.client.get('/api/v1/bot/metrics')).body.totals.conversations).toBe(0);
  });

  it('answers from the previous model while a retraining runs, then from the new one', async () => {
    const ws = await signupWorkspace(server, '模型缓存', 'zh-CN');
    const tenantId = ws.tenant.id as string;
    const faqs = shopFaqs(undefined, 2);
    for (const [question, ...similarQuestions] of faqs.map((f) => f.questions)) {
      const res = await ws.client.post('/api/v1/kb/faqs', {
        question,
        similarQuestions,
        answer: { text: question },
      });
      expect(res.status).toBe(201);
    }
    const first = await tenantBot(server.kernel, tenantId);
    expect(first.matcher.size).toBe(faqs.length);
    expect(first.matcher.size * 3).toBeGreaterThan(INLINE_MAX_QUESTIONS);
    expect(first.trainedOn).toBe('thread');
    expect(await tenantBot(server.kernel, tenantId)).toBe(first);

    const added = await ws.client.post('/api/v1/kb/faqs', {
      question: '怎么开发票',
      similarQuestions: ['可以开增值税发票吗'],
      answer: { text: '在订单页申请。' },
    });
    expect(added.status).toBe(201);
    // a customer who cannot wait gets the model in place; the trainer's console waits for the new one
    const stale = await tenantBot(server.kernel, tenantId, { waitMs: 0 });
    expect(stale).toBe(first);
    const fresh = await tenantBot(server.kernel, tenantId, { fresh: true });
    expect(fresh.matcher.size).toBe(first.matcher.size + 1);
    expect(fresh.matcher.match('怎么开发票？').candidates[0].id).toBe(added.body.faq.id);
    expect(await tenantBot(server.kernel, tenantId, { waitMs: 0 })).toBe(fresh);
  });
});

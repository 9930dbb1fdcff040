import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODE, openTestEnv, signupWorkspace, type TestEnv } from '../../test/harness.js';
import type { KefuServer } from '../../app.js';
import { widgetVisitor } from '../../test/widget-visitor.js';

/**
 * A small server speaking the OpenAI protocol (/v1/embeddings, /v1/chat/completions), deterministic:
 * embeddings are hashed character bigrams; the "model" answers from the first passage that shares at least
 * three bigrams with the question, citing it, and says NO_ANSWER otherwise.
 */
function fakeOpenAi() {
  const calls: { path: string; auth: string | undefined; body: any }[] = [];
  const bigrams = (s: string) => {
    const chars = [...s.replace(/\s+/g, '')];
    return chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
  };
  const vector = (s: string) => {
    const v = new Array(64).fill(0);
    for (const g of bigrams(s)) v[crypto.createHash('md5').update(g).digest()[0] % 64] += 1;
    return v;
  };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw || '{}');
      calls.push({ path: req.url ?? '', auth: req.headers.authorization, body });
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v1/embeddings') {
        res.end(
          JSON.stringify({
            data: body.input.map((t: string, index: number) => ({ index, embedding: vector(t) })),
          }),
        );
        return;
      }
      if (req.url === '/v1/chat/completions') {
        const user: string = body.messages.at(-1).content;
        const question = user.split('Question: ')[1] ?? '';
        const passages = [...user.matchAll(/\[(\d+)\] ([^\n]+)\n([^\n]+)/g)];
        const q = new Set(bigrams(question));
        const hit = passages.find((p) => bigrams(p[2] + p[3]).filter((g) => q.has(g)).length >= 3);
        const content = hit ? `${hit[3]} [${hit[1]}]` : 'NO_ANSWER';
        res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] }));
        return;
      }
      res.statusCode = 404;
      res.end('{}');
    });
  });
  return { server, calls };
}

describe(`AI answers from the knowledge base (${MODE})`, () => {
  let env: TestEnv;
  let server: KefuServer;
  const ai = fakeOpenAi();
  let aiUrl = '';

  beforeAll(async () => {
    await new Promise<void>((r) => ai.server.listen(0, '127.0.0.1', () => r()));
    aiUrl = `http://127.0.0.1:${(ai.server.address() as AddressInfo).port}/v1`;
    env = await openTestEnv({ botAllowPrivateNetwork: true });
    server = await env.node();
  });
  afterAll(async () => {
    await env.close();
    await new Promise((r) => ai.server.close(r));
  });

  it('answers from a help article with a citation, and declines what nothing supports', async () => {
    const ws = await signupWorkspace(server, 'AI 测试', 'zh-CN');
    const inbox = (await ws.client.get('/api/v1/inboxes')).body.items[0];
    await ws.client.patch(`/api/v1/inboxes/${inbox.id}`, { settings: { bot: { enabled: true } } });
    await ws.client.post('/api/v1/kb/faqs', {
      question: '怎么开发票',
      answer: { text: '在订单页申请电子发票。' },
    });
    const article = await ws.client.post('/api/v1/kb/articles', {
      slug: 'warranty',
      status: 'published',
      translations: {
        'zh-CN': {
          title: '保修政策',
          bodyMd: '所有电器保修一年，保修期内免费维修。\n\n人为损坏不在保修范围内。',
        },
      },
    });
    expect(article.status).toBe(201);

    // off by default; the key is write-only
    expect((await ws.client.get('/api/v1/bot/ai')).body).toMatchObject({ enabled: false, hasApiKey: false });
    const put = await ws.client.put('/api/v1/bot/ai', {
      enabled: true,
      baseUrl: aiUrl,
      apiKey: 'sk-test-123',
      embeddingModel: 'embed-1',
      chatModel: 'chat-1',
      minScore: 0.2,
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ enabled: true, hasApiKey: true });
    expect(JSON.stringify(put.body)).not.toContain('sk-test-123');
    expect((await ws.client.put('/api/v1/bot/ai', { enabled: true, baseUrl: 'ftp://x' })).status).toBe(400);

    const { say, botReplies: bots } = await widgetVisitor(server, inbox.publicId);

    // an FAQ entry still answers directly, without the model
    await say('怎么开发票');
    expect((await bots(1))[0].body).toBe('在订单页申请电子发票。');
    expect(ai.calls.filter((c) => c.path === '/v1/chat/completions')).toHaveLength(0);

    // not an FAQ, but the warranty article says it
    await say('电器保修多久，保修期内维修收费吗');
    const answer = (await bots(2))[1];
    expect(answer.body).toContain('所有电器保修一年');
    expect(answer.content.citations).toEqual([
      { n: 1, title: '保修政策', url: expect.stringMatching(/\/articles\/warranty$/) },
    ]);
    const chat = ai.calls.find((c) => c.path === '/v1/chat/completions')!;
    expect(chat.auth).toBe('Bearer sk-test-123');
    expect(chat.body.model).toBe('chat-1');
    expect(chat.body.messages[0].content).toMatch(/ONLY the numbered passages/);

    // nothing supports an answer: the usual fallback, no invention
    await say('火星上有外卖吗');
    const refusal = (await bots(3))[2];
    expect(refusal.body).toContain('这个问题我还不会回答');
    expect(refusal.content.citations).toBeUndefined();

    // the endpoint down: the bot still answers with its fallback
    await ws.client.put('/api/v1/bot/ai', {
      enabled: true,
      baseUrl: 'http://127.0.0.1:9/v1',
      embeddingModel: 'embed-1',
      chatModel: 'chat-1',
    });
    await say('保修期内维修收费吗');
    expect((await bots(4))[3].body).toMatch(/这个问题我还不会回答|需要为您转接人工客服吗/);
  });
});

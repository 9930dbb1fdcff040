import crypto from 'node:crypto';
import type { Kernel } from '../../kernel.js';
import type { TenantTx } from '../../platform/events.js';
import { AppError } from '../../platform/errors.js';
import { rooms } from '@kefu/shared';
import { distressModel } from '@kefu/nlp';
import { addMessage, loadConversation } from '../conversations/index.js';
import { withinBusinessHours } from '../widget/settings.js';
import { decide, type BotStep, type Distress } from './engine.js';
import { CANCEL, advanceFlow, startFlow, type FlowAdvance, type FlowState } from './flow-turn.js';
import { runFlow } from './flows.js';
import { generate, loadAiSettings, type Generated } from './ai.js';
import type { FlowDefinition } from './flow-definition.js';
import { hasLiveFaqs, tenantBot, type TenantBot } from './knowledge.js';
import { relatedQuestions, type RelatedQuestion } from './related.js';
import { resolveBotSettings, type ResolvedBotSettings } from './settings.js';
import { angerReason, botText, localeOf, type BotLocale, type BotText } from './texts.js';

export { BotSettings, resolveBotSettings } from './settings.js';
export { botText } from './texts.js';
export { suggestedQuestions, forgetPopular } from './suggested.js';
export { typeahead, TYPEAHEAD_LIMIT } from './typeahead.js';

interface InboxContext {
  bot: ResolvedBotSettings;
  locale: BotLocale;
  inHours: boolean;
}

async function inboxContext(tx: TenantTx, inboxId: string): Promise<InboxContext> {
  const [row] = await tx.sql.query(
    `SELECT i.settings, t.default_locale, t.timezone, t.business_hours FROM inboxes i JOIN tenants t ON t.id = i.tenant_id
     WHERE i.id = $1`,
    [inboxId],
  );
  const hours = row?.business_hours ?? [];
  return {
    bot: resolveBotSettings(row?.settings?.bot),
    locale: row?.default_locale === 'en' ? 'en' : 'zh-CN',
    // no business hours configured = always open
    inHours: hours.length === 0 || withinBusinessHours(hours, row.timezone),
  };
}

/**
 * Called when a visitor's message opens a new conversation: the bot takes it when the inbox's bot is on,
 * the knowledge base has something to say, the conversation falls in the configured share and, if so set,
 * it is outside business hours.
 */
export async function maybeStartBot(
  tx: TenantTx,
  kernel: Kernel,
  conversation: { id: string; inbox_id: string; handler?: string },
) {
  const ctx = await inboxContext(tx, conversation.inbox_id);
  const { bot } = ctx;
  if (!bot.enabled || bot.share <= 0) return false;
  if (bot.onlyOutsideHours && ctx.inHours) return false;
  if (bot.share < 100 && crypto.randomInt(100) >= bot.share) return false;
  if (!(await hasLiveFaqs(tx.sql, tx.tenantId))) return false;
  await tx.sql.query(`UPDATE conversations SET handler = 'bot' WHERE id = $1`, [conversation.id]);
  conversation.handler = 'bot'; // the caller's row: the message it adds next is announced as the bot's
  await tx.sql.query(
    `INSERT INTO bot_sessions (conversation_id, tenant_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [conversation.id, tx.tenantId],
  );
  return true;
}

/** After a customer's message is committed: the bot answers in a job, so event delivery never waits for it. */
export function registerBot(kernel: Kernel) {
  kernel.events.on('message.created', async (event) => {
    const { message, conversationId, handler } = event.payload as {
      message: { id: string; senderType: string; private: boolean };
      conversationId: string;
      handler?: string;
    };
    // conversations people handle cost the bot nothing: no job per message
    if (message.senderType !== 'contact' || message.private || handler !== 'bot') return;
    await kernel.queue.add(
      'default',
      'bot.reply',
      { tenantId: event.tenantId, conversationId, messageId: message.id },
      { jobId: `bot-${message.id}` },
    );
  });
  kernel.queue.handle('default', 'bot.generate', async (job) => {
    const { tenantId, conversationId, messageId } = job.data as {
      tenantId: string;
      conversationId: string;
      messageId: string;
    };
    const [row] = await kernel.db.tenantTx(tenantId, async (sql) => [
      {
        settings: await loadAiSettings(sql, tenantId),
        message: (await sql.query('SELECT body FROM messages WHERE id = $1', [messageId]))[0],
      },
    ]);
    const result =
      row.settings?.enabled && row.message
        ? await generate(kernel, tenantId, row.settings, row.message.body)
        : { answer: null, citations: [], reason: 'error' as const };
    await replyTo(kernel, tenantId, conversationId, messageId, result);
  });
  kernel.queue.handle('default', 'bot.flow', async (job) => {
    const { tenantId, conversationId } = job.data as { tenantId: string; conversationId: string };
    await finishFlow(kernel, tenantId, conversationId);
  });
  kernel.queue.handle('default', 'bot.reply', async (job) => {
    const { tenantId, conversationId, messageId } = job.data as {
      tenantId: string;
      conversationId: string;
      messageId: string;
    };
    await replyTo(kernel, tenantId, conversationId, messageId);
  });
}

interface Outgoing {
  body: string;
  content?: Record<string, unknown>;
}

function humanButton(locale: BotLocale) {
  const label = botText(locale, 'humanButton');
  return { label, reply: label };
}

/**
 * The bot's turn for one customer message. `generated` is the AI answer when the tenant has an AI endpoint
 * and the FAQ entries were not enough: the first pass hands that work to a job (network calls never run
 * inside a transaction), which comes back here with the result.
 */
export async function replyTo(
  kernel: Kernel,
  tenantId: string,
  conversationId: string,
  messageId: string,
  generated?: Generated,
) {
  // train (or reuse) outside the transaction: it is CPU work and must not hold row locks
  const bot = await tenantBot(kernel, tenantId);
  distressModel(); // the anger/distress model of every tenant: trained on the first message of the process
  await kernel.events.run(tenantId, async (tx) => {
    // one bot turn at a time per conversation, and each customer message handled once
    const [conv] = await tx.sql.query(`SELECT handler FROM conversations WHERE id = $1 FOR UPDATE`, [
      conversationId,
    ]);
    if (conv?.handler !== 'bot') return;
    const [done] = await tx.sql.query('SELECT 1 FROM bot_turns WHERE message_id = $1', [messageId]);
    if (done) return;
    const [message] = await tx.sql.query('SELECT body FROM messages WHERE id = $1 AND conversation_id = $2', [
      messageId,
      conversationId,
    ]);
    if (!message?.body?.trim()) return; // a file on its own: nothing for the bot to read
    const conversation = await loadConversation(tx.sql, tenantId, conversationId);
    const ctx = await inboxContext(tx, conversation.inbox_id);
    const locale = localeOf(message.body, ctx.locale);
    const [session] = await tx.sql.query('SELECT * FROM bot_sessions WHERE conversation_id = $1 FOR UPDATE', [
      conversationId,
    ]);
    const first =
      !session ||
      (await tx.sql.query('SELECT 1 FROM bot_turns WHERE conversation_id = $1 LIMIT 1', [conversationId]))
        .length === 0;
    const decision = decide(message.body, bot.matcher, session?.misses ?? 0, ctx.bot.answerMode);
    // name what the customer asked by the entry's standard question, not the paraphrase that matched
    const named = decision.steps.find((st) => st.kind === 'answer' || st.kind === 'suggest');
    const namedId =
      named?.kind === 'answer' ? named.faqId : named?.kind === 'suggest' ? named.choices[0]?.faqId : null;
    if (namedId && bot.faqs.has(namedId)) decision.intent = bot.faqs.get(namedId)!.question;
    const active = (session?.flow ?? null) as FlowState | null;
    const setFlow = (state: FlowState | null) =>
      tx.sql.query(
        `INSERT INTO bot_sessions (conversation_id, tenant_id, flow) VALUES ($1, $2, $3)
         ON CONFLICT (conversation_id) DO UPDATE SET flow = $3, updated_at = now()`,
        [conversationId, tenantId, state ? JSON.stringify(state) : null],
      );

    const say = async (out: Outgoing) => {
      const { message: sent } = await addMessage(tx, kernel, conversation, {
        clientId: crypto.randomUUID(),
        senderType: 'bot',
        senderId: null,
        body: out.body,
        content: out.content,
      });
      return sent.id;
    };
    const turn = async (
      action: string,
      replyId: string | null,
      faqId: string | null,
      confidence: number | null,
      choices: string[] | null = null,
    ) =>
      tx.sql.query(
        `INSERT INTO bot_turns (tenant_id, conversation_id, message_id, reply_id, text, action, faq_id, confidence, choices)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          tenantId,
          conversationId,
          messageId,
          replyId,
          message.body.slice(0, 2000),
          action,
          faqId,
          confidence,
          choices,
        ],
      );

    const applyFlow = async (step: FlowAdvance) => {
      if (step.kind === 'giveup') {
        await setFlow(null);
        const id = await say({
          body: botText(locale, 'offerHuman'),
          content: { buttons: [humanButton(locale)] },
        });
        return turn('fallback', id, null, null);
      }
      await setFlow(step.state);
      if (step.kind === 'call') {
        tx.afterCommit(() =>
          kernel.queue.add(
            'default',
            'bot.flow',
            { tenantId, conversationId },
            { jobId: `flow-${messageId}` },
          ),
        );
        return turn('flow', null, null, null);
      }
      const body =
        step.kind === 'retry'
          ? `${step.message || botText(locale, 'flowInvalid')}\n${step.prompt}`
          : step.prompt;
      return turn('flow', await say({ body }), null, null);
    };

    // a flow in progress reads the answer to its question first (asking for a person still wins)
    if (active && decision.steps[0]?.kind !== 'handoff') {
      const running = bot.flows.get(`flow:${active.flowId}`);
      if (running && active.calling) return; // the endpoint call is under way
      if (running && CANCEL.test(message.body)) {
        await setFlow(null);
        return turn('flow', await say({ body: botText(locale, 'flowCancelled') }), null, null);
      }
      if (running) return applyFlow(advanceFlow(active, running.definition, message.body));
      await setFlow(null); // the flow was switched off or deleted meanwhile
    }
    if (active && decision.steps[0]?.kind === 'handoff') await setFlow(null);

    const unsure =
      decision.steps.length === 1 &&
      (decision.steps[0].kind === 'fallback' || decision.steps[0].kind === 'suggest');
    if (unsure && generated === undefined && (await loadAiSettings(tx.sql, tenantId))?.enabled) {
      tx.afterCommit(() =>
        kernel.queue.add(
          'default',
          'bot.generate',
          { tenantId, conversationId, messageId },
          { jobId: `gen-${messageId}` },
        ),
      );
      return;
    }

    if (first && ctx.bot.greeting && decision.steps[0]?.kind !== 'handoff') {
      const greeted = await say({ body: ctx.bot.greeting });
      // the inbox's own greeting already answers a 「你好」
      const hello = decision.steps[0];
      if (hello?.kind === 'smalltalk' && hello.act === 'greeting') {
        await turn('smalltalk', greeted, null, null);
        decision.steps = [];
      }
    }
    if (unsure && generated?.answer) {
      const id = await say({
        body: generated.answer,
        content: { citations: generated.citations, generated: true },
      });
      await turn('answer', id, null, null);
      decision.steps = [];
      decision.misses = 0;
    }
    for (const step of decision.steps) {
      if (step.kind === 'handoff') {
        await handOff(
          tx,
          kernel,
          conversation,
          ctx,
          locale,
          step.reason,
          decision.intent ?? session?.last_intent ?? null,
          step.distress,
        );
        await turn('handoff', null, null, null);
        continue;
      }
      if (step.kind === 'flow') {
        const flow = bot.flows.get(step.flowKey)!;
        await applyFlow(startFlow(flow.id, flow.definition));
        break;
      }
      // 相关问题 under a single answer (two answers at once are enough to read)
      const related =
        step.kind === 'answer' && ctx.bot.related && decision.steps.length === 1
          ? await relatedQuestions(tx.sql, tenantId, step.faqId)
          : [];
      const reply = renderStep(step, bot, ctx, locale, related);
      const replyId = await say(reply);
      await turn(
        step.kind,
        replyId,
        step.kind === 'answer'
          ? step.faqId
          : step.kind === 'suggest'
            ? (step.choices[0]?.faqId ?? null)
            : null,
        step.kind === 'answer' || step.kind === 'suggest' ? step.confidence : null,
        // flows have ids of their own ('flow:…'): only FAQ entries are kept
        step.kind === 'suggest'
          ? step.choices.map((c) => c.faqId).filter((id) => !id.startsWith('flow:'))
          : null,
      );
    }
    const topFaq = decision.steps.find((s) => s.kind === 'answer') as { faqId: string } | undefined;
    await tx.sql.query(
      `INSERT INTO bot_sessions (conversation_id, tenant_id, misses, last_faq_id, last_intent) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (conversation_id) DO UPDATE SET misses = $3, last_faq_id = COALESCE($4, bot_sessions.last_faq_id),
         last_intent = COALESCE($5, bot_sessions.last_intent), updated_at = now()`,
      [conversationId, tenantId, decision.misses, topFaq?.faqId ?? null, decision.intent],
    );
  });
}

function renderStep(
  step: Exclude<BotStep, { kind: 'handoff' | 'flow' }>,
  bot: TenantBot,
  ctx: InboxContext,
  locale: BotLocale,
  related: RelatedQuestion[] = [],
): Outgoing {
  if (step.kind === 'answer') {
    const faq = bot.faqs.get(step.faqId)!;
    return {
      body: faq.answer.text,
      content: {
        buttons: faq.answer.buttons ?? [],
        feedback: { faqId: faq.id },
        faq: { id: faq.id, question: faq.question },
        ...(related.length ? { related } : {}),
      },
    };
  }
  if (step.kind === 'suggest') {
    // offer each entry by its standard question: clearer than whichever paraphrase came closest
    const suggestions = step.choices.map((c) => ({
      faqId: c.faqId,
      label: bot.faqs.get(c.faqId)?.question ?? c.label,
    }));
    return step.offerHuman
      ? {
          body: botText(locale, 'didYouMeanOrHuman'),
          content: { suggestions, buttons: [humanButton(locale)] },
        }
      : { body: botText(locale, 'didYouMean'), content: { suggestions } };
  }
  if (step.kind === 'smalltalk')
    return {
      body: botText(locale, `smalltalk.${step.act}`, { name: ctx.bot.name || botText(locale, 'name') }),
      // "are you a bot?": the way to a person comes with the answer
      ...(step.act === 'identity' ? { content: { buttons: [humanButton(locale)] } } : {}),
    };
  const body = step.offerHuman
    ? botText(locale, 'offerHuman')
    : ctx.bot.fallbackText || botText(locale, 'fallback');
  return { body, content: { buttons: [humanButton(locale)] } };
}

type Reason = 'asked' | 'anger' | 'misses' | 'not_solved' | 'flow_error';

/** Gives the conversation to the humans: the queue sees it, with a note saying why and what was asked. */
async function handOff(
  tx: TenantTx,
  kernel: Kernel,
  conversation: any,
  ctx: InboxContext,
  locale: BotLocale,
  reason: Reason,
  intent: string | null,
  distress?: Distress,
) {
  const urgent = reason === 'anger';
  const [row] = await tx.sql.query(
    `UPDATE conversations SET handler = 'human', status = 'open', snoozed_until = NULL,
       priority = CASE WHEN $2 AND priority IN ('low', 'normal') THEN 'high' ELSE priority END, updated_at = now()
     WHERE id = $1 RETURNING status, priority`,
    [conversation.id, urgent],
  );
  await tx.sql.query(
    `UPDATE bot_sessions SET handoff_reason = $2, handed_off_at = now(), last_intent = COALESCE($3, last_intent), updated_at = now()
     WHERE conversation_id = $1`,
    [conversation.id, reason, intent],
  );
  const [online] = await tx.sql.query(
    `SELECT count(*)::int AS n FROM users WHERE tenant_id = $1 AND active AND presence = 'online'
       AND last_seen_at > now() - interval '2 minutes'`,
    [tx.tenantId],
  );
  const noteLocale = ctx.locale;
  conversation.handler = 'human';
  await addMessage(tx, kernel, conversation, {
    clientId: crypto.randomUUID(),
    senderType: 'system',
    senderId: null,
    private: true,
    body: botText(noteLocale, 'note', {
      reason: distress
        ? angerReason(noteLocale, distress.signals, distress.probability)
        : botText(noteLocale, `reason.${reason}` as BotText),
      intent: intent ?? botText(noteLocale, 'none'),
    }),
  });
  const key: BotText = ctx.inHours && online.n > 0 ? (urgent ? 'handoffAngry' : 'handoff') : 'handoffOffline';
  await addMessage(tx, kernel, conversation, {
    clientId: crypto.randomUUID(),
    senderType: 'bot',
    senderId: null,
    body: botText(locale, key),
  });
  tx.emit(
    'conversation.updated',
    {
      conversationId: conversation.id,
      status: row.status,
      priority: row.priority,
      changes: ['handler', 'status', 'priority'],
    },
    [rooms.tenant(tx.tenantId)],
  );
}

/**
 * The visitor's verdict on an answer. "Not solved" is remembered for the workbench, and the bot offers
 * a person right away.
 */
export async function recordFeedback(
  kernel: Kernel,
  visitor: { tenantId: string; contactId: string },
  input: { messageId: string; solved: boolean },
) {
  return kernel.events.run(visitor.tenantId, async (tx) => {
    const [turn] = await tx.sql.query(
      `SELECT b.id, b.conversation_id, b.feedback, b.text, c.inbox_id, c.handler FROM bot_turns b
         JOIN conversations c ON c.id = b.conversation_id
       WHERE b.reply_id = $1 AND c.contact_id = $2 AND b.action = 'answer'`,
      [input.messageId, visitor.contactId],
    );
    if (!turn)
      throw new AppError(404, 'answer_not_found', 'no bot answer with this id', [
        { field: 'messageId', message: 'unknown' },
      ]);
    const verdict: 'solved' | 'not_solved' = input.solved ? 'solved' : 'not_solved';
    await tx.sql.query('UPDATE bot_turns SET feedback = $2 WHERE id = $1', [turn.id, verdict]);
    if (!input.solved && turn.feedback !== 'not_solved' && turn.handler === 'bot') {
      const conversation = await loadConversation(tx.sql, visitor.tenantId, turn.conversation_id);
      const ctx = await inboxContext(tx, turn.inbox_id);
      const locale = localeOf(turn.text, ctx.locale);
      await addMessage(tx, kernel, conversation, {
        clientId: crypto.randomUUID(),
        senderType: 'bot',
        senderId: null,
        body: botText(locale, 'notSolved'),
        content: { buttons: [humanButton(locale)] },
      });
    }
    return { feedback: verdict };
  });
}

/**
 * Every slot is filled: call the company's endpoint (outside any transaction: it may take seconds), then
 * answer from its response, or take the error path.
 */
async function finishFlow(kernel: Kernel, tenantId: string, conversationId: string) {
  const [pending] = await kernel.db.tenantTx(tenantId, (sql) =>
    sql.query(
      `SELECT s.flow, f.definition, f.secret FROM bot_sessions s JOIN bot_flows f ON f.id = (s.flow->>'flowId')::uuid
       WHERE s.conversation_id = $1 AND (s.flow->>'calling')::boolean`,
      [conversationId],
    ),
  );
  if (!pending) return;
  const state = pending.flow as FlowState;
  const definition = pending.definition as FlowDefinition;
  const result = await runFlow(kernel, definition, state.values, pending.secret);
  await kernel.events.run(tenantId, async (tx) => {
    const [conv] = await tx.sql.query(`SELECT handler FROM conversations WHERE id = $1 FOR UPDATE`, [
      conversationId,
    ]);
    const [session] = await tx.sql.query('SELECT flow FROM bot_sessions WHERE conversation_id = $1', [
      conversationId,
    ]);
    if (conv?.handler !== 'bot' || !session?.flow?.calling || session.flow.flowId !== state.flowId) return;
    await tx.sql.query('UPDATE bot_sessions SET flow = NULL, updated_at = now() WHERE conversation_id = $1', [
      conversationId,
    ]);
    const conversation = await loadConversation(tx.sql, tenantId, conversationId);
    const ctx = await inboxContext(tx, conversation.inbox_id);
    const locale = localeOf(result.answer.text, ctx.locale);
    const body = result.ok ? result.answer.text : result.answer.text || botText(locale, 'flowError');
    const buttons = result.ok
      ? result.answer.buttons
      : definition.onError?.handoff
        ? []
        : [humanButton(locale)];
    await addMessage(tx, kernel, conversation, {
      clientId: crypto.randomUUID(),
      senderType: 'bot',
      senderId: null,
      body,
      content: buttons.length ? { buttons } : undefined,
    });
    if (!result.ok) {
      kernel.log.warn({ conversationId, error: result.error, status: result.status }, 'bot flow call failed');
      if (definition.onError?.handoff)
        await handOff(tx, kernel, conversation, ctx, locale, 'flow_error', null);
    }
  });
}

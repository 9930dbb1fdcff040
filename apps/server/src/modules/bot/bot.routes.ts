import { Type } from 'typebox';
import { contextOf, type App } from '../../platform/http.js';
import type { Kernel } from '../../kernel.js';
import { errors } from '../../platform/schemas.js';
import { assist, botMetrics, testMatch, workbench } from './workbench.js';
import { IdParams } from '../../platform/schemas.js';
import { createFlow, deleteFlow, listFlows, testFlow, updateFlow } from './flows.js';
import { getAiSettings, putAiSettings } from './ai.js';
import { AnswerModeSchema } from './settings.js';
import {
  MAX_SYNONYM_GROUPS,
  createSynonymGroup,
  deleteSynonymGroup,
  importSynonyms,
  listSynonyms,
  updateSynonymGroup,
} from './synonyms.js';

const Days = Type.Object({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, default: 30 })) });
const Group = Type.Object({
  text: Type.String(),
  count: Type.Integer(),
  lastAt: Type.String(),
  conversationId: Type.String(),
  faq: Type.Union([Type.Object({ id: Type.String(), question: Type.String() }), Type.Null()]),
  /** other wordings of the same question, gathered under this one (the 20 most frequent) */
  variants: Type.Array(Type.Object({ text: Type.String(), count: Type.Integer() })),
});

const Flow = Type.Object({
  id: Type.String(),
  name: Type.String(),
  enabled: Type.Boolean(),
  triggers: Type.Array(Type.String()),
  source: Type.String(),
  definition: Type.Record(Type.String(), Type.Unknown()),
  hasSecret: Type.Boolean(),
  updatedAt: Type.String(),
});
const FlowFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  enabled: Type.Optional(Type.Boolean()),
  triggers: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50 }),
  source: Type.String({
    minLength: 1,
    maxLength: 20_000,
    description: 'the flow as YAML or JSON (see docs/bot.md)',
  }),
  secret: Type.Optional(Type.String({ maxLength: 2000, description: 'sent as {{secret}}; never returned' })),
};
const FlowBody = Type.Object({ flow: Flow });

/** The bot trainer's tools (test console, workbench, metrics) and agent assist. */
export function botRoutes(app: App, kernel: Kernel) {
  const tags = ['bot'];
  app.post(
    '/api/v1/bot/test',
    {
      config: { permission: 'kb.read' },
      schema: {
        tags,
        summary: 'What the bot would answer: action and the top candidates with scores',
        body: Type.Object({
          text: Type.String({ minLength: 1, maxLength: 2000 }),
          answerMode: Type.Optional(AnswerModeSchema),
        }),
        response: {
          200: Type.Object({
            answerMode: AnswerModeSchema,
            readAs: Type.Union([Type.String(), Type.Null()], {
              description: 'the message as read through the synonyms; null when none applied',
            }),
            action: Type.String(),
            handoffReason: Type.Union([Type.String(), Type.Null()]),
            distress: Type.Object({
              distressed: Type.Boolean(),
              probability: Type.Number({ description: "the sentiment model's P(upset)" }),
              signals: Type.Array(Type.String(), { description: "lexicon matches and cues, 'model'" }),
            }),
            answers: Type.Array(Type.String()),
            candidates: Type.Array(
              Type.Object({
                faqId: Type.String(),
                question: Type.String(),
                closestQuestion: Type.String(),
                score: Type.Number(),
                lexical: Type.Number(),
                model: Type.Number(),
              }),
            ),
            model: Type.Object({
              entries: Type.Integer(),
              trainedAt: Type.String(),
              trainMs: Type.Number(),
              trainedOn: Type.Union([Type.Literal('inline'), Type.Literal('thread')]),
            }),
          }),
          ...errors,
        },
      },
    },
    async (request) => testMatch(kernel, contextOf(request), request.body.text, request.body.answerMode),
  );

  app.get(
    '/api/v1/bot/assist',
    {
      config: { permission: 'kb.read' },
      schema: {
        tags,
        summary: "Top three knowledge-base answers for the conversation's latest customer message",
        querystring: Type.Object({ conversationId: Type.String({ format: 'uuid' }) }),
        response: {
          200: Type.Object({
            messageId: Type.Union([Type.String(), Type.Null()]),
            items: Type.Array(
              Type.Object({
                faqId: Type.String(),
                question: Type.String(),
                answer: Type.String(),
                score: Type.Number(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => assist(kernel, contextOf(request), request.query.conversationId),
  );

  app.get(
    '/api/v1/bot/workbench',
    {
      config: { permission: 'kb.manage' },
      schema: {
        tags,
        summary: 'Unmatched, unsure and "not solved" customer questions, grouped with counts',
        querystring: Days,
        response: {
          200: Type.Object({
            unmatched: Type.Array(Group),
            unsure: Type.Array(Group),
            notSolved: Type.Array(Group),
          }),
          ...errors,
        },
      },
    },
    async (request) => workbench(kernel, contextOf(request), request.query.days ?? 30),
  );

  app.get(
    '/api/v1/bot/metrics',
    {
      config: { permission: 'kb.manage' },
      schema: {
        tags,
        summary: 'Resolution, handoff and unmatched rates per day; top intents',
        querystring: Days,
        response: {
          200: Type.Object({
            days: Type.Integer(),
            totals: Type.Object({
              conversations: Type.Integer(),
              resolutionRate: Type.Union([Type.Number(), Type.Null()]),
              handoffRate: Type.Union([Type.Number(), Type.Null()]),
              unmatchedRate: Type.Union([Type.Number(), Type.Null()]),
              unsureRate: Type.Union([Type.Number(), Type.Null()], {
                description: 'share of customer messages answered with "did you mean"',
              }),
              pickRate: Type.Union([Type.Number(), Type.Null()], {
                description: 'share of those where the customer picked one of the choices',
              }),
            }),
            series: Type.Array(
              Type.Object({
                day: Type.String(),
                conversations: Type.Integer(),
                resolved: Type.Integer(),
                handedOff: Type.Integer(),
                messages: Type.Integer(),
                unmatched: Type.Integer(),
                unsure: Type.Integer(),
                picked: Type.Integer(),
              }),
            ),
            topIntents: Type.Array(
              Type.Object({ faqId: Type.String(), question: Type.String(), count: Type.Integer() }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => botMetrics(kernel, contextOf(request), request.query.days ?? 30),
  );

  const manage = { permission: 'kb.manage' as const };
  app.get(
    '/api/v1/bot/flows',
    {
      config: manage,
      schema: { tags, response: { 200: Type.Object({ items: Type.Array(Flow) }), ...errors } },
    },
    async (request) => listFlows(kernel, contextOf(request)),
  );
  app.post(
    '/api/v1/bot/flows',
    {
      config: { ...manage, idempotent: true },
      schema: { tags, body: Type.Object(FlowFields), response: { 201: FlowBody, ...errors } },
    },
    async (request, reply) =>
      reply.code(201).send({ flow: await createFlow(kernel, contextOf(request), request.body) }),
  );
  app.patch(
    '/api/v1/bot/flows/:id',
    {
      config: manage,
      schema: {
        tags,
        params: IdParams,
        body: Type.Partial(Type.Object(FlowFields)),
        response: { 200: FlowBody, ...errors },
      },
    },
    async (request) => ({
      flow: await updateFlow(kernel, contextOf(request), request.params.id, request.body),
    }),
  );
  app.delete(
    '/api/v1/bot/flows/:id',
    { config: manage, schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await deleteFlow(kernel, contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/api/v1/bot/flows/:id/test',
    {
      config: manage,
      schema: {
        tags,
        summary: "Runs the flow's call with the given slot values, as the bot would",
        params: IdParams,
        body: Type.Object({
          slots: Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 500 }), {
            maxProperties: 10,
          }),
        }),
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            request: Type.Object({ method: Type.String(), url: Type.String() }),
            status: Type.Union([Type.Integer(), Type.Null()]),
            answer: Type.Object({
              text: Type.String(),
              buttons: Type.Array(
                Type.Object({
                  label: Type.String(),
                  reply: Type.Optional(Type.String()),
                  url: Type.Optional(Type.String()),
                }),
              ),
            }),
            error: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errors,
        },
      },
    },
    async (request) => testFlow(kernel, contextOf(request), request.params.id, request.body.slots),
  );

  const SynonymGroup = Type.Object({
    id: Type.String(),
    terms: Type.Array(Type.String()),
    updatedAt: Type.String(),
  });
  const SynonymInput = Type.Object({
    terms: Type.Array(Type.String({ minLength: 1, maxLength: 30 }), {
      minItems: 2,
      maxItems: 20,
      description: 'words meaning one thing; the bot reads all of them as the first',
    }),
  });
  const SynonymBody = Type.Object({ group: SynonymGroup });
  app.get(
    '/api/v1/bot/synonyms',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Synonym groups (同义词) the bot reads as one word',
        response: { 200: Type.Object({ items: Type.Array(SynonymGroup) }), ...errors },
      },
    },
    async (request) => listSynonyms(kernel, contextOf(request)),
  );
  app.post(
    '/api/v1/bot/synonyms',
    {
      config: { ...manage, idempotent: true },
      schema: { tags, body: SynonymInput, response: { 201: SynonymBody, ...errors } },
    },
    async (request, reply) =>
      reply.code(201).send({ group: await createSynonymGroup(kernel, contextOf(request), request.body) }),
  );
  app.post(
    '/api/v1/bot/synonyms/import',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Adds many synonym groups, or replaces all of them; all or nothing, with every problem named',
        body: Type.Object({
          groups: Type.Array(Type.Array(Type.String({ maxLength: 30 }), { maxItems: 20 }), {
            minItems: 1,
            maxItems: MAX_SYNONYM_GROUPS,
          }),
          mode: Type.Union([Type.Literal('add'), Type.Literal('replace')]),
        }),
        response: {
          200: Type.Object({ created: Type.Integer(), deleted: Type.Integer() }),
          ...errors,
        },
      },
    },
    async (request) => importSynonyms(kernel, contextOf(request), request.body),
  );
  app.put(
    '/api/v1/bot/synonyms/:id',
    {
      config: manage,
      schema: { tags, params: IdParams, body: SynonymInput, response: { 200: SynonymBody, ...errors } },
    },
    async (request) => ({
      group: await updateSynonymGroup(kernel, contextOf(request), request.params.id, request.body),
    }),
  );
  app.delete(
    '/api/v1/bot/synonyms/:id',
    { config: manage, schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await deleteSynonymGroup(kernel, contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  const AiView = Type.Object({
    enabled: Type.Boolean(),
    baseUrl: Type.String(),
    embeddingModel: Type.String(),
    chatModel: Type.String(),
    minScore: Type.Number(),
    hasApiKey: Type.Boolean(),
  });
  app.get(
    '/api/v1/bot/ai',
    {
      config: { permission: 'tenant.update' },
      schema: {
        tags,
        summary: "The tenant's optional OpenAI-compatible endpoint",
        response: { 200: AiView, ...errors },
      },
    },
    async (request) => getAiSettings(kernel, contextOf(request)),
  );
  app.put(
    '/api/v1/bot/ai',
    {
      config: { permission: 'tenant.update' },
      schema: {
        tags,
        body: Type.Object({
          enabled: Type.Boolean(),
          baseUrl: Type.String({
            pattern: '^https?://',
            maxLength: 500,
            description: 'e.g. https://api.example.com/v1',
          }),
          apiKey: Type.Optional(
            Type.String({ maxLength: 500, description: 'write-only; empty string clears it' }),
          ),
          embeddingModel: Type.String({ minLength: 1, maxLength: 100 }),
          chatModel: Type.String({ minLength: 1, maxLength: 100 }),
          minScore: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
        }),
        response: { 200: AiView, ...errors },
      },
    },
    async (request) => putAiSettings(kernel, contextOf(request), request.body),
  );
}

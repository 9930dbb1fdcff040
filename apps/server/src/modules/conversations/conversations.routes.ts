import { Type } from 'typebox';
import { contextOf, type App } from '../../platform/http.js';
import type { Kernel } from '../../kernel.js';
import { IdParams, errors } from '../../platform/schemas.js';
import { ListQuery, Page } from '../../platform/pagination.js';
import { saveUpload, readSignedFile } from '../attachments/index.js';
import {
  ConversationView,
  MAX_BODY,
  MessageView,
  assignConversation,
  getConversation,
  listConversations,
  listMessages,
  markReadByAgent,
  postAgentMessage,
  searchAll,
  unreadSummary,
  updateConversation,
} from './index.js';
import { Contact, getContact } from '../contacts/index.js';

const Uuid = Type.String({ format: 'uuid' });
const Status = Type.Union([
  Type.Literal('open'),
  Type.Literal('pending'),
  Type.Literal('snoozed'),
  Type.Literal('resolved'),
]);
const Priority = Type.Union([
  Type.Literal('low'),
  Type.Literal('normal'),
  Type.Literal('high'),
  Type.Literal('urgent'),
]);
export const AttachmentBody = Type.Object({
  attachment: Type.Object({
    id: Type.String(),
    filename: Type.String(),
    contentType: Type.String(),
    size: Type.Integer(),
    url: Type.String(),
  }),
});

export function conversationRoutes(app: App, kernel: Kernel) {
  const tags = ['conversations'];
  const read = { permission: 'conversations.read' as const };
  const reply = { permission: 'conversations.reply' as const };

  app.get(
    '/api/v1/conversations',
    {
      config: read,
      schema: {
        tags,
        querystring: Type.Intersect([
          ListQuery,
          Type.Object({
            view: Type.Optional(
              Type.Union([
                Type.Literal('mine'),
                Type.Literal('unassigned'),
                Type.Literal('bot'),
                Type.Literal('all'),
              ]),
            ),
            status: Type.Optional(Status),
            inboxId: Type.Optional(Uuid),
            label: Type.Optional(Type.String({ maxLength: 50 })),
            q: Type.Optional(Type.String({ maxLength: 200 })),
          }),
        ]),
        response: { 200: Page(ConversationView), ...errors },
      },
    },
    async (request) =>
      listConversations(kernel, contextOf(request), { ...request.query, limit: request.query.limit ?? 50 }),
  );

  app.get(
    '/api/v1/conversations/unread',
    {
      config: read,
      schema: {
        tags,
        response: {
          200: Type.Object({
            total: Type.Integer(),
            byConversation: Type.Record(Type.String(), Type.Integer()),
          }),
        },
      },
    },
    async (request) => unreadSummary(kernel, contextOf(request)),
  );

  app.get(
    '/api/v1/conversations/:id',
    {
      config: read,
      schema: {
        tags,
        params: IdParams,
        response: { 200: Type.Object({ conversation: ConversationView, contact: Contact }), ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const conversation = await getConversation(kernel, ctx, request.params.id);
      return { conversation, contact: await getContact(kernel, ctx.tenantId, conversation.contact.id) };
    },
  );

  app.get(
    '/api/v1/conversations/:id/messages',
    {
      config: read,
      schema: {
        tags,
        params: IdParams,
        querystring: Type.Object({
          before: Type.Optional(Uuid),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
        }),
        response: {
          200: Type.Object({ items: Type.Array(MessageView), hasMore: Type.Boolean() }),
          ...errors,
        },
      },
    },
    async (request) =>
      listMessages(kernel, request.principal!.tenantId, request.params.id, {
        before: request.query.before,
        limit: request.query.limit ?? 50,
        includePrivate: true,
      }),
  );

  app.post(
    '/api/v1/conversations/:id/messages',
    {
      config: reply,
      schema: {
        tags,
        params: IdParams,
        body: Type.Object({
          clientId: Uuid,
          body: Type.Optional(Type.String({ maxLength: MAX_BODY })),
          private: Type.Optional(Type.Boolean()),
          mentions: Type.Optional(Type.Array(Uuid, { maxItems: 50 })),
          attachmentIds: Type.Optional(Type.Array(Uuid, { maxItems: 10 })),
        }),
        response: {
          200: Type.Object({ message: MessageView }),
          201: Type.Object({ message: MessageView }),
          ...errors,
        },
      },
    },
    async (request, replyObj) => {
      const { message, created } = await postAgentMessage(
        kernel,
        contextOf(request),
        request.params.id,
        request.body,
      );
      return replyObj.code(created ? 201 : 200).send({ message });
    },
  );

  app.patch(
    '/api/v1/conversations/:id',
    {
      config: reply,
      schema: {
        tags,
        params: IdParams,
        body: Type.Object({
          status: Type.Optional(Status),
          snoozedUntil: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
          priority: Type.Optional(Priority),
          labels: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 30 })),
        }),
        response: { 200: Type.Object({ conversation: ConversationView }), ...errors },
      },
    },
    async (request) => ({
      conversation: await updateConversation(kernel, contextOf(request), request.params.id, request.body),
    }),
  );

  app.post(
    '/api/v1/conversations/:id/assign',
    {
      config: reply,
      schema: {
        tags,
        params: IdParams,
        body: Type.Object({
          assigneeId: Type.Union([Uuid, Type.Null()]),
          teamId: Type.Optional(Type.Union([Uuid, Type.Null()])),
          note: Type.Optional(Type.String({ maxLength: MAX_BODY })),
        }),
        response: { 200: Type.Object({ conversation: ConversationView }), ...errors },
      },
    },
    async (request) => ({
      conversation: await assignConversation(kernel, contextOf(request), request.params.id, request.body),
    }),
  );

  app.post(
    '/api/v1/conversations/:id/read',
    { config: read, schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errors } } },
    async (request, replyObj) => {
      await markReadByAgent(kernel, contextOf(request), request.params.id);
      return replyObj.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/search',
    {
      config: read,
      schema: {
        tags: ['search'],
        querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 200 }) }),
      },
    },
    async (request) => searchAll(kernel, contextOf(request), request.query.q),
  );

  app.post(
    '/api/v1/attachments',
    {
      config: reply,
      schema: { tags, consumes: ['multipart/form-data'], response: { 201: AttachmentBody, ...errors } },
    },
    async (request, replyObj) => {
      const ctx = contextOf(request);
      const attachment = await saveUpload(kernel, kernel.storage, ctx.tenantId, await request.file(), {
        userId: ctx.userId ?? undefined,
      });
      return replyObj.code(201).send({ attachment });
    },
  );

  app.get(
    '/api/v1/files/:id',
    {
      config: { public: true },
      schema: {
        tags,
        params: IdParams,
        querystring: Type.Object({
          exp: Type.Integer({ minimum: 0 }),
          sig: Type.String({ minLength: 10, maxLength: 100 }),
        }),
      },
    },
    async (request, replyObj) => {
      const file = await readSignedFile(
        kernel,
        kernel.storage,
        request.params.id,
        request.query.exp,
        request.query.sig,
      );
      const inline = /^image\/(png|jpeg|gif|webp)$/.test(file.contentType);
      return replyObj
        .header('content-type', file.contentType)
        .header(
          'content-disposition',
          `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        )
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, max-age=3600')
        .send(file.data);
    },
  );
}

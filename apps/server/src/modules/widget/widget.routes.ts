import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http.js';
import type { Kernel } from '../../kernel.js';
import { AppError } from '../../platform/errors.js';
import { errors } from '../../platform/schemas.js';
import { saveUpload } from '../attachments/index.js';
import { Attributes, PageContext } from '../contacts/index.js';
import { MAX_BODY, MessageView } from '../conversations/index.js';
import { AttachmentBody } from '../conversations/conversations.routes.js';
import { recordFeedback, typeahead, TYPEAHEAD_LIMIT } from '../bot/index.js';
import {
  identify,
  markReadByVisitor,
  postVisitorMessage,
  resolveVisitor,
  startSession,
  submitPrechat,
  visitorMessages,
  widgetConfig,
} from './index.js';

const Uuid = Type.String({ format: 'uuid' });
const PublicIdParams = Type.Object({
  publicId: Type.String({ minLength: 4, maxLength: 64, pattern: '^[a-zA-Z0-9_-]+$' }),
});
const VisibleContact = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
});
const VisibleConversation = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  status: Type.String(),
  assignee: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  createdAt: Type.String(),
});
const origin = (request: FastifyRequest) => {
  const value = request.headers['x-kefu-origin'];
  return typeof value === 'string' ? value.slice(0, 300) : undefined;
};

/** The website widget's API. Visitors authenticate with `x-visitor-token`; rate-limited per address. */
export function widgetRoutes(app: App, kernel: Kernel) {
  const tags = ['widget'];
  const config = {
    public: true,
    visitor: true,
    rateLimit: { max: kernel.config.widgetRateLimitPerMinute, timeWindow: '1 minute' },
  };
  const visitorOf = async (request: FastifyRequest) => {
    const token = request.headers['x-visitor-token'];
    const visitor = await resolveVisitor(kernel, typeof token === 'string' ? token : undefined);
    if (!visitor)
      throw new AppError(401, 'visitor_unauthenticated', 'start a widget session first (x-visitor-token)');
    return visitor;
  };

  app.get(
    '/api/v1/widget/inboxes/:publicId/config',
    { config, schema: { tags, params: PublicIdParams } },
    async (request) => widgetConfig(kernel, request.params.publicId, origin(request)),
  );

  app.post(
    '/api/v1/widget/inboxes/:publicId/sessions',
    {
      config: {
        ...config,
        rateLimit: { max: kernel.config.widgetSessionRateLimitPerMinute, timeWindow: '1 minute' },
      },
      schema: {
        tags,
        params: PublicIdParams,
        body: Type.Object({
          visitorToken: Type.Optional(Type.String({ maxLength: 200 })),
          locale: Type.Optional(Type.String({ maxLength: 20 })),
          page: Type.Optional(
            Type.Object({
              url: Type.Optional(Type.String({ maxLength: 2000 })),
              title: Type.Optional(Type.String({ maxLength: 500 })),
              referrer: Type.Optional(Type.String({ maxLength: 2000 })),
            }),
          ),
          browser: Type.Optional(Type.String({ maxLength: 500 })),
          language: Type.Optional(Type.String({ maxLength: 50 })),
        }),
        response: {
          200: Type.Object({
            visitorToken: Type.String(),
            contact: VisibleContact,
            conversation: Type.Union([VisibleConversation, Type.Null()]),
          }),
          ...errors,
        },
      },
    },
    async (request) => startSession(kernel, request.params.publicId, origin(request), request.body),
  );

  app.post(
    '/api/v1/widget/identify',
    {
      config,
      schema: {
        tags,
        body: Type.Object({
          userId: Type.String({ minLength: 1, maxLength: 200 }),
          name: Type.Optional(Type.String({ maxLength: 100 })),
          email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
          phone: Type.Optional(Type.String({ maxLength: 40, pattern: '^[0-9+()\\- ]{3,40}$' })),
          attributes: Type.Optional(Attributes),
          userHash: Type.Optional(Type.String({ maxLength: 128 })),
        }),
        response: {
          200: Type.Object({ contact: VisibleContact, contactChanged: Type.Boolean() }),
          ...errors,
        },
      },
    },
    async (request) => identify(kernel, await visitorOf(request), request.body),
  );

  app.post(
    '/api/v1/widget/prechat',
    {
      config,
      schema: {
        tags,
        body: Type.Object({
          name: Type.Optional(Type.String({ maxLength: 100 })),
          email: Type.Optional(
            Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Literal('')]),
          ),
          phone: Type.Optional(
            Type.Union([Type.String({ maxLength: 40, pattern: '^[0-9+()\\- ]{3,40}$' }), Type.Literal('')]),
          ),
        }),
        response: { 200: Type.Object({ contact: VisibleContact }), ...errors },
      },
    },
    async (request) => submitPrechat(kernel, await visitorOf(request), request.body),
  );

  app.get(
    '/api/v1/widget/messages',
    {
      config,
      schema: {
        tags,
        querystring: Type.Object({
          before: Type.Optional(Uuid),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(MessageView),
            hasMore: Type.Boolean(),
            conversation: Type.Union([VisibleConversation, Type.Null()]),
          }),
          ...errors,
        },
      },
    },
    async (request) =>
      visitorMessages(kernel, await visitorOf(request), request.query.before, request.query.limit ?? 50),
  );

  app.post(
    '/api/v1/widget/messages',
    {
      config,
      schema: {
        tags,
        body: Type.Object({
          clientId: Uuid,
          body: Type.Optional(Type.String({ maxLength: MAX_BODY })),
          attachmentIds: Type.Optional(Type.Array(Uuid, { maxItems: 10 })),
          page: Type.Optional(PageContext),
        }),
        response: {
          200: Type.Object({ message: MessageView, conversation: VisibleConversation }),
          201: Type.Object({ message: MessageView, conversation: VisibleConversation }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const result = await postVisitorMessage(kernel, await visitorOf(request), request.body);
      return reply
        .code(result.created ? 201 : 200)
        .send({ message: result.message, conversation: result.conversation });
    },
  );

  app.post(
    '/api/v1/widget/attachments',
    {
      config,
      schema: { tags, consumes: ['multipart/form-data'], response: { 201: AttachmentBody, ...errors } },
    },
    async (request, reply) => {
      const visitor = await visitorOf(request);
      const attachment = await saveUpload(kernel, kernel.storage, visitor.tenantId, await request.file(), {
        contactId: visitor.contactId,
      });
      return reply.code(201).send({ attachment });
    },
  );

  app.post(
    '/api/v1/widget/bot/feedback',
    {
      config,
      schema: {
        tags,
        body: Type.Object({ messageId: Uuid, solved: Type.Boolean() }),
        response: {
          200: Type.Object({ feedback: Type.Union([Type.Literal('solved'), Type.Literal('not_solved')]) }),
          ...errors,
        },
      },
    },
    async (request) => recordFeedback(kernel, await visitorOf(request), request.body),
  );

  app.get(
    '/api/v1/widget/bot/typeahead',
    {
      config,
      schema: {
        tags,
        querystring: Type.Object({ q: Type.String({ maxLength: 100 }) }),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ id: Type.String(), label: Type.String() }), {
              maxItems: TYPEAHEAD_LIMIT,
            }),
          }),
          ...errors,
        },
      },
    },
    async (request) => ({ items: await typeahead(kernel, await visitorOf(request), request.query.q) }),
  );

  app.post(
    '/api/v1/widget/read',
    { config, schema: { tags, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await markReadByVisitor(kernel, await visitorOf(request));
      return reply.code(204).send(null);
    },
  );
}

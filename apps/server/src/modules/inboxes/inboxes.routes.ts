import { Type } from 'typebox';
import { contextOf, type App } from '../../platform/http.js';
import type { Kernel } from '../../kernel.js';
import { IdParams, errors } from '../../platform/schemas.js';
import { ListQuery, Page } from '../../platform/pagination.js';
import {
  Inbox,
  InboxInput,
  InboxPatch,
  createInbox,
  getInbox,
  inboxSnippet,
  listInboxes,
  rotateIdentitySecret,
  updateInbox,
} from './index.js';

export function inboxRoutes(app: App, kernel: Kernel) {
  const tags = ['inboxes'];
  const InboxBody = Type.Object({ inbox: Inbox });
  app.get(
    '/api/v1/inboxes',
    {
      config: { permission: 'inboxes.read' },
      schema: { tags, querystring: ListQuery, response: { 200: Page(Inbox), ...errors } },
    },
    async (request) =>
      listInboxes(kernel, request.principal!.tenantId, request.query.limit ?? 50, request.query.cursor),
  );
  app.get(
    '/api/v1/inboxes/:id',
    {
      config: { permission: 'inboxes.read' },
      schema: { tags, params: IdParams, response: { 200: InboxBody, ...errors } },
    },
    async (request) => ({ inbox: await getInbox(kernel, request.principal!.tenantId, request.params.id) }),
  );
  app.post(
    '/api/v1/inboxes',
    {
      config: { permission: 'inboxes.manage', idempotent: true },
      schema: { tags, body: InboxInput, response: { 201: InboxBody, ...errors } },
    },
    async (request, reply) =>
      reply.code(201).send({ inbox: await createInbox(kernel, contextOf(request), request.body) }),
  );
  app.patch(
    '/api/v1/inboxes/:id',
    {
      config: { permission: 'inboxes.manage' },
      schema: { tags, params: IdParams, body: InboxPatch, response: { 200: InboxBody, ...errors } },
    },
    async (request) => ({
      inbox: await updateInbox(kernel, contextOf(request), request.params.id, request.body),
    }),
  );
  app.get(
    '/api/v1/inboxes/:id/snippet',
    {
      config: { permission: 'inboxes.read' },
      schema: {
        tags,
        params: IdParams,
        response: { 200: Type.Object({ snippet: Type.String(), publicId: Type.String() }), ...errors },
      },
    },
    async (request) => inboxSnippet(kernel, request.principal!.tenantId, request.params.id),
  );
  app.post(
    '/api/v1/inboxes/:id/identity-secret',
    {
      config: { permission: 'inboxes.manage' },
      schema: {
        tags,
        params: IdParams,
        response: { 200: Type.Object({ secret: Type.String() }), ...errors },
      },
    },
    async (request) => rotateIdentitySecret(kernel, contextOf(request), request.params.id),
  );
}

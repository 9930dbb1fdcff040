import { Type } from 'typebox';
import { contextOf, type App } from '../../platform/http.js';
import type { Kernel } from '../../kernel.js';
import { IdParams, errors } from '../../platform/schemas.js';
import {
  CannedInput,
  CannedPatch,
  CannedResponse,
  createCanned,
  deleteCanned,
  listCanned,
  updateCanned,
} from './index.js';
import { Notification, listNotifications, markNotificationsRead } from '../notifications/index.js';
import { ListQuery } from '../../platform/pagination.js';

export function cannedRoutes(app: App, kernel: Kernel) {
  const tags = ['canned-responses'];
  const Body = Type.Object({ cannedResponse: CannedResponse });
  app.get(
    '/api/v1/canned-responses',
    {
      config: { permission: 'canned.read' },
      schema: {
        tags,
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })) }),
        response: { 200: Type.Object({ items: Type.Array(CannedResponse) }), ...errors },
      },
    },
    async (request) => listCanned(kernel, contextOf(request), request.query.q),
  );
  app.post(
    '/api/v1/canned-responses',
    {
      config: { permission: 'canned.manage', idempotent: true },
      schema: { tags, body: CannedInput, response: { 201: Body, ...errors } },
    },
    async (request, reply) =>
      reply.code(201).send({ cannedResponse: await createCanned(kernel, contextOf(request), request.body) }),
  );
  app.patch(
    '/api/v1/canned-responses/:id',
    {
      config: { permission: 'canned.manage' },
      schema: { tags, params: IdParams, body: CannedPatch, response: { 200: Body, ...errors } },
    },
    async (request) => ({
      cannedResponse: await updateCanned(kernel, contextOf(request), request.params.id, request.body),
    }),
  );
  app.delete(
    '/api/v1/canned-responses/:id',
    {
      config: { permission: 'canned.manage' },
      schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      await deleteCanned(kernel, contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/notifications',
    {
      config: { permission: 'profile.manage' },
      schema: {
        tags: ['notifications'],
        querystring: ListQuery,
        response: {
          200: Type.Object({
            items: Type.Array(Notification),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
            unread: Type.Integer(),
          }),
          ...errors,
        },
      },
    },
    async (request) =>
      listNotifications(kernel, contextOf(request), request.query.limit ?? 50, request.query.cursor),
  );
  app.post(
    '/api/v1/notifications/read',
    {
      config: { permission: 'profile.manage' },
      schema: {
        tags: ['notifications'],
        body: Type.Object({
          ids: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 500 })),
        }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await markNotificationsRead(kernel, contextOf(request), request.body.ids);
      return reply.code(204).send(null);
    },
  );
}

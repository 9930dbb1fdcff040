import { Type } from 'typebox';
import type { App } from '../../platform/http.js';
import { contextOf } from '../../platform/http.js';
import type { Kernel } from '../../kernel.js';
import { IdParams, errors } from '../../platform/schemas.js';
import { ListQuery, Page } from '../../platform/pagination.js';
import { LocaleSchema } from '../tenants/index.js';
import {
  EmailSchema,
  NameSchema,
  PasswordSchema,
  PresenceSchema,
  RoleSchema,
  User,
  UserPatch,
  changePassword,
  getUser,
  listUsers,
  setPresence,
  updateProfile,
  updateUser,
} from './index.js';
import { Invitation, createInvitation, listInvitations, revokeInvitation } from './invitations.js';

export function agentRoutes(app: App, kernel: Kernel) {
  const UserBody = Type.Object({ user: User });

  app.get(
    '/api/v1/users',
    {
      config: { permission: 'users.read' },
      schema: { tags: ['users'], querystring: ListQuery, response: { 200: Page(User), ...errors } },
    },
    async (request) =>
      listUsers(kernel, request.principal!.tenantId, request.query.limit ?? 50, request.query.cursor),
  );

  app.get(
    '/api/v1/users/:id',
    {
      config: { permission: 'users.read' },
      schema: { tags: ['users'], params: IdParams, response: { 200: UserBody, ...errors } },
    },
    async (request) => ({ user: await getUser(kernel, request.principal!.tenantId, request.params.id) }),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: { permission: 'users.manage' },
      schema: { tags: ['users'], params: IdParams, body: UserPatch, response: { 200: UserBody, ...errors } },
    },
    async (request) => ({
      user: await updateUser(kernel, contextOf(request), request.params.id, request.body),
    }),
  );

  app.patch(
    '/api/v1/me',
    {
      config: { permission: 'profile.manage' },
      schema: {
        tags: ['profile'],
        body: Type.Object({
          name: Type.Optional(NameSchema),
          locale: Type.Optional(LocaleSchema),
          avatarUrl: Type.Optional(
            Type.Union([
              Type.String({ maxLength: 2000, pattern: '^(https?://|/)' }),
              Type.Literal(''),
              Type.Null(),
            ]),
          ),
        }),
        response: { 200: UserBody, ...errors },
      },
    },
    async (request) => ({ user: await updateProfile(kernel, contextOf(request), request.body) }),
  );

  app.post(
    '/api/v1/me/password',
    {
      config: { permission: 'profile.manage' },
      schema: {
        tags: ['profile'],
        body: Type.Object({
          currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
          newPassword: PasswordSchema,
        }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await changePassword(
        kernel,
        contextOf(request),
        request.body.currentPassword,
        request.body.newPassword,
        request.principal!.sessionId,
      );
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/v1/me/presence',
    {
      config: { permission: 'profile.manage' },
      schema: {
        tags: ['profile'],
        body: Type.Object({ presence: PresenceSchema }),
        response: { 200: UserBody, ...errors },
      },
    },
    async (request) => ({ user: await setPresence(kernel, contextOf(request), request.body.presence) }),
  );

  app.get(
    '/api/v1/invitations',
    {
      config: { permission: 'users.manage' },
      schema: { tags: ['users'], querystring: ListQuery, response: { 200: Page(Invitation), ...errors } },
    },
    async (request) =>
      listInvitations(kernel, request.principal!.tenantId, request.query.limit ?? 50, request.query.cursor),
  );

  app.post(
    '/api/v1/invitations',
    {
      config: { permission: 'users.manage', idempotent: true },
      schema: {
        tags: ['users'],
        body: Type.Object({ email: EmailSchema, role: RoleSchema }),
        response: { 201: Type.Object({ invitation: Invitation }), ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send({
        invitation: await createInvitation(kernel, contextOf(request), request.body.email, request.body.role),
      }),
  );

  app.delete(
    '/api/v1/invitations/:id',
    {
      config: { permission: 'users.manage' },
      schema: { tags: ['users'], params: IdParams, response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      await revokeInvitation(kernel, contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}

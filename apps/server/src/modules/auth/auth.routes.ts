import { Type } from 'typebox';
import type { App } from '../../platform/http.js';
import type { Kernel } from '../../kernel.js';
import { errors } from '../../platform/schemas.js';
import { EmailSchema, NameSchema, PasswordSchema, User, getUser } from '../agents/index.js';
import { LocaleSchema, SlugSchema, Tenant, getTenant } from '../tenants/index.js';
import { acceptInvitation, describeInvitation } from '../agents/invitations.js';
import {
  beginSession,
  forgotPassword,
  issueCsrf,
  login,
  logout,
  originOf,
  resetPassword,
  signup,
} from './index.js';
import { AppError } from '../../platform/errors.js';

const Session = Type.Object({ user: User, tenant: Tenant });

export function authRoutes(app: App, kernel: Kernel) {
  const limited = { max: kernel.config.authRateLimitPerMinute, timeWindow: '1 minute' };
  const tags = ['auth'];

  app.get(
    '/api/v1/auth/csrf',
    {
      config: { public: true },
      schema: { tags, response: { 200: Type.Object({ csrfToken: Type.String() }) } },
    },
    async (request, reply) => ({ csrfToken: issueCsrf(request, reply, kernel.config.secureCookies) }),
  );

  app.post(
    '/api/v1/auth/signup',
    {
      config: { public: true, rateLimit: limited },
      schema: {
        tags,
        body: Type.Object({
          workspaceName: Type.String({ minLength: 1, maxLength: 100 }),
          slug: Type.Optional(SlugSchema),
          name: NameSchema,
          email: EmailSchema,
          password: PasswordSchema,
          locale: Type.Optional(LocaleSchema),
          timezone: Type.Optional(Type.String({ maxLength: 64 })),
        }),
        response: { 201: Session, ...errors },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if (body.workspaceName.trim() === '')
        throw new AppError(400, 'validation_failed', 'workspaceName: must not be blank', [
          { field: 'workspaceName', message: 'must not be blank' },
        ]);
      const result = await signup(
        kernel,
        reply,
        { ...body, locale: body.locale ?? 'zh-CN' },
        originOf(request),
      );
      return reply.code(201).send(result);
    },
  );

  app.post(
    '/api/v1/auth/login',
    {
      config: { public: true, rateLimit: limited },
      schema: {
        tags,
        body: Type.Object({
          email: Type.String({ minLength: 1, maxLength: 254 }),
          password: Type.String({ minLength: 1, maxLength: 200 }),
        }),
        response: { 200: Session, ...errors },
      },
    },
    async (request, reply) => {
      const { user, tenantId } = await login(
        kernel,
        reply,
        request.body.email,
        request.body.password,
        originOf(request),
      );
      return { user, tenant: await getTenant(kernel, tenantId) };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { config: { public: true }, schema: { tags, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await logout(kernel, request, reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    { config: { permission: 'profile.manage' }, schema: { tags, response: { 200: Session, ...errors } } },
    async (request) => {
      const p = request.principal!;
      return {
        user: await getUser(kernel, p.tenantId, p.userId!),
        tenant: await getTenant(kernel, p.tenantId),
      };
    },
  );

  app.post(
    '/api/v1/auth/password/forgot',
    {
      config: { public: true, rateLimit: limited },
      schema: {
        tags,
        body: Type.Object({ email: EmailSchema }),
        response: { 202: Type.Object({ accepted: Type.Boolean() }), ...errors },
      },
    },
    async (request, reply) => {
      await forgotPassword(kernel, request.body.email, originOf(request));
      return reply.code(202).send({ accepted: true });
    },
  );

  app.post(
    '/api/v1/auth/password/reset',
    {
      config: { public: true, rateLimit: limited },
      schema: {
        tags,
        body: Type.Object({
          token: Type.String({ minLength: 10, maxLength: 200 }),
          password: PasswordSchema,
        }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await resetPassword(kernel, request.body.token, request.body.password, originOf(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/invitations/:token',
    {
      config: { public: true, rateLimit: limited },
      schema: {
        tags,
        params: Type.Object({ token: Type.String({ minLength: 10, maxLength: 200 }) }),
        response: {
          200: Type.Object({ email: Type.String(), role: Type.String(), workspaceName: Type.String() }),
          ...errors,
        },
      },
    },
    async (request) => describeInvitation(kernel, request.params.token),
  );

  app.post(
    '/api/v1/auth/invitations/accept',
    {
      config: { public: true, rateLimit: limited },
      schema: {
        tags,
        body: Type.Object({
          token: Type.String({ minLength: 10, maxLength: 200 }),
          name: NameSchema,
          password: PasswordSchema,
        }),
        response: { 200: Session, ...errors },
      },
    },
    async (request, reply) => {
      const origin = originOf(request);
      const { user, tenantId } = await acceptInvitation(kernel, request.body, origin);
      await beginSession(kernel, reply, tenantId, user.id, origin);
      return { user, tenant: await getTenant(kernel, tenantId) };
    },
  );
}

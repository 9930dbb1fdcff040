import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Redis } from 'ioredis';
import type { Permission } from '@kefu/shared';
import type { Config } from './config.js';
import { AppError, fromDatabaseError, type ErrorEnvelope } from './errors.js';
import type { Metrics } from './metrics.js';
import { principalAllows, type Principal, type RequestContext } from './principal.js';
import { findNulField, validationDetails, validatorCompiler } from './validation.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission a route needs; every non-public route names one (a test checks it). */
    permission?: Permission;
    /** Reachable without signing in (signup, login, health). */
    public?: boolean;
    /** Create requests that honour an `Idempotency-Key` header. */
    idempotent?: boolean;
    /** Widget routes: the visitor authenticates with the `x-visitor-token` header, never with cookies. */
    visitor?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** Every route registered, for the route-walking tests and the permission matrix. */
    routeTable: RouteInfo[];
  }
}

export interface RouteInfo {
  method: string;
  url: string;
  config: { permission?: Permission; public?: boolean; idempotent?: boolean; visitor?: boolean };
  schema: { body?: any; querystring?: any; params?: any } | undefined;
}

export type App = FastifyInstance<any, any, any, any, TypeBoxTypeProvider>;
export type Authenticator = (request: FastifyRequest) => Promise<Principal | null>;

export const CSRF_COOKIE = 'kefu_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function contextOf(request: FastifyRequest): RequestContext {
  const p = request.principal;
  if (!p) throw new AppError(401, 'unauthenticated', 'sign in first');
  return {
    tenantId: p.tenantId,
    userId: p.userId,
    tokenId: p.tokenId ?? null,
    role: p.role,
    ip: request.ip ?? null,
    userAgent: (request.headers['user-agent'] ?? '').slice(0, 500) || null,
  };
}

function sameToken(a: string, b: string) {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
};

export interface HttpOptions {
  config: Config;
  metrics: Metrics;
  authenticate: Authenticator;
  redis: Redis | null;
  logger?: boolean | object;
}

export async function createHttp({
  config,
  metrics,
  authenticate,
  redis,
  logger,
}: HttpOptions): Promise<App> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{8,100}$/.test(incoming)
        ? incoming
        : crypto.randomUUID();
    },
    routerOptions: { maxParamLength: 2000 },
    // errors the router raises before any hook (bad URL encoding, over-long params) get the envelope too
    frameworkErrors: (err: any, request, reply) => {
      const status =
        typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500
          ? err.statusCode
          : 400;
      void (reply as FastifyReply)
        .code(status)
        .send({ error: { code: 'invalid_request', message: err.message, requestId: request.id } });
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler as any);
  app.decorateRequest('principal', null);
  const routeTable: RouteInfo[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routeTable.push({
        method,
        url: route.url,
        config: (route.config ?? {}) as RouteInfo['config'],
        schema: route.schema as RouteInfo['schema'],
      });
    }
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'connect-src': ["'self'", 'ws:', 'wss:'],
        'upgrade-insecure-requests': null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, {
    global: false,
    redis: redis ?? undefined,
    nameSpace: `${config.redisPrefix}-rl:`,
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      error: { code: 'rate_limited', message: `too many requests, retry in ${Math.ceil(ctx.ttl / 1000)} s` },
    }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Kefu API', version: '1', description: 'Kefu (客服) REST API' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'API token (kefu_…)' },
          session: { type: 'apiKey', in: 'cookie', name: 'kefu_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 5, parts: 6 } });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    (request as any).startedAt = process.hrtime.bigint();
    // only API routes authenticate; static files, health and docs are public by construction
    if (!request.routeOptions.url?.startsWith('/api/v1/')) return;
    const routeConfig = request.routeOptions.config;
    request.principal = await authenticate(request);
    if (request.principal) request.log = request.log.child({ tenantId: request.principal.tenantId });
    // header-token callers (API tokens, widget visitors) send no cookies, so there is nothing to forge
    const viaCookie = request.principal?.kind !== 'token' && !routeConfig.visitor;
    if (UNSAFE.has(request.method) && viaCookie) {
      const header = request.headers[CSRF_HEADER];
      const cookieValue = request.cookies[CSRF_COOKIE];
      if (typeof header !== 'string' || !cookieValue || !sameToken(header, cookieValue)) {
        throw new AppError(403, 'csrf_invalid', 'missing or wrong CSRF token: GET /api/v1/auth/csrf first');
      }
    }
    if (!routeConfig.public && !request.principal) {
      throw new AppError(401, 'unauthenticated', 'sign in first, or send an API token');
    }
  });

  app.addHook('preValidation', async (request) => {
    const field = findNulField(request.body) ?? findNulField(request.query);
    if (field)
      throw new AppError(400, 'validation_failed', `${field}: NUL characters are not allowed`, [
        { field, message: 'NUL characters are not allowed' },
      ]);
  });

  // authenticate → validate → authorize: the permission check runs once the input is known to be well-formed
  app.addHook('preHandler', async (request) => {
    const { permission, public: isPublic } = request.routeOptions.config;
    if (isPublic || !request.routeOptions.url?.startsWith('/api/v1/')) return;
    if (!permission) throw new AppError(403, 'forbidden', 'route has no permission');
    if (!request.principal || !principalAllows(request.principal, permission)) {
      throw new AppError(403, 'forbidden', `this needs the permission ${permission}`);
    }
  });

  app.addHook('onResponse', async (request, reply) => {
    const started = (request as any).startedAt as bigint | undefined;
    if (!started) return;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    metrics.httpDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      seconds,
    );
  });

  app.setErrorHandler((err: any, request, reply) => {
    const envelope = (code: string, message: string, details?: unknown): ErrorEnvelope => ({
      error: { code, message, ...(details !== undefined ? { details } : {}), requestId: request.id },
    });
    if (err instanceof AppError) {
      if (err.status === 429 && (err.details as any)?.retryAfter)
        reply.header('retry-after', (err.details as any).retryAfter);
      return reply.code(err.status).send(envelope(err.code, err.message, err.details));
    }
    if (err.validation) {
      const details = validationDetails(err.validation, err.validationContext);
      const first = details[0];
      return reply
        .code(400)
        .send(
          envelope(
            'validation_failed',
            first ? `${first.field}: ${first.message}` : 'invalid request',
            details,
          ),
        );
    }
    const dbError = fromDatabaseError(err);
    if (dbError) {
      request.log.info({ err }, 'database rejected input');
      return reply.code(dbError.status).send(envelope(dbError.code, dbError.message, dbError.details));
    }
    if (err.statusCode === 429 || err.error?.code === 'rate_limited') {
      return reply.code(429).send(envelope('rate_limited', err.error?.message ?? 'too many requests'));
    }
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      const code = FASTIFY_CODES[err.code] ?? 'invalid_request';
      return reply.code(err.statusCode).send(envelope(code, err.message));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.code(500).send(envelope('internal_error', 'something went wrong on our side'));
  });

  const indexHtml = path.join(config.webDist, 'index.html');
  const hasWeb = fs.existsSync(indexHtml);
  if (hasWeb) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart
    await app.register(fastifyStatic, { root: config.webDist, prefix: '/', wildcard: true, index: false });
  }
  app.setNotFoundHandler((request, reply: FastifyReply) => {
    const pathname = request.url.split('?')[0];
    // API paths and missing files (anything with an extension) are real 404s; other paths are app routes
    if (
      pathname.startsWith('/api/') ||
      request.method !== 'GET' ||
      !hasWeb ||
      /\.[a-z0-9]+$/i.test(pathname)
    ) {
      return reply.code(404).send({
        error: {
          code: 'route_not_found',
          message: `no route ${request.method} ${request.url.split('?')[0]}`,
          requestId: request.id,
        },
      });
    }
    return reply.type('text/html').sendFile('index.html');
  });

  return app;
}

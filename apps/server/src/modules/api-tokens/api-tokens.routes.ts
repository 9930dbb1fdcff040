import { Type } from 'typebox';
import { API_TOKEN_SCOPES } from '@kefu/shared';
import { contextOf, type App } from '../../platform/http.js';
import type { Kernel } from '../../kernel.js';
import { IdParams, errors } from '../../platform/schemas.js';
import { ListQuery, Page } from '../../platform/pagination.js';
import { ApiToken, ApiTokenCreate, createApiToken, listApiTokens, revokeApiToken } from './index.js';

export function apiTokenRoutes(app: App, kernel: Kernel) {
  const tags = ['api-tokens'];
  const config = { permission: 'api_tokens.manage' as const };
  app.get(
    '/api/v1/api-tokens',
    { config, schema: { tags, querystring: ListQuery, response: { 200: Page(ApiToken), ...errors } } },
    async (request) =>
      listApiTokens(kernel, request.principal!.tenantId, request.query.limit ?? 50, request.query.cursor),
  );
  app.get(
    '/api/v1/api-tokens/scopes',
    { config, schema: { tags, response: { 200: Type.Object({ items: Type.Array(Type.String()) }) } } },
    async () => ({ items: API_TOKEN_SCOPES }),
  );
  app.post(
    '/api/v1/api-tokens',
    {
      config: { ...config, idempotent: true },
      schema: {
        tags,
        body: ApiTokenCreate,
        response: { 201: Type.Object({ token: ApiToken, secret: Type.String() }), ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createApiToken(kernel, contextOf(request), request.body)),
  );
  app.delete(
    '/api/v1/api-tokens/:id',
    { config, schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await revokeApiToken(kernel, contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}

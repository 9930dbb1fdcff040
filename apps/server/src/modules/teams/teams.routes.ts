import { Type } from 'typebox';
import { contextOf, type App } from '../../platform/http.js';
import type { Kernel } from '../../kernel.js';
import { IdParams, errors } from '../../platform/schemas.js';
import { ListQuery, Page } from '../../platform/pagination.js';
import {
  Team,
  TeamInput,
  TeamPatch,
  createTeam,
  deleteTeam,
  getTeam,
  listTeams,
  setTeamMembers,
  updateTeam,
} from './index.js';

export function teamRoutes(app: App, kernel: Kernel) {
  const tags = ['teams'];
  const TeamBody = Type.Object({ team: Team });
  app.get(
    '/api/v1/teams',
    {
      config: { permission: 'teams.read' },
      schema: { tags, querystring: ListQuery, response: { 200: Page(Team), ...errors } },
    },
    async (request) =>
      listTeams(kernel, request.principal!.tenantId, request.query.limit ?? 50, request.query.cursor),
  );
  app.get(
    '/api/v1/teams/:id',
    {
      config: { permission: 'teams.read' },
      schema: { tags, params: IdParams, response: { 200: TeamBody, ...errors } },
    },
    async (request) => ({ team: await getTeam(kernel, request.principal!.tenantId, request.params.id) }),
  );
  app.post(
    '/api/v1/teams',
    {
      config: { permission: 'teams.manage', idempotent: true },
      schema: { tags, body: TeamInput, response: { 201: TeamBody, ...errors } },
    },
    async (request, reply) =>
      reply.code(201).send({ team: await createTeam(kernel, contextOf(request), request.body) }),
  );
  app.patch(
    '/api/v1/teams/:id',
    {
      config: { permission: 'teams.manage' },
      schema: { tags, params: IdParams, body: TeamPatch, response: { 200: TeamBody, ...errors } },
    },
    async (request) => ({
      team: await updateTeam(kernel, contextOf(request), request.params.id, request.body),
    }),
  );
  app.delete(
    '/api/v1/teams/:id',
    {
      config: { permission: 'teams.manage' },
      schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      await deleteTeam(kernel, contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
  app.put(
    '/api/v1/teams/:id/members',
    {
      config: { permission: 'teams.manage' },
      schema: {
        tags,
        params: IdParams,
        body: Type.Object({ userIds: Type.Array(Type.String({ format: 'uuid' }), { maxItems: 500 }) }),
        response: { 200: TeamBody, ...errors },
      },
    },
    async (request) => ({
      team: await setTeamMembers(kernel, contextOf(request), request.params.id, request.body.userIds),
    }),
  );
}

import { contextOf, type App } from '../../platform/http.js';
import type { Kernel } from '../../kernel.js';
import { IdParams, errors } from '../../platform/schemas.js';
import { ListQuery, Page } from '../../platform/pagination.js';
import { AuditEntry, listAudit } from './index.js';
import { Mail, listMail } from '../mail/index.js';
import { DeadJob, listDeadJobs, retryDeadJob } from '../jobs/index.js';
import { Type } from 'typebox';

/** Admin read-outs: audit log, mail outbox, dead-letter jobs. */
export function adminRoutes(app: App, kernel: Kernel) {
  app.get(
    '/api/v1/audit-log',
    {
      config: { permission: 'audit.read' },
      schema: { tags: ['admin'], querystring: ListQuery, response: { 200: Page(AuditEntry), ...errors } },
    },
    async (request) => {
      const tenantId = request.principal!.tenantId;
      return kernel.db.tenantTx(tenantId, (sql) =>
        listAudit(sql, tenantId, request.query.limit ?? 50, request.query.cursor),
      );
    },
  );
  app.get(
    '/api/v1/mail-outbox',
    {
      config: { permission: 'mail_outbox.read' },
      schema: { tags: ['admin'], querystring: ListQuery, response: { 200: Page(Mail), ...errors } },
    },
    async (request) =>
      listMail(kernel, request.principal!.tenantId, request.query.limit ?? 50, request.query.cursor),
  );
  app.get(
    '/api/v1/jobs/dead',
    {
      config: { permission: 'jobs.manage' },
      schema: { tags: ['admin'], querystring: ListQuery, response: { 200: Page(DeadJob), ...errors } },
    },
    async (request) =>
      listDeadJobs(kernel, request.principal!.tenantId, request.query.limit ?? 50, request.query.cursor),
  );
  app.post(
    '/api/v1/jobs/dead/:id/retry',
    {
      config: { permission: 'jobs.manage' },
      schema: {
        tags: ['admin'],
        params: IdParams,
        response: { 202: Type.Object({ queued: Type.Boolean() }), ...errors },
      },
    },
    async (request, reply) => {
      await retryDeadJob(kernel, contextOf(request), request.params.id);
      return reply.code(202).send({ queued: true });
    },
  );
}

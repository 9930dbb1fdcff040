import { Type } from 'typebox';
import { contextOf, type App } from '../../platform/http.js';
import type { Kernel } from '../../kernel.js';
import { errors } from '../../platform/schemas.js';
import { Tenant, TenantPatch, getTenant, updateTenant } from './index.js';

export function tenantRoutes(app: App, kernel: Kernel) {
  const TenantBody = Type.Object({ tenant: Tenant });
  app.get(
    '/api/v1/tenant',
    {
      config: { permission: 'tenant.read' },
      schema: { tags: ['tenant'], response: { 200: TenantBody, ...errors } },
    },
    async (request) => ({ tenant: await getTenant(kernel, request.principal!.tenantId) }),
  );
  app.patch(
    '/api/v1/tenant',
    {
      config: { permission: 'tenant.update' },
      schema: { tags: ['tenant'], body: TenantPatch, response: { 200: TenantBody, ...errors } },
    },
    async (request) => ({ tenant: await updateTenant(kernel, contextOf(request), request.body) }),
  );
}

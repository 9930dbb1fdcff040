import crypto from 'node:crypto';
import { Type, type Static } from 'typebox';
import type { Kernel } from '../../kernel.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { RequestContext } from '../../platform/principal.js';
import type { TenantTx } from '../../platform/events.js';
import { audit } from '../audit/index.js';

export const LocaleSchema = Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]);
const Time = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM, 24-hour' });
export const BusinessHours = Type.Array(
  Type.Object({
    day: Type.Integer({ minimum: 0, maximum: 6, description: '0 = Sunday' }),
    open: Time,
    close: Time,
  }),
  { maxItems: 21 },
);
export const SlugSchema = Type.String({
  minLength: 3,
  maxLength: 40,
  pattern: '^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$',
});

export const Tenant = Type.Object({
  id: Type.String(),
  name: Type.String(),
  slug: Type.String(),
  defaultLocale: LocaleSchema,
  timezone: Type.String(),
  businessHours: BusinessHours,
  createdAt: Type.String(),
});
export type Tenant = Static<typeof Tenant>;

export const TenantPatch = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  slug: Type.Optional(SlugSchema),
  defaultLocale: Type.Optional(LocaleSchema),
  timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  businessHours: Type.Optional(BusinessHours),
});
export type TenantPatch = Static<typeof TenantPatch>;

export function presentTenant(r: any): Tenant {
  return {
    id: r.id,
    name: r.name,
    slug: r.slug,
    defaultLocale: r.default_locale,
    timezone: r.timezone,
    businessHours: r.business_hours ?? [],
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export function isTimezone(tz: string) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A URL-safe slug from the workspace name; names without Latin letters (e.g. 中文) get a random one. */
export function slugify(name: string) {
  const base = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 30);
  const suffix = crypto.randomBytes(3).toString('hex');
  return base.length >= 3 ? `${base}-${suffix}` : `ws-${suffix}`;
}

export const DEFAULT_BUSINESS_HOURS = [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '18:00' }));

/** Creates the tenant row inside a transaction already bound to the new tenant's id. */
export async function insertTenant(
  tx: TenantTx,
  input: { name: string; slug?: string; locale: string; timezone?: string },
) {
  const slug = input.slug ?? slugify(input.name);
  const [row] = await tx.sql
    .query(
      `INSERT INTO tenants (id, name, slug, default_locale, timezone, business_hours) VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING *`,
      [
        tx.tenantId,
        input.name,
        slug,
        input.locale,
        input.timezone ?? 'Asia/Shanghai',
        JSON.stringify(DEFAULT_BUSINESS_HOURS),
      ],
    )
    .catch((err) => {
      if (err.code === '23505')
        throw new AppError(409, 'slug_taken', 'this workspace address is taken', [
          { field: 'slug', message: 'taken' },
        ]);
      throw err;
    });
  tx.emit('tenant.created', { tenantId: row.id, name: row.name, slug: row.slug });
  return presentTenant(row);
}

export async function getTenant(kernel: Kernel, tenantId: string) {
  const [row] = await kernel.db.tenantTx(tenantId, (sql) =>
    sql.query('SELECT * FROM tenants WHERE id = $1', [tenantId]),
  );
  if (!row) throw notFound('tenant');
  return presentTenant(row);
}

export async function findTenantBySlug(kernel: Kernel, slug: string) {
  const [row] = await kernel.db.system.query('SELECT * FROM tenants WHERE slug = $1', [slug]);
  return row ? presentTenant(row) : null;
}

export async function updateTenant(kernel: Kernel, ctx: RequestContext, patch: TenantPatch) {
  if (patch.timezone !== undefined && !isTimezone(patch.timezone)) {
    throw new AppError(400, 'validation_failed', 'timezone: unknown time zone', [
      { field: 'timezone', message: 'unknown time zone' },
    ]);
  }
  for (const [i, h] of (patch.businessHours ?? []).entries()) {
    if (h.close <= h.open) {
      throw new AppError(400, 'validation_failed', 'closing time must be after opening time', [
        { field: `businessHours.${i}.close`, message: 'must be after open' },
      ]);
    }
  }
  const columns: Record<string, unknown> = {
    name: patch.name,
    slug: patch.slug,
    default_locale: patch.defaultLocale,
    timezone: patch.timezone,
    business_hours: patch.businessHours === undefined ? undefined : JSON.stringify(patch.businessHours),
  };
  const set = Object.entries(columns).filter(([, v]) => v !== undefined);
  return kernel.events.run(ctx.tenantId, async (tx) => {
    if (set.length === 0) return getTenantIn(tx);
    const assignments = set.map(([k], i) => `${k} = $${i + 2}`).join(', ');
    const [row] = await tx.sql
      .query(`UPDATE tenants SET ${assignments}, updated_at = now() WHERE id = $1 RETURNING *`, [
        ctx.tenantId,
        ...set.map(([, v]) => v),
      ])
      .catch((err) => {
        if (err.code === '23505')
          throw new AppError(409, 'slug_taken', 'this workspace address is taken', [
            { field: 'slug', message: 'taken' },
          ]);
        throw err;
      });
    const changes = Object.keys(patch);
    await audit(tx.sql, ctx, 'tenant.updated', { type: 'tenant', id: ctx.tenantId }, { changes });
    tx.emit('tenant.updated', { tenantId: ctx.tenantId, changes });
    return presentTenant(row);
  });
}

async function getTenantIn(tx: TenantTx) {
  const [row] = await tx.sql.query('SELECT * FROM tenants WHERE id = $1', [tx.tenantId]);
  return presentTenant(row);
}

import { roleAllows, type Permission, type Role } from '@kefu/shared';

/** Who is calling: a signed-in person (session cookie) or an integration (API token). */
export interface Principal {
  kind: 'session' | 'token';
  tenantId: string;
  userId: string | null;
  role: Role | null;
  scopes: string[];
  sessionId?: string;
  tokenId?: string;
}

export function principalAllows(principal: Principal, permission: Permission): boolean {
  if (principal.kind === 'token') return principal.scopes.includes(permission);
  return principal.role !== null && roleAllows(principal.role, permission);
}

/** What a service needs to know about the request: tenant, actor and origin (for the audit log). */
export interface RequestContext {
  tenantId: string;
  userId: string | null;
  tokenId: string | null;
  role: Role | null;
  ip: string | null;
  userAgent: string | null;
}

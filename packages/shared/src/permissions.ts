/**
 * The permission matrix. Every API route names exactly one permission (or is public); the server enforces
 * it for sessions by role and for API tokens by scope. docs/permissions.md is generated from this table.
 */
export const ROLES = ['owner', 'admin', 'supervisor', 'agent'] as const;
export type Role = (typeof ROLES)[number];

const ALL: Role[] = ['owner', 'admin', 'supervisor', 'agent'];
const ADMINS: Role[] = ['owner', 'admin'];
const MANAGERS: Role[] = ['owner', 'admin', 'supervisor'];

export const PERMISSIONS = {
  'profile.manage': ALL,
  'tenant.read': ALL,
  'tenant.update': ADMINS,
  'users.read': ALL,
  'users.manage': ADMINS,
  'teams.read': ALL,
  'teams.manage': ADMINS,
  'inboxes.read': ALL,
  'inboxes.manage': ADMINS,
  'api_tokens.manage': ADMINS,
  'audit.read': ADMINS,
  'mail_outbox.read': ADMINS,
  'jobs.manage': ADMINS,
  'conversations.read': ALL,
  'conversations.reply': ALL,
  'contacts.read': ALL,
  'contacts.manage': ALL,
  'canned.read': ALL,
  'canned.manage': ALL,
  'kb.read': ALL,
  'kb.manage': MANAGERS,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function roleAllows(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Scopes an API token may carry: every permission except managing the person's own profile. */
export const API_TOKEN_SCOPES = (Object.keys(PERMISSIONS) as Permission[]).filter(
  (p) => p !== 'profile.manage',
);

/** Role rank, for "an admin cannot grant or change an owner". */
export const ROLE_RANK: Record<Role, number> = { owner: 3, admin: 2, supervisor: 1, agent: 0 };

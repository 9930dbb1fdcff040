import path from 'node:path';

/** Every setting Kefu reads, with its default. README's configuration table mirrors this list. */
export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | null;
  redisUrl: string | null;
  redisPrefix: string;
  autoMigrate: boolean;
  roles: Set<Role>;
  logLevel: string;
  sessionTtlHours: number;
  secureCookies: boolean;
  smtpUrl: string | null;
  mailFrom: string;
  eventRetentionHours: number;
  loginMaxAttempts: number;
  loginLockoutMinutes: number;
  authRateLimitPerMinute: number;
  widgetRateLimitPerMinute: number;
  widgetSessionRateLimitPerMinute: number;
  /** Let bot task flows and tenants' AI endpoints reach private and loopback addresses (off: they could probe Kefu's own network). */
  botAllowPrivateNetwork: boolean;
  seedDemo: boolean;
  trustProxy: boolean;
  webDist: string;
  shutdownTimeoutMs: number;
}

export type Role = 'api' | 'realtime' | 'worker' | 'cron';
export const ALL_ROLES: Role[] = ['api', 'realtime', 'worker', 'cron'];

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new ConfigError(`${name} must be an integer ≥ ${min} (got "${raw}")`);
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false (got "${raw}")`);
}

function url(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | null {
  const raw = env[name];
  if (!raw) return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')} (got ${parsed.protocol})`);
  }
  return raw;
}

export function parseRoles(raw: string | undefined): Set<Role> {
  if (!raw || raw === 'all') return new Set(ALL_ROLES);
  const roles = raw
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  for (const role of roles) {
    if (!ALL_ROLES.includes(role as Role))
      throw new ConfigError(`unknown role "${role}" (use ${ALL_ROLES.join(', ')})`);
  }
  return new Set(roles as Role[]);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const port = int(env, 'PORT', 3000);
  const host = env.HOST || '0.0.0.0';
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const redisUrl = url(env, 'REDIS_URL', ['redis:', 'rediss:']);
  const config: Config = {
    port,
    host,
    publicUrl: (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, ''),
    dataDir: path.resolve(env.DATA_DIR || './data'),
    databaseUrl,
    redisUrl,
    redisPrefix: env.REDIS_PREFIX || 'kefu',
    autoMigrate: bool(env, 'AUTO_MIGRATE', true),
    roles: parseRoles(env.KEFU_ROLES),
    logLevel: env.LOG_LEVEL || 'info',
    sessionTtlHours: int(env, 'SESSION_TTL_HOURS', 24 * 14, 1),
    secureCookies: bool(env, 'SECURE_COOKIES', (env.PUBLIC_URL || '').startsWith('https:')),
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: env.MAIL_FROM || 'Kefu <no-reply@kefu.local>',
    eventRetentionHours: int(env, 'EVENT_RETENTION_HOURS', 72, 1),
    loginMaxAttempts: int(env, 'LOGIN_MAX_ATTEMPTS', 5, 1),
    loginLockoutMinutes: int(env, 'LOGIN_LOCKOUT_MINUTES', 15, 1),
    authRateLimitPerMinute: int(env, 'AUTH_RATE_LIMIT_PER_MINUTE', 20, 1),
    widgetRateLimitPerMinute: int(env, 'WIDGET_RATE_LIMIT_PER_MINUTE', 600, 1),
    widgetSessionRateLimitPerMinute: int(env, 'WIDGET_SESSION_RATE_LIMIT_PER_MINUTE', 60, 1),
    botAllowPrivateNetwork: bool(env, 'BOT_ALLOW_PRIVATE_NETWORK', false),
    seedDemo: bool(env, 'SEED_DEMO', true),
    trustProxy: bool(env, 'TRUST_PROXY', false),
    webDist: path.resolve(env.WEB_DIST || new URL('../../../web/dist', import.meta.url).pathname),
    shutdownTimeoutMs: int(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 100),
    ...overrides,
  };
  if (config.redisUrl && !config.databaseUrl) {
    throw new ConfigError(
      'REDIS_URL is set but DATABASE_URL is not: scaled mode needs both (or neither for embedded mode)',
    );
  }
  return config;
}

export const isScaled = (config: Config) => config.databaseUrl !== null;

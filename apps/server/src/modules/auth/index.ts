import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kernel } from '../../kernel.js';
import { AppError } from '../../platform/errors.js';
import type { Principal } from '../../platform/principal.js';
import { DUMMY_HASH, hashPassword, randomToken, sha256, verifyPassword } from '../../platform/crypto.js';
import { t } from '../../platform/i18n.js';
import { CSRF_COOKIE } from '../../platform/http.js';
import { audit } from '../audit/index.js';
import { insertTenant } from '../tenants/index.js';
import { insertUser, presentUser } from '../agents/index.js';
import { queueMail } from '../mail/index.js';
import { resolveApiToken } from '../api-tokens/index.js';
import { insertInbox } from '../inboxes/index.js';
import { t as translate } from '../../platform/i18n.js';

export const SESSION_COOKIE = 'kefu_session';
const RESET_TTL_MINUTES = 60;

interface Origin {
  ip: string | null;
  userAgent: string | null;
}
export const originOf = (request: FastifyRequest): Origin => ({
  ip: request.ip ?? null,
  userAgent: (request.headers['user-agent'] ?? '').slice(0, 500) || null,
});

function parseCookie(header: string | undefined, name: string) {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export async function resolveSession(kernel: Kernel, raw: string): Promise<Principal | null> {
  if (raw.length > 200) return null;
  const [row] = await kernel.db.system.query(
    `SELECT s.id, s.tenant_id, s.user_id, s.last_seen_at, u.role FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > now() AND u.active`,
    [sha256(raw)],
  );
  if (!row) return null;
  if (Date.now() - new Date(row.last_seen_at).getTime() > 5 * 60_000) {
    await kernel.db.system.query('UPDATE sessions SET last_seen_at = now() WHERE id = $1', [row.id]);
  }
  return {
    kind: 'session',
    tenantId: row.tenant_id,
    userId: row.user_id,
    role: row.role,
    scopes: [],
    sessionId: row.id,
  };
}

/** Resolves the caller from `Authorization: Bearer kefu_…` or the session cookie. */
export function createAuthenticator(kernel: Kernel) {
  const fromCredentials = async (bearer: string | undefined, session: string | undefined) => {
    if (bearer) return resolveApiToken(kernel, bearer);
    if (session) return resolveSession(kernel, session);
    return null;
  };
  return {
    http: async (request: FastifyRequest) => {
      const header = request.headers.authorization;
      const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
      if (header && !bearer) throw new AppError(401, 'unauthenticated', 'use Authorization: Bearer <token>');
      const principal = await fromCredentials(bearer, request.cookies[SESSION_COOKIE]);
      if (bearer && !principal)
        throw new AppError(401, 'token_invalid', 'the API token is unknown, revoked or expired');
      return principal;
    },
    socket: async ({ cookieHeader, token }: { cookieHeader?: string; token?: string }) => {
      const principal = await fromCredentials(token, parseCookie(cookieHeader, SESSION_COOKIE));
      return principal ? { tenantId: principal.tenantId, userId: principal.userId } : null;
    },
  };
}

export function issueCsrf(request: FastifyRequest, reply: FastifyReply, secure: boolean) {
  let token = request.cookies[CSRF_COOKIE];
  if (!token || !/^[\w-]{20,100}$/.test(token)) {
    token = randomToken(24);
    // readable by the page (double-submit pattern): the page echoes it in x-csrf-token
    reply.setCookie(CSRF_COOKIE, token, { path: '/', sameSite: 'strict', secure, httpOnly: false });
  }
  return token;
}

async function startSession(
  kernel: Kernel,
  reply: FastifyReply,
  tenantId: string,
  userId: string,
  origin: Origin,
) {
  const raw = randomToken(32);
  const ttlHours = kernel.config.sessionTtlHours;
  await kernel.db.tenantTx(tenantId, (sql) =>
    sql.query(
      `INSERT INTO sessions (tenant_id, user_id, token_hash, ip, user_agent, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(hours => $6))`,
      [tenantId, userId, sha256(raw), origin.ip, origin.userAgent, ttlHours],
    ),
  );
  // signing in makes an offline agent available (a chosen "away" stays away)
  await kernel.db.tenantTx(tenantId, (sql) =>
    sql.query(`UPDATE users SET presence = 'online' WHERE id = $1 AND presence = 'offline'`, [userId]),
  );
  reply.setCookie(SESSION_COOKIE, raw, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: kernel.config.secureCookies,
    maxAge: ttlHours * 3600,
  });
}

export async function signup(
  kernel: Kernel,
  reply: FastifyReply,
  input: {
    workspaceName: string;
    name: string;
    email: string;
    password: string;
    locale: 'zh-CN' | 'en';
    slug?: string;
    timezone?: string;
  },
  origin: Origin,
) {
  const tenantId = crypto.randomUUID();
  const result = await kernel.events.run(tenantId, async (tx) => {
    const tenant = await insertTenant(tx, {
      name: input.workspaceName.trim(),
      slug: input.slug,
      locale: input.locale,
      timezone: input.timezone,
    });
    const user = await insertUser(tx, {
      email: input.email,
      name: input.name,
      password: input.password,
      role: 'owner',
      locale: input.locale,
    });
    // a new workspace starts with a website chat inbox, so the chat widget works right away
    await insertInbox(tx, { name: translate(input.locale, 'seed.inbox'), channel: 'website' });
    await audit(
      tx.sql,
      { tenantId, userId: user.id, tokenId: null, role: 'owner', ...origin },
      'tenant.signup',
      { type: 'tenant', id: tenantId },
    );
    return { tenant, user };
  });
  await startSession(kernel, reply, tenantId, result.user.id, origin);
  return result;
}

/**
 * E-mail + password. Wrong passwords count towards a temporary lockout of the account; the answer is the
 * same for unknown and wrong, and an unknown address still costs a hash, so accounts cannot be probed.
 */
export async function login(
  kernel: Kernel,
  reply: FastifyReply,
  email: string,
  password: string,
  origin: Origin,
) {
  const [row] = await kernel.db.system.query('SELECT * FROM users WHERE lower(email) = $1', [
    email.trim().toLowerCase(),
  ]);
  if (row?.locked_until && new Date(row.locked_until).getTime() > Date.now()) {
    const retryAfter = Math.ceil((new Date(row.locked_until).getTime() - Date.now()) / 1000);
    throw new AppError(429, 'too_many_attempts', 'too many failed sign-ins; try again later', { retryAfter });
  }
  const ok = await verifyPassword(row?.password_hash ?? DUMMY_HASH, password);
  if (!row || !ok || !row.active) {
    if (row) {
      const max = kernel.config.loginMaxAttempts;
      await kernel.db.tenantTx(row.tenant_id, (sql) =>
        sql.query(
          `UPDATE users SET failed_logins = failed_logins + 1,
             locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
           WHERE id = $1`,
          [row.id, max, kernel.config.loginLockoutMinutes],
        ),
      );
      if (row.failed_logins + 1 >= max) {
        await kernel.db.tenantTx(row.tenant_id, (sql) =>
          audit(
            sql,
            { tenantId: row.tenant_id, userId: row.id, tokenId: null, role: row.role, ...origin },
            'user.locked_out',
            { type: 'user', id: row.id },
          ),
        );
      }
    }
    throw new AppError(401, 'invalid_credentials', 'wrong e-mail or password');
  }
  const [user] = await kernel.db.tenantTx(row.tenant_id, async (sql) => {
    await sql.query(
      `UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = now(), presence = 'online' WHERE id = $1`,
      [row.id],
    );
    return sql.query(
      `SELECT u.*, COALESCE(array_agg(tm.team_id::text) FILTER (WHERE tm.team_id IS NOT NULL), '{}') AS team_ids
       FROM users u LEFT JOIN team_members tm ON tm.user_id = u.id WHERE u.id = $1 GROUP BY u.id`,
      [row.id],
    );
  });
  await startSession(kernel, reply, row.tenant_id, row.id, origin);
  return { user: presentUser(user), tenantId: row.tenant_id as string };
}

export async function logout(kernel: Kernel, request: FastifyRequest, reply: FastifyReply) {
  const p = request.principal;
  if (p?.sessionId) {
    await kernel.db.tenantTx(p.tenantId, (sql) =>
      sql.query('DELETE FROM sessions WHERE id = $1', [p.sessionId]),
    );
  }
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export async function beginSession(
  kernel: Kernel,
  reply: FastifyReply,
  tenantId: string,
  userId: string,
  origin: Origin,
) {
  await startSession(kernel, reply, tenantId, userId, origin);
}

/** Always "accepted": whether the address exists is not revealed. */
export async function forgotPassword(kernel: Kernel, email: string, origin: Origin) {
  const [user] = await kernel.db.system.query('SELECT * FROM users WHERE lower(email) = $1 AND active', [
    email.trim().toLowerCase(),
  ]);
  if (!user) return;
  const token = randomToken();
  await kernel.events.run(user.tenant_id, async (tx) => {
    await tx.sql.query(`UPDATE password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [
      user.id,
    ]);
    await tx.sql.query(
      `INSERT INTO password_resets (tenant_id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, now() + interval '${RESET_TTL_MINUTES} minutes')`,
      [user.tenant_id, user.id, sha256(token)],
    );
    const link = `${kernel.config.publicUrl}/reset-password?token=${token}`;
    await queueMail(kernel, tx, {
      to: user.email,
      subject: t(user.locale, 'mail.reset.subject'),
      text: t(user.locale, 'mail.reset.text', { name: user.name, link }),
    });
    await audit(
      tx.sql,
      { tenantId: user.tenant_id, userId: user.id, tokenId: null, role: user.role, ...origin },
      'user.password_reset_requested',
      {
        type: 'user',
        id: user.id,
      },
    );
  });
}

/** Single use and short-lived; a reset also ends every session and lifts a lockout. */
export async function resetPassword(kernel: Kernel, token: string, password: string, origin: Origin) {
  const [reset] = await kernel.db.system.query(
    `SELECT * FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()`,
    [sha256(token)],
  );
  if (!reset)
    throw new AppError(400, 'token_invalid', 'this reset link is invalid or has expired', [
      { field: 'token', message: 'invalid or expired' },
    ]);
  const passwordHash = await hashPassword(password);
  await kernel.events.run(reset.tenant_id, async (tx) => {
    const [claimed] = await tx.sql.query(
      'UPDATE password_resets SET used_at = now() WHERE id = $1 AND used_at IS NULL RETURNING id',
      [reset.id],
    );
    if (!claimed)
      throw new AppError(400, 'token_invalid', 'this reset link was used already', [
        { field: 'token', message: 'used' },
      ]);
    await tx.sql.query(
      'UPDATE users SET password_hash = $2, failed_logins = 0, locked_until = NULL, updated_at = now() WHERE id = $1',
      [reset.user_id, passwordHash],
    );
    await tx.sql.query('DELETE FROM sessions WHERE user_id = $1', [reset.user_id]);
    await audit(
      tx.sql,
      { tenantId: reset.tenant_id, userId: reset.user_id, tokenId: null, role: null, ...origin },
      'user.password_reset',
      {
        type: 'user',
        id: reset.user_id,
      },
    );
  });
}

import { rooms } from '@kefu/shared';
import type { Kernel } from '../../kernel.js';
import type { Sql } from '../../platform/db.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import type { TenantTx } from '../../platform/events.js';
import type { RequestContext } from '../../platform/principal.js';
import { decodeCursor, encodeCursor } from '../../platform/pagination.js';
import { t } from '../../platform/i18n.js';
import { attachmentsFor, tenantFileSecret } from '../attachments/index.js';
import { searchText } from '../contacts/index.js';
import {
  BOT_SIGNATURE_SQL,
  CONVERSATION_SELECT,
  LAST_BOT_NAME_SQL,
  MESSAGE_SELECT,
  presentConversation,
  presentMessage,
} from './present.js';

export * from './present.js';

export const MAX_BODY = 10_000;

/** Rooms a conversation's public events go to: all agents of the tenant and the contact's widget sockets. */
export const publicRooms = (tenantId: string, contactId: string) => [
  rooms.tenant(tenantId),
  rooms.contact(contactId),
];

export async function loadConversation(sql: Sql, tenantId: string, id: string) {
  const [row] = await sql.query(`${CONVERSATION_SELECT} WHERE c.tenant_id = $1 AND c.id = $2`, [
    tenantId,
    id,
  ]);
  if (!row) throw notFound('conversation');
  return row;
}

/**
 * The contact's conversation in this inbox (one thread per contact and inbox, like a messenger: a resolved
 * one is reopened by the next customer message), or a new one. Caller holds the contact row lock.
 */
export async function openConversationFor(
  tx: TenantTx,
  inboxId: string,
  contactId: string,
  pageContext: unknown,
) {
  const [existing] = await tx.sql.query(
    `${CONVERSATION_SELECT} WHERE c.tenant_id = $1 AND c.inbox_id = $2 AND c.contact_id = $3
     ORDER BY c.last_message_at DESC LIMIT 1`,
    [tx.tenantId, inboxId, contactId],
  );
  if (existing) return { row: existing, created: false };
  const [{ conversation_seq: number }] = await tx.sql.query(
    'UPDATE tenants SET conversation_seq = conversation_seq + 1 WHERE id = $1 RETURNING conversation_seq',
    [tx.tenantId],
  );
  const [created] = await tx.sql.query(
    `INSERT INTO conversations (tenant_id, number, inbox_id, contact_id, page_context) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [tx.tenantId, number, inboxId, contactId, pageContext ? JSON.stringify(pageContext) : null],
  );
  const row = await loadConversation(tx.sql, tx.tenantId, created.id);
  tx.emit(
    'conversation.created',
    { conversation: { id: row.id, number: Number(row.number), inboxId, contactId, status: row.status } },
    [rooms.tenant(tx.tenantId)],
  );
  return { row, created: true };
}

export interface NewMessage {
  clientId: string;
  senderType: 'contact' | 'agent' | 'bot' | 'system';
  senderId: string | null;
  body: string;
  private?: boolean;
  attachmentIds?: string[];
  mentions?: string[];
  /** Structured extras of bot messages (buttons, choices, feedback). */
  content?: Record<string, unknown>;
}

/**
 * Stores a message exactly once per client id and conversation (a resend returns the stored one and
 * emits nothing), updates the conversation's activity, reopens it on a customer message, and emits.
 */
export async function addMessage(tx: TenantTx, kernel: Kernel, conversation: any, input: NewMessage) {
  const body = input.body.trim();
  const uploader =
    input.senderType === 'contact'
      ? { contactId: conversation.contact_id }
      : { userId: input.senderId ?? undefined };
  const attachments = await attachmentsFor(tx.sql, tx.tenantId, input.attachmentIds ?? [], uploader);
  if (!body && attachments.length === 0) {
    throw new AppError(400, 'validation_failed', 'body: a message needs text or an attachment', [
      { field: 'body', message: 'empty' },
    ]);
  }
  const mentions = [...new Set(input.mentions ?? [])];
  if (mentions.length) {
    const found = await tx.sql.query(
      'SELECT id FROM users WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND active',
      [tx.tenantId, mentions],
    );
    if (found.length !== mentions.length)
      throw new AppError(404, 'user_not_found', 'mentioned user not found', [
        { field: 'mentions', message: 'unknown user' },
      ]);
  }
  const inserted = await tx.sql.query(
    `INSERT INTO messages (tenant_id, conversation_id, client_id, sender_type, sender_id, private, body, attachments, mentions, search, content)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, to_tsvector('simple', $10), $11)
     ON CONFLICT (conversation_id, client_id) DO NOTHING RETURNING *`,
    [
      tx.tenantId,
      conversation.id,
      input.clientId,
      input.senderType,
      input.senderId,
      input.private ?? false,
      body,
      JSON.stringify(attachments),
      mentions,
      searchText(body, ...attachments.map((a) => a.filename)),
      input.content ? JSON.stringify(input.content) : null,
    ],
  );
  if (inserted.length === 0) {
    const [existing] = await tx.sql.query(
      `${MESSAGE_SELECT} WHERE m.conversation_id = $1 AND m.client_id = $2`,
      [conversation.id, input.clientId],
    );
    const secret = existing.attachments?.length ? await tenantFileSecret(tx.sql, tx.tenantId) : '';
    return { message: presentMessage(existing, secret), created: false };
  }
  // the hot path: present from what we already hold instead of reading the row back
  const secret = attachments.length ? await tenantFileSecret(tx.sql, tx.tenantId) : '';
  const agent =
    input.senderType === 'agent'
      ? (await tx.sql.query('SELECT name, avatar_url FROM users WHERE id = $1', [input.senderId]))[0]
      : null;
  const bot =
    input.senderType === 'bot'
      ? (
          await tx.sql.query(`SELECT ${BOT_SIGNATURE_SQL} FROM inboxes i WHERE i.id = $1`, [
            conversation.inbox_id,
          ])
        )[0]
      : null;
  const senderName = input.senderType === 'contact' ? conversation.contact_name : (agent?.name ?? '');
  const message = presentMessage(
    {
      ...inserted[0],
      ...bot,
      inbox_id: conversation.inbox_id,
      sender_name: senderName ?? '',
      sender_avatar: agent?.avatar_url ?? null,
      contact_last_read_at: conversation.contact_last_read_at,
      agent_last_read_at: conversation.agent_last_read_at,
    },
    secret,
  );
  if (!message.private) {
    const preview = {
      body: body.slice(0, 140) || attachments[0]?.filename || '',
      senderType: input.senderType,
      createdAt: message.createdAt,
    };
    const reopen = input.senderType === 'contact' && ['resolved', 'snoozed'].includes(conversation.status);
    // an agent writing to the customer takes the conversation over from the bot
    const takeOver = input.senderType === 'agent' && conversation.handler === 'bot';
    await tx.sql.query(
      `UPDATE conversations SET last_message_at = $3, last_message = $4, updated_at = now(),
         status = CASE WHEN $5 THEN 'open' ELSE status END, snoozed_until = CASE WHEN $5 THEN NULL ELSE snoozed_until END,
         contact_last_read_at = CASE WHEN $6 THEN now() ELSE contact_last_read_at END,
         handler = CASE WHEN $7 THEN 'human' ELSE handler END
       WHERE tenant_id = $1 AND id = $2`,
      [
        tx.tenantId,
        conversation.id,
        message.createdAt,
        JSON.stringify(preview),
        reopen,
        input.senderType === 'contact',
        takeOver,
      ],
    );
    if (takeOver) {
      conversation.handler = 'human';
      tx.emit(
        'conversation.updated',
        { conversationId: conversation.id, status: conversation.status, changes: ['handler'] },
        [rooms.tenant(tx.tenantId)],
      );
    }
    if (reopen) {
      conversation.status = 'open';
      tx.emit(
        'conversation.updated',
        { conversationId: conversation.id, status: 'open', changes: ['status'] },
        publicRooms(tx.tenantId, conversation.contact_id),
      );
    }
  }
  const { deliveredAt: _d, readAt: _r, ...payload } = message;
  tx.emit(
    'message.created',
    { message: payload, conversationId: conversation.id, handler: conversation.handler },
    message.private ? [rooms.tenant(tx.tenantId)] : publicRooms(tx.tenantId, conversation.contact_id),
  );
  for (const userId of mentions) {
    await notify(tx, {
      userId,
      kind: 'mention',
      conversationId: conversation.id,
      messageId: message.id,
      actorId: input.senderId,
    });
  }
  return { message, created: true };
}

export async function notify(
  tx: TenantTx,
  n: {
    userId: string;
    kind: string;
    conversationId: string;
    messageId: string | null;
    actorId: string | null;
  },
) {
  if (n.userId === n.actorId) return;
  const [row] = await tx.sql.query(
    `INSERT INTO notifications (tenant_id, user_id, kind, conversation_id, message_id, actor_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [tx.tenantId, n.userId, n.kind, n.conversationId, n.messageId, n.actorId],
  );
  tx.emit(
    'notification.created',
    { notificationId: row.id, kind: n.kind, conversationId: n.conversationId, messageId: n.messageId },
    [rooms.user(n.userId)],
  );
}

export interface ListFilters {
  view?: 'mine' | 'unassigned' | 'bot' | 'all';
  status?: 'open' | 'pending' | 'snoozed' | 'resolved';
  inboxId?: string;
  label?: string;
  q?: string;
  limit: number;
  cursor?: string;
}

export async function listConversations(kernel: Kernel, ctx: RequestContext, f: ListFilters) {
  const after = decodeCursor(f.cursor);
  const q = f.q?.trim() ?? '';
  const rows = await kernel.db.tenantTx(ctx.tenantId, (sql) =>
    sql.query(
      `SELECT c.*, k.name AS contact_name, k.email AS contact_email, u.name AS assignee_name, t.name AS team_name,
         ${LAST_BOT_NAME_SQL},
         (SELECT count(*)::int FROM messages m WHERE m.conversation_id = c.id AND m.sender_type = 'contact'
            AND m.created_at > COALESCE(r.last_read_at, '-infinity'::timestamptz)) AS unread
       FROM conversations c JOIN contacts k ON k.id = c.contact_id
       LEFT JOIN users u ON u.id = c.assignee_id LEFT JOIN teams t ON t.id = c.team_id
       LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = $2
       WHERE c.tenant_id = $1
         AND ($3 <> 'mine' OR c.assignee_id = $2) AND ($3 <> 'unassigned' OR (c.assignee_id IS NULL AND c.handler = 'human'))
         AND ($3 <> 'bot' OR c.handler = 'bot')
         AND ($4::text IS NULL OR c.status = $4) AND ($5::uuid IS NULL OR c.inbox_id = $5) AND ($6::text IS NULL OR $6 = ANY(c.labels))
         AND ($7::timestamptz IS NULL OR (c.last_message_at, c.id) < ($7, $8::uuid))
         AND ($10 = '' OR k.search @@ plainto_tsquery('simple', $11) OR k.name ILIKE '%' || $10 || '%'
              OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND (m.search @@ plainto_tsquery('simple', $11) OR m.body ILIKE '%' || $10 || '%')))
       ORDER BY c.last_message_at DESC, c.id DESC LIMIT $9`,
      [
        ctx.tenantId,
        ctx.userId,
        f.view ?? 'all',
        f.status ?? null,
        f.inboxId ?? null,
        f.label ?? null,
        after?.at ?? null,
        after?.id ?? null,
        f.limit + 1,
        escapeLike(q),
        searchText(q),
      ],
    ),
  );
  const more = rows.length > f.limit;
  const items = rows.slice(0, f.limit);
  const last = items[items.length - 1];
  return {
    items: items.map(presentConversation),
    nextCursor: more ? encodeCursor({ created_at: last.last_message_at, id: last.id }) : null,
  };
}

export const escapeLike = (s: string) => s.replace(/[%_\\]/g, (c) => `\\${c}`);

export async function getConversation(kernel: Kernel, ctx: RequestContext, id: string) {
  return kernel.db.tenantTx(ctx.tenantId, async (sql) => {
    const row = await loadConversation(sql, ctx.tenantId, id);
    const [{ unread }] = await sql.query(
      `SELECT count(*)::int AS unread FROM messages m LEFT JOIN conversation_reads r ON r.conversation_id = m.conversation_id AND r.user_id = $2
       WHERE m.conversation_id = $1 AND m.sender_type = 'contact' AND m.created_at > COALESCE(r.last_read_at, '-infinity'::timestamptz)`,
      [id, ctx.userId],
    );
    return presentConversation({ ...row, unread });
  });
}

export async function listMessages(
  kernel: Kernel,
  tenantId: string,
  conversationId: string,
  opts: { before?: string; limit: number; includePrivate: boolean },
) {
  return kernel.db.tenantTx(tenantId, async (sql) => {
    await loadConversation(sql, tenantId, conversationId);
    const secret = await tenantFileSecret(sql, tenantId);
    const rows = await sql.query(
      `${MESSAGE_SELECT} WHERE m.tenant_id = $1 AND m.conversation_id = $2 AND ($3 OR NOT m.private)
         AND ($4::uuid IS NULL OR (m.created_at, m.id) < (SELECT created_at, id FROM messages WHERE id = $4 AND conversation_id = $2))
       ORDER BY m.created_at DESC, m.id DESC LIMIT $5`,
      [tenantId, conversationId, opts.includePrivate, opts.before ?? null, opts.limit + 1],
    );
    const hasMore = rows.length > opts.limit;
    return {
      items: rows
        .slice(0, opts.limit)
        .reverse()
        .map((r) => presentMessage(r, secret)),
      hasMore,
    };
  });
}

export async function postAgentMessage(
  kernel: Kernel,
  ctx: RequestContext,
  conversationId: string,
  input: {
    clientId: string;
    body?: string;
    private?: boolean;
    mentions?: string[];
    attachmentIds?: string[];
  },
) {
  if (!ctx.userId) throw forbidden('replies come from a person; API tokens cannot reply yet');
  return kernel.events.run(ctx.tenantId, async (tx) => {
    const conversation = await loadConversation(tx.sql, ctx.tenantId, conversationId);
    const result = await addMessage(tx, kernel, conversation, {
      clientId: input.clientId,
      senderType: 'agent',
      senderId: ctx.userId,
      body: input.body ?? '',
      private: input.private,
      attachmentIds: input.attachmentIds,
      mentions: input.private ? input.mentions : [],
    });
    // replying counts as having read the conversation
    if (result.created) await markReadIn(tx, conversationId, ctx.userId!);
    return result;
  });
}

async function markReadIn(tx: TenantTx, conversationId: string, userId: string) {
  await tx.sql.query(
    `INSERT INTO conversation_reads (tenant_id, conversation_id, user_id, last_read_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (conversation_id, user_id) DO UPDATE SET last_read_at = now()`,
    [tx.tenantId, conversationId, userId],
  );
}

/** The agent has read the conversation: clears their unread count and shows the customer "read". */
export async function markReadByAgent(kernel: Kernel, ctx: RequestContext, conversationId: string) {
  await kernel.events.run(ctx.tenantId, async (tx) => {
    const conversation = await loadConversation(tx.sql, ctx.tenantId, conversationId);
    if (!ctx.userId) return; // an integration reading does not count as an agent reading
    await markReadIn(tx, conversationId, ctx.userId!);
    const [row] = await tx.sql.query(
      `UPDATE conversations SET agent_last_read_at = now() WHERE id = $1 RETURNING agent_last_read_at`,
      [conversationId],
    );
    tx.emit(
      'message.read',
      { conversationId, reader: 'agent', readAt: new Date(row.agent_last_read_at).toISOString() },
      publicRooms(ctx.tenantId, conversation.contact_id),
    );
  });
}

export async function unreadSummary(kernel: Kernel, ctx: RequestContext) {
  const rows = await kernel.db.tenantTx(ctx.tenantId, (sql) =>
    sql.query(
      `SELECT c.id, count(m.id)::int AS unread FROM conversations c
       JOIN messages m ON m.conversation_id = c.id AND m.sender_type = 'contact'
       LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = $2
       WHERE c.tenant_id = $1 AND c.status <> 'resolved' AND (c.assignee_id = $2 OR c.assignee_id IS NULL)
         AND m.created_at > COALESCE(r.last_read_at, '-infinity'::timestamptz)
       GROUP BY c.id`,
      [ctx.tenantId, ctx.userId],
    ),
  );
  const byConversation = Object.fromEntries(rows.map((r: any) => [r.id, r.unread]));
  return { total: rows.reduce((sum: number, r: any) => sum + r.unread, 0), byConversation };
}

export async function updateConversation(
  kernel: Kernel,
  ctx: RequestContext,
  id: string,
  patch: { status?: string; snoozedUntil?: string | null; priority?: string; labels?: string[] },
) {
  if (patch.status === 'snoozed' && (!patch.snoozedUntil || Date.parse(patch.snoozedUntil) <= Date.now())) {
    throw new AppError(400, 'validation_failed', 'snoozedUntil: a future time is needed to snooze', [
      { field: 'snoozedUntil', message: 'must be in the future' },
    ]);
  }
  const labels = patch.labels ? [...new Set(patch.labels.map((l) => l.trim()).filter(Boolean))] : undefined;
  return kernel.events.run(ctx.tenantId, async (tx) => {
    const before = await loadConversation(tx.sql, ctx.tenantId, id);
    await tx.sql.query(
      `UPDATE conversations SET status = COALESCE($3, status),
         snoozed_until = CASE WHEN COALESCE($3, status) = 'snoozed' THEN COALESCE($4::timestamptz, snoozed_until) ELSE NULL END,
         priority = COALESCE($5, priority), labels = COALESCE($6, labels), updated_at = now()
       WHERE tenant_id = $1 AND id = $2`,
      [
        ctx.tenantId,
        id,
        patch.status ?? null,
        patch.snoozedUntil ?? null,
        patch.priority ?? null,
        labels ?? null,
      ],
    );
    const row = await loadConversation(tx.sql, ctx.tenantId, id);
    const changes = Object.keys(patch);
    // the customer sees status changes; priority and labels are internal
    tx.emit(
      'conversation.updated',
      {
        conversationId: id,
        status: row.status,
        priority: row.priority,
        labels: row.labels,
        snoozedUntil: row.snoozed_until ? new Date(row.snoozed_until).toISOString() : null,
        changes,
      },
      [rooms.tenant(ctx.tenantId)],
    );
    if (before.status !== row.status) {
      tx.emit('conversation.updated', { conversationId: id, status: row.status, changes: ['status'] }, [
        rooms.contact(row.contact_id),
      ]);
    }
    return presentConversation(row);
  });
}

/**
 * Assignment is a conditional update, never read-then-write: an agent "taking" a conversation only wins if
 * nobody holds it, so two agents (on two nodes) never both get it. Supervisors and the current holder
 * may reassign; a transfer note is left as a private note.
 */
export async function assignConversation(
  kernel: Kernel,
  ctx: RequestContext,
  id: string,
  input: { assigneeId: string | null; teamId?: string | null; note?: string },
) {
  return kernel.events.run(ctx.tenantId, async (tx) => {
    const before = await loadConversation(tx.sql, ctx.tenantId, id);
    let assignee: { id: string; name: string; avatarUrl: string | null } | null = null;
    if (input.assigneeId) {
      const [u] = await tx.sql.query(
        'SELECT id, name, avatar_url AS "avatarUrl" FROM users WHERE tenant_id = $1 AND id = $2 AND active',
        [ctx.tenantId, input.assigneeId],
      );
      if (!u)
        throw new AppError(404, 'user_not_found', 'user not found', [
          { field: 'assigneeId', message: 'no such active user' },
        ]);
      assignee = u;
    }
    if (input.teamId) {
      const [team] = await tx.sql.query('SELECT id FROM teams WHERE tenant_id = $1 AND id = $2', [
        ctx.tenantId,
        input.teamId,
      ]);
      if (!team)
        throw new AppError(404, 'team_not_found', 'team not found', [
          { field: 'teamId', message: 'no such team' },
        ]);
    }
    const privileged =
      ctx.role === 'owner' || ctx.role === 'admin' || ctx.role === 'supervisor' || ctx.role === null;
    const holder = before.assignee_id as string | null;
    const updated = await tx.sql.query(
      `UPDATE conversations SET assignee_id = $3, team_id = CASE WHEN $5::boolean THEN $4::uuid ELSE team_id END, updated_at = now()
       WHERE tenant_id = $1 AND id = $2 AND ($6 OR assignee_id IS NULL OR assignee_id = $7) RETURNING id`,
      [
        ctx.tenantId,
        id,
        assignee?.id ?? null,
        input.teamId ?? null,
        input.teamId !== undefined,
        privileged,
        ctx.userId,
      ],
    );
    if (updated.length === 0) {
      throw new AppError(
        409,
        'already_assigned',
        `this conversation is handled by ${before.assignee_name ?? 'someone else'}`,
      );
    }
    const row = await loadConversation(tx.sql, ctx.tenantId, id);
    const [tenant] = await tx.sql.query('SELECT default_locale FROM tenants WHERE id = $1', [ctx.tenantId]);
    if (assignee && assignee.id !== holder) {
      await addMessage(tx, kernel, row, {
        clientId: crypto.randomUUID(),
        senderType: 'system',
        senderId: null,
        body: t(tenant.default_locale, 'chat.assigned', { name: assignee.name }),
      });
      await notify(tx, {
        userId: assignee.id,
        kind: 'assigned',
        conversationId: id,
        messageId: null,
        actorId: ctx.userId,
      });
    }
    if (input.note?.trim()) {
      await addMessage(tx, kernel, row, {
        clientId: crypto.randomUUID(),
        senderType: 'agent',
        senderId: ctx.userId,
        body: input.note,
        private: true,
      });
    }
    tx.emit(
      'conversation.assigned',
      { conversationId: id, assignee, teamId: row.team_id, byUserId: ctx.userId },
      publicRooms(ctx.tenantId, row.contact_id),
    );
    return presentConversation(row);
  });
}

export async function searchAll(kernel: Kernel, ctx: RequestContext, q: string) {
  const tokens = searchText(q);
  const like = escapeLike(q.trim());
  return kernel.db.tenantTx(ctx.tenantId, async (sql) => {
    const messages = await sql.query(
      `SELECT m.id AS message_id, m.body, m.created_at AS message_at, c.*, k.name AS contact_name, k.email AS contact_email,
         ${LAST_BOT_NAME_SQL}
       FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN contacts k ON k.id = c.contact_id
       WHERE m.tenant_id = $1 AND (m.search @@ plainto_tsquery('simple', $2) OR m.body ILIKE '%' || $3 || '%')
       ORDER BY m.created_at DESC LIMIT 50`,
      [ctx.tenantId, tokens, like],
    );
    const contacts = await sql.query(
      `SELECT * FROM contacts WHERE tenant_id = $1 AND merged_into IS NULL
         AND (search @@ plainto_tsquery('simple', $2) OR name ILIKE '%' || $3 || '%' OR email ILIKE '%' || $3 || '%' OR phone ILIKE '%' || $3 || '%')
       ORDER BY last_seen_at DESC NULLS LAST LIMIT 20`,
      [ctx.tenantId, tokens, like],
    );
    const terms = [...new Set([q.trim(), ...tokens.split(' ')].filter((s) => s.length > 0))];
    return {
      conversations: messages.map((r: any) => ({
        conversation: presentConversation(r),
        message: {
          id: r.message_id,
          ...highlight(r.body, terms),
          createdAt: new Date(r.message_at).toISOString(),
        },
      })),
      contacts: contacts.map((r: any) => ({ id: r.id, name: r.name, email: r.email, phone: r.phone })),
    };
  });
}

/** A plain-text snippet around the first hit and the [start, end) ranges to emphasise — safe to render as text. */
export function highlight(body: string, terms: string[]) {
  const lower = body.toLowerCase();
  const hits: [number, number][] = [];
  for (const term of terms) {
    const needle = term.toLowerCase();
    if (!needle) continue;
    for (let i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, i + needle.length))
      hits.push([i, i + needle.length]);
  }
  hits.sort((a, b) => a[0] - b[0]);
  const start = Math.max(0, (hits[0]?.[0] ?? 0) - 40);
  const snippet = body.slice(start, start + 200);
  const highlights = hits
    .map(([a, b]) => [a - start, b - start] as [number, number])
    .filter(([a, b]) => a >= 0 && b <= snippet.length);
  return {
    snippet: (start > 0 ? '…' : '') + snippet,
    highlights: start > 0 ? highlights.map(([a, b]) => [a + 1, b + 1] as [number, number]) : highlights,
  };
}

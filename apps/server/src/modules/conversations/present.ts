import { Type } from 'typebox';
import type { MessagePayload } from '@kefu/shared';
import { signFileUrl } from '../attachments/index.js';

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
const Str = Type.String();
const NullStr = Type.Union([Type.String(), Type.Null()]);

/** A bot's name as set in `settings.bot.name`: trimmed, null while empty. */
const botNameOf = (raw: unknown) => (typeof raw === 'string' ? raw.trim() : '') || null;

export const AttachmentView = Type.Object({
  id: Str,
  filename: Str,
  contentType: Str,
  size: Type.Integer(),
  url: Str,
});
export const MessageView = Type.Object({
  id: Str,
  conversationId: Str,
  clientId: Str,
  senderType: Str,
  sender: Type.Union([Type.Object({ id: Str, name: Str, avatarUrl: NullStr }), Type.Null()]),
  private: Type.Boolean(),
  body: Str,
  attachments: Type.Array(AttachmentView),
  mentions: Type.Array(Str),
  createdAt: Str,
  deliveredAt: NullStr,
  readAt: NullStr,
  /** Bot messages: answer buttons, "did you mean" choices, the solved/not-solved question. */
  content: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});
export const ConversationView = Type.Object({
  id: Str,
  number: Type.Integer(),
  inboxId: Str,
  status: Str,
  snoozedUntil: NullStr,
  priority: Str,
  labels: Type.Array(Str),
  assignee: Type.Union([Type.Object({ id: Str, name: Str }), Type.Null()]),
  team: Type.Union([Type.Object({ id: Str, name: Str }), Type.Null()]),
  contact: Type.Object({ id: Str, name: Str, email: NullStr }),
  /** `botName`: the inbox's bot as it is named now when the bot wrote it (null while unnamed, and for others). */
  lastMessage: Type.Union([
    Type.Object({ body: Str, senderType: Str, botName: NullStr, createdAt: Str }),
    Type.Null(),
  ]),
  lastMessageAt: Str,
  unread: Type.Integer(),
  pageContext: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  /** 'bot' while the bot answers, 'human' once it has handed off (or never had it). */
  handler: Str,
  createdAt: Str,
});

/** The stored preview of the last message, signed with the bot's current name where the bot wrote it. */
function lastMessageOf(r: any) {
  const { body, senderType, createdAt } = r.last_message;
  const botName = senderType === 'bot' ? botNameOf(r.last_bot_name) : null;
  return { body, senderType, botName, createdAt };
}

/** Row from CONVERSATION_SELECT → API shape. */
export function presentConversation(r: any) {
  return {
    id: r.id,
    number: Number(r.number),
    inboxId: r.inbox_id,
    status: r.status,
    snoozedUntil: iso(r.snoozed_until),
    priority: r.priority,
    labels: r.labels ?? [],
    assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null,
    team: r.team_id ? { id: r.team_id, name: r.team_name ?? '' } : null,
    contact: { id: r.contact_id, name: r.contact_name ?? '', email: r.contact_email ?? null },
    lastMessage: r.last_message ? lastMessageOf(r) : null,
    lastMessageAt: iso(r.last_message_at)!,
    unread: Number(r.unread ?? 0),
    pageContext: r.page_context ?? null,
    handler: (r.handler ?? 'human') as string,
    createdAt: iso(r.created_at)!,
  };
}
export type ConversationViewT = ReturnType<typeof presentConversation>;

/** The name of the inbox's bot when it wrote the last message of `c` (for the preview in the list). */
export const LAST_BOT_NAME_SQL = `(SELECT i.settings #>> '{bot,name}' FROM inboxes i
    WHERE i.id = c.inbox_id AND c.last_message ->> 'senderType' = 'bot') AS last_bot_name`;

export const CONVERSATION_SELECT = `SELECT c.*, k.name AS contact_name, k.email AS contact_email, u.name AS assignee_name, t.name AS team_name,
    ${LAST_BOT_NAME_SQL}
  FROM conversations c JOIN contacts k ON k.id = c.contact_id
  LEFT JOIN users u ON u.id = c.assignee_id LEFT JOIN teams t ON t.id = c.team_id`;

/** The name and avatar the bot of an inbox signs with (`settings.bot`), from an `inboxes` row aliased `i`. */
export const BOT_SIGNATURE_SQL = `i.settings #>> '{bot,name}' AS bot_name, i.settings #>> '{bot,avatarUrl}' AS bot_avatar`;

export const MESSAGE_SELECT = `SELECT m.*, COALESCE(u.name, k.name, '') AS sender_name, u.avatar_url AS sender_avatar,
    c.inbox_id, ${BOT_SIGNATURE_SQL}, c.contact_last_read_at, c.agent_last_read_at
  FROM messages m JOIN conversations c ON c.id = m.conversation_id
  LEFT JOIN users u ON m.sender_type = 'agent' AND u.id = m.sender_id
  LEFT JOIN contacts k ON m.sender_type = 'contact' AND k.id = m.sender_id
  LEFT JOIN inboxes i ON m.sender_type = 'bot' AND i.id = c.inbox_id`;

/**
 * Who signed a message: the agent or contact; for the bot, its inbox's bot by the name it is given there
 * (`id` is the inbox's id), or null while it has none; null for system messages.
 */
function senderOf(r: any) {
  if (r.sender_type === 'bot') {
    const name = botNameOf(r.bot_name);
    return name && r.inbox_id ? { id: r.inbox_id, name, avatarUrl: r.bot_avatar || null } : null;
  }
  return r.sender_id && r.sender_type !== 'system'
    ? { id: r.sender_id, name: r.sender_name ?? '', avatarUrl: r.sender_avatar ?? null }
    : null;
}

/** Row from MESSAGE_SELECT → API shape; attachment URLs are signed for `fileSecret`'s tenant. */
export function presentMessage(
  r: any,
  fileSecret: string,
): MessagePayload & {
  deliveredAt: string | null;
  readAt: string | null;
  content: Record<string, unknown> | null;
} {
  const created = new Date(r.created_at);
  const otherSideRead = r.sender_type === 'contact' ? r.agent_last_read_at : r.contact_last_read_at;
  return {
    id: r.id,
    conversationId: r.conversation_id,
    clientId: r.client_id,
    senderType: r.sender_type,
    sender: senderOf(r),
    private: r.private,
    body: r.body,
    attachments: (r.attachments ?? []).map((a: any) => ({ ...a, url: signFileUrl(fileSecret, a.id) })),
    mentions: r.mentions ?? [],
    createdAt: created.toISOString(),
    deliveredAt: created.toISOString(),
    readAt: otherSideRead && new Date(otherSideRead) >= created ? iso(otherSideRead) : null,
    content: r.content ?? null,
  };
}

/**
 * The one catalogue of event names. Server listeners, webhooks and realtime clients all use these names;
 * adding an event means adding it here first so every consumer sees the same spelling and payload type.
 */
export interface EventPayloads {
  'tenant.created': { tenantId: string; name: string; slug: string };
  'tenant.updated': { tenantId: string; changes: string[] };
  'user.created': { userId: string; email: string; role: string };
  'user.updated': { userId: string; changes: string[] };
  'user.presence_changed': { userId: string; presence: 'online' | 'away' | 'offline' };
  'invitation.created': { invitationId: string; email: string; role: string };
  'invitation.revoked': { invitationId: string };
  'team.created': { teamId: string; name: string };
  'team.updated': { teamId: string; changes: string[] };
  'team.deleted': { teamId: string };
  'api_token.created': { tokenId: string; name: string };
  'api_token.revoked': { tokenId: string };
  'inbox.created': { inboxId: string; name: string; channel: string };
  'inbox.updated': { inboxId: string; changes: string[] };
  'contact.created': { contactId: string; name: string };
  'contact.updated': { contactId: string; changes: string[] };
  'contact.merged': { contactId: string; mergedContactId: string };
  'conversation.created': { conversation: ConversationSummary };
  'conversation.updated': {
    conversationId: string;
    status: string;
    priority?: string;
    labels?: string[];
    snoozedUntil?: string | null;
    changes: string[];
  };
  'conversation.assigned': {
    conversationId: string;
    assignee: { id: string; name: string; avatarUrl?: string | null } | null;
    teamId?: string | null;
    byUserId?: string | null;
  };
  /** `handler`: who answers the conversation now ('bot' | 'human'); the bot only listens to its own. */
  'message.created': { message: MessagePayload; conversationId: string; handler?: 'bot' | 'human' };
  'message.read': { conversationId: string; reader: 'contact' | 'agent'; readAt: string };
  'notification.created': {
    notificationId: string;
    kind: string;
    conversationId: string | null;
    messageId: string | null;
  };
  'kb.category.changed': { categoryId: string; action: 'created' | 'updated' | 'deleted' };
  'kb.article.changed': {
    articleId: string;
    action: 'created' | 'updated' | 'published' | 'unpublished' | 'restored' | 'deleted';
    status: 'draft' | 'published';
  };
  /** FAQ entries changed (the bot retrains on these); an import sends one event for all its rows. */
  'kb.faq.changed': { faqIds: string[]; action: 'created' | 'updated' | 'deleted' | 'imported' };
}

/** The parts of a message every audience may see (private notes only go to agents). */
export interface MessagePayload {
  id: string;
  conversationId: string;
  clientId: string;
  senderType: 'contact' | 'agent' | 'bot' | 'system';
  sender: { id: string; name: string; avatarUrl: string | null } | null;
  private: boolean;
  body: string;
  attachments: { id: string; filename: string; contentType: string; size: number; url: string }[];
  mentions: string[];
  createdAt: string;
}

export interface ConversationSummary {
  id: string;
  number: number;
  inboxId: string;
  contactId: string;
  status: string;
}

export type EventName = keyof EventPayloads;

export const EVENT_NAMES = [
  'tenant.created',
  'tenant.updated',
  'user.created',
  'user.updated',
  'user.presence_changed',
  'invitation.created',
  'invitation.revoked',
  'team.created',
  'team.updated',
  'team.deleted',
  'api_token.created',
  'api_token.revoked',
  'inbox.created',
  'inbox.updated',
  'contact.created',
  'contact.updated',
  'contact.merged',
  'conversation.created',
  'conversation.updated',
  'conversation.assigned',
  'message.created',
  'message.read',
  'notification.created',
  'kb.category.changed',
  'kb.article.changed',
  'kb.faq.changed',
] as const satisfies readonly EventName[];

/** What travels to realtime clients and listeners: one committed row of a tenant's event stream. */
export interface EventEnvelope<N extends EventName = EventName> {
  id: string;
  tenantId: string;
  /** Monotonically increasing per tenant, gap-free in commit order. */
  seq: number;
  name: N;
  payload: EventPayloads[N];
  /** Socket.IO rooms the event is addressed to (`t:<tenant>`, `u:<user>`, `i:<inbox>`, `c:<conversation>`). */
  rooms: string[];
  createdAt: string;
}

export const rooms = {
  tenant: (id: string) => `t:${id}`,
  user: (id: string) => `u:${id}`,
  inbox: (id: string) => `i:${id}`,
  conversation: (id: string) => `c:${id}`,
  /** A contact's widget sockets (every tab of every visitor merged into the contact). */
  contact: (id: string) => `k:${id}`,
};

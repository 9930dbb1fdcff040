// Live-chat objects as described in docs/live-chat.md.
import type { BotSettings } from '../kb/types';

export type ConversationStatus = 'open' | 'pending' | 'snoozed' | 'resolved';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export type SenderType = 'contact' | 'agent' | 'bot' | 'system';
export type View = 'mine' | 'unassigned' | 'bot' | 'all';

export const STATUSES: ConversationStatus[] = ['open', 'pending', 'snoozed', 'resolved'];
export const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'urgent'];

export interface PageContext {
  url?: string;
  title?: string;
  referrer?: string;
  browser?: string;
  language?: string;
}

export interface Contact {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  externalId: string | null;
  attributes: Record<string, unknown>;
  pageContext: PageContext | null;
  lastSeenAt: string | null;
  createdAt: string;
}

export interface Conversation {
  id: string;
  number: number;
  inboxId: string;
  status: ConversationStatus;
  snoozedUntil: string | null;
  priority: Priority;
  labels: string[];
  assignee: { id: string; name: string } | null;
  team: { id: string; name: string } | null;
  contact: { id: string; name: string; email: string | null };
  /** `botName`: the bot's current name when it wrote the message (null while unnamed, and for others) */
  lastMessage: { body: string; senderType: SenderType; botName: string | null; createdAt: string } | null;
  lastMessageAt: string;
  unread: number;
  pageContext: PageContext | null;
  /** 'bot' while the bot answers, 'human' after a handoff (or when the bot never took it) */
  handler?: 'bot' | 'human';
  createdAt: string;
}

export interface Attachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  url: string;
}

export interface Message {
  id: string;
  conversationId: string;
  clientId: string;
  senderType: SenderType;
  sender: { id: string; name: string; avatarUrl: string | null } | null;
  private: boolean;
  body: string;
  attachments: Attachment[];
  mentions: string[];
  createdAt: string;
  deliveredAt: string | null;
  readAt: string | null;
  /** bot messages: answer buttons, "did you mean" choices, the matched FAQ entry */
  content?: BotContent | null;
}

export interface BotContent {
  buttons?: { label: string; reply?: string; url?: string }[];
  suggestions?: { label: string; faqId: string }[];
  /** 相关问题 offered under an answer */
  related?: { label: string; faqId: string }[];
  faq?: { id: string; question: string };
  feedback?: { faqId: string };
  [key: string]: unknown;
}

export interface MessagesPage {
  items: Message[];
  hasMore: boolean;
}

export interface CannedResponse {
  id: string;
  shortcut: string;
  title: string;
  body: string;
  category: string;
  shared: boolean;
  ownerId: string | null;
  createdAt: string;
}

export interface ContactNote {
  id: string;
  body: string;
  author: { id: string; name: string } | null;
  createdAt: string;
}

export interface AppNotification {
  id: string;
  kind: 'mention' | 'assigned' | string;
  conversationId: string | null;
  messageId: string | null;
  actor: { id: string; name: string } | null;
  createdAt: string;
  readAt: string | null;
}

export type FieldMode = 'off' | 'optional' | 'required';

export interface WebsiteSettings {
  brandColor: string;
  position: 'right' | 'left';
  title: string;
  greeting: string;
  avatarUrl: string;
  language: 'auto' | 'zh-CN' | 'en';
  preChatForm: { name: FieldMode; phone: FieldMode; email: FieldMode };
  allowedDomains: string[];
  officeHours: { enabled: boolean; offlineMessage: string };
  enforceIdentity: boolean;
  /** also shown on the workspace's public help center */
  helpCenter: boolean;
  bot: BotSettings;
}

export interface Inbox {
  id: string;
  publicId: string;
  name: string;
  channel: 'website' | 'email' | 'api' | 'wechat';
  settings: Partial<WebsiteSettings> & Record<string, unknown>;
  createdAt: string;
}

export interface SearchResult {
  conversations: {
    conversation: Conversation;
    message: { id: string; snippet: string; highlights: [number, number][]; createdAt: string };
  }[];
  contacts: { id: string; name: string; email: string | null; phone: string | null }[];
}

export interface ConversationFilters {
  view: View;
  status: ConversationStatus | '';
  inboxId: string;
  label: string;
  q: string;
}

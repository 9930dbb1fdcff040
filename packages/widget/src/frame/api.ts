import type { Locale } from '../protocol.js';
// The widget's HTTP client. The frame is served by the Kefu server, so requests are same-origin.

export interface Attachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  url: string;
}
export interface Sender {
  id: string;
  name: string;
  avatarUrl: string | null;
}
export interface Message {
  id: string;
  conversationId: string;
  clientId: string | null;
  senderType: 'contact' | 'agent' | 'bot' | 'system';
  sender: Sender | null;
  private: boolean;
  body: string;
  attachments: Attachment[];
  createdAt: string;
  deliveredAt?: string | null;
  readAt?: string | null;
  content?: MessageContent | null;
}
export interface MessageContent {
  buttons?: { label: string; reply?: string; url?: string }[];
  suggestions?: { label: string; faqId: string }[];
  /** 相关问题 under an answer. */
  related?: { label: string; faqId: string }[];
  feedback?: { faqId: string };
  /** Sources of an AI answer. */
  citations?: { n: number; title: string; url: string | null }[];
}
export interface Conversation {
  id: string;
  number: number;
  status: string;
  assignee: { id: string; name: string; avatarUrl?: string | null } | null;
  createdAt: string;
}
export interface Contact {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
}
export type FormRule = 'off' | 'optional' | 'required';
export interface InboxConfig {
  publicId: string;
  name: string;
  title: string;
  greeting: string;
  brandColor: string;
  position: 'left' | 'right';
  avatarUrl: string | null;
  language: 'auto' | 'zh-CN' | 'en';
  preChatForm: { name: FormRule; phone: FormRule; email: FormRule };
  online: boolean;
  offlineMessage: string;
  enforceIdentity: boolean;
  /** Set when the inbox's bot is on: how its messages are signed. */
  bot: {
    name: string;
    avatarUrl: string | null;
    /** 「猜你想问」: questions to offer before the visitor types, with their language. */
    suggested?: { faqId: string; label: string; locale: Locale }[];
    /** 输入联想: offer knowledge-base questions while the visitor types. */
    typeahead?: boolean;
  } | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
  /** Worth trying again later: the network, the server's hiccups, rate limits. */
  get transient() {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

export class WidgetApi {
  token: string | null = null;
  constructor(private readonly hostOrigin: string) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { 'x-kefu-origin': this.hostOrigin };
    if (this.token) headers['x-visitor-token'] = this.token;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let res: Response;
    try {
      res = await fetch(`/api/v1/widget${path}`, { method, headers, body: payload });
    } catch {
      throw new ApiError(0, 'network', 'network error');
    }
    if (res.status === 204) return undefined as T;
    const data = (await res.json().catch(() => null)) as
      (T & { error?: { code: string; message: string; details?: { field?: string }[] } }) | null;
    if (!res.ok || !data) {
      const error = data?.error;
      throw new ApiError(
        res.status,
        error?.code ?? 'http_error',
        error?.message ?? res.statusText,
        error?.details?.[0]?.field,
      );
    }
    return data;
  }
}

import { io, type Socket } from 'socket.io-client';
import type { FromFrame, IdentifyInput, Locale, PageInfo } from '../protocol.js';
import {
  ApiError,
  WidgetApi,
  type Attachment,
  type Contact,
  type Conversation,
  type InboxConfig,
  type Message,
} from './api.js';
import { browserLocale, pickLocale, translate } from './i18n.js';
import { Outbox, type OutboxItem } from './outbox.js';
import { WidgetStorage } from './storage.js';

export type MessageStatus = 'sending' | 'sent' | 'read' | 'failed';
export interface ChatMessage extends Message {
  status: MessageStatus;
  error?: string;
}

export interface ChatState {
  phase: 'loading' | 'ready' | 'error';
  locale: Locale;
  config: InboxConfig | null;
  contact: Contact | null;
  conversation: Conversation | null;
  messages: ChatMessage[];
  hasMore: boolean;
  connected: boolean;
  /** Name of the agent typing right now. */
  agentTyping: string | null;
  open: boolean;
  prechatNeeded: boolean;
  agent: { name: string; avatarUrl: string | null } | null;
}

interface Envelope {
  seq: number;
  name: string;
  payload: Record<string, unknown>;
}

const TYPING_IDLE_MS = 3000;
const TYPING_SHOWN_MS = 8000;

/** Everything the chat frame knows and does, apart from drawing it. */
export class Chat {
  state: ChatState;
  private readonly api: WidgetApi;
  private readonly storage: WidgetStorage;
  private readonly outbox: Outbox;
  private readonly listeners = new Set<() => void>();
  private socket: Socket | null = null;
  private lastSeq: number | null = null;
  private page: PageInfo = { url: '', title: '', referrer: '' };
  private typingSent = false;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private agentTypingTimer: ReturnType<typeof setTimeout> | undefined;
  private readTimer: ReturnType<typeof setTimeout> | undefined;
  private localeChosen: Locale | null;
  private lastUnread = -1;

  constructor(
    readonly inbox: string,
    hostOrigin: string,
    private readonly toLoader: (message: FromFrame) => void,
  ) {
    this.api = new WidgetApi(hostOrigin);
    this.storage = new WidgetStorage(inbox);
    this.localeChosen = this.storage.get<Locale | null>('locale', null);
    this.outbox = new Outbox(
      this.api,
      this.storage,
      () => this.page,
      (message, conversation) => {
        this.upsert(message);
        this.set({ conversation });
      },
      () => this.emit(),
    );
    this.state = {
      phase: 'loading',
      locale: this.localeChosen ?? browserLocale(),
      config: null,
      contact: null,
      conversation: null,
      messages: [],
      hasMore: false,
      connected: false,
      agentTyping: null,
      open: false,
      prechatNeeded: false,
      agent: null,
    };
    window.addEventListener('online', () => this.outbox.kick());
    document.addEventListener('visibilitychange', () => this.markReadSoon());
  }

  subscribe(fn: () => void) {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  }

  private set(patch: Partial<ChatState>) {
    this.state = { ...this.state, ...patch };
    this.emit();
  }

  private emit() {
    for (const fn of this.listeners) fn();
    const unread = this.unreadCount();
    if (unread !== this.lastUnread) {
      this.lastUnread = unread;
      this.toLoader({ kefu: 1, type: 'unread', count: unread });
    }
  }

  t = (key: Parameters<typeof translate>[1], vars?: Record<string, string>) =>
    translate(this.state.locale, key, vars);

  /** What the visitor sees: confirmed messages, then what is still on its way, in the order written. */
  visibleMessages(): ChatMessage[] {
    const known = new Set(this.state.messages.map((m) => m.clientId).filter(Boolean));
    const pending = this.outbox.items
      .filter((item) => !known.has(item.clientId))
      .map((item) => this.pendingMessage(item));
    return [...this.state.messages, ...pending];
  }

  private pendingMessage(item: OutboxItem): ChatMessage {
    return {
      id: `local-${item.clientId}`,
      conversationId: this.state.conversation?.id ?? '',
      clientId: item.clientId,
      senderType: 'contact',
      sender: null,
      private: false,
      body: item.body,
      attachments: item.attachments,
      createdAt: item.createdAt,
      status: item.failed ? 'failed' : 'sending',
      error: item.failed,
    };
  }

  unreadCount() {
    return this.state.messages.filter((m) => m.senderType !== 'contact' && !m.readAt).length;
  }

  // ---- start-up ------------------------------------------------------------------------------------------

  async start(init: { page: PageInfo; locale?: Locale; open: boolean }) {
    this.page = init.page;
    if (init.locale && !this.localeChosen) this.localeChosen = pickLocale(init.locale);
    this.state.open = init.open;
    try {
      const { inbox: config } = await this.api.request<{ inbox: InboxConfig }>(
        'GET',
        `/inboxes/${encodeURIComponent(this.inbox)}/config`,
      );
      const locale = this.localeChosen ?? (config.language === 'auto' ? browserLocale() : config.language);
      this.set({ config, locale });
      await this.startSession();
      this.announce();
      this.connect();
      void this.outbox.flush();
    } catch (error) {
      if (error instanceof ApiError && (error.status === 403 || error.status === 404)) {
        this.toLoader({ kefu: 1, type: 'disabled', reason: error.code });
      }
      this.set({ phase: 'error' });
    }
  }

  private async startSession() {
    const session = await this.api.request<{
      visitorToken: string;
      contact: Contact;
      conversation: Conversation | null;
    }>('POST', `/inboxes/${encodeURIComponent(this.inbox)}/sessions`, {
      visitorToken: this.storage.get<string | null>('token', null) ?? undefined,
      locale: this.state.locale,
      page: this.page,
      browser: navigator.userAgent.slice(0, 500),
      language: navigator.language,
    });
    this.api.token = session.visitorToken;
    this.storage.set('token', session.visitorToken);
    const form = this.state.config!.preChatForm;
    const asks = Object.values(form).some((rule) => rule !== 'off');
    const missing =
      (form.name === 'required' && !session.contact.name) ||
      (form.email === 'required' && !session.contact.email) ||
      (form.phone === 'required' && !session.contact.phone);
    this.set({
      contact: session.contact,
      conversation: session.conversation,
      agent: session.conversation?.assignee
        ? { name: session.conversation.assignee.name, avatarUrl: null }
        : null,
      prechatNeeded: asks && !session.conversation && (missing || !this.storage.get('prechatDone', false)),
      phase: 'ready',
    });
  }

  /** Tells the loader to show the launcher, in the inbox's colours and the visitor's language. */
  private announce() {
    const config = this.state.config!;
    this.toLoader({
      kefu: 1,
      type: 'ready',
      position: config.position,
      brandColor: config.brandColor,
      labels: { open: this.t('open'), close: this.t('close'), unread: this.t('unread') },
    });
  }

  // ---- realtime ------------------------------------------------------------------------------------------

  private connect() {
    this.socket?.disconnect();
    const socket = io(location.origin, { auth: { visitorToken: this.api.token } });
    this.socket = socket;
    socket.on('connect', () => {
      this.set({ connected: true });
      socket.emit('resume', { lastSeq: this.lastSeq ?? -1 }, (reply: unknown) => void this.resumed(reply));
      this.outbox.kick();
    });
    socket.on('disconnect', () => this.set({ connected: false, agentTyping: null }));
    socket.on('event', (event: Envelope) => this.apply(event));
    socket.on('typing', (payload: { senderType?: string; name?: string; typing?: boolean }) => {
      if (payload?.senderType === 'contact') return;
      clearTimeout(this.agentTypingTimer);
      if (payload?.typing) {
        this.set({ agentTyping: payload.name || this.t('agentFallback') });
        this.agentTypingTimer = setTimeout(() => this.set({ agentTyping: null }), TYPING_SHOWN_MS);
      } else this.set({ agentTyping: null });
    });
  }

  /** After (re)connecting: replay what was missed, or reload when the gap is too long to replay. */
  private async resumed(reply: unknown) {
    const r = reply as { events?: Envelope[]; seq?: number; truncated?: boolean; error?: string } | undefined;
    const first = this.lastSeq === null;
    if (!r || r.error || first || r.truncated) {
      if (typeof r?.seq === 'number') this.lastSeq = Math.max(this.lastSeq ?? -1, r.seq);
      await this.loadMessages().catch(() => undefined);
      return;
    }
    for (const event of r.events ?? []) this.apply(event);
  }

  private apply(event: Envelope) {
    if (typeof event?.seq === 'number') this.lastSeq = Math.max(this.lastSeq ?? -1, event.seq);
    const p = event.payload ?? {};
    switch (event.name) {
      case 'message.created': {
        const message = p.message as Message;
        if (!message || message.private) return;
        const isNew = !this.state.messages.some((m) => m.id === message.id);
        if (message.senderType !== 'contact') {
          clearTimeout(this.agentTypingTimer);
          this.state.agentTyping = null;
          if (message.sender && message.senderType === 'agent')
            this.state.agent = { name: message.sender.name, avatarUrl: message.sender.avatarUrl };
        }
        this.upsert(message);
        if (isNew && message.senderType !== 'contact') {
          this.toLoader({
            kefu: 1,
            type: 'emit',
            name: 'message',
            data: { id: message.id, body: message.body, sender: message.sender?.name ?? null },
          });
          this.markReadSoon();
        }
        return;
      }
      case 'message.read': {
        if (p.reader !== 'agent' || typeof p.readAt !== 'string') return;
        const readAt = p.readAt;
        this.set({
          messages: this.state.messages.map((m) =>
            m.senderType === 'contact' && m.createdAt <= readAt ? { ...m, readAt, status: 'read' } : m,
          ),
        });
        return;
      }
      case 'conversation.updated':
        if (this.state.conversation && typeof p.status === 'string')
          this.set({ conversation: { ...this.state.conversation, status: p.status } });
        return;
      case 'conversation.assigned': {
        const assignee = p.assignee as { name: string; avatarUrl?: string | null } | null;
        this.set({ agent: assignee ? { name: assignee.name, avatarUrl: assignee.avatarUrl ?? null } : null });
        return;
      }
    }
  }

  private upsert(message: Message) {
    const status: MessageStatus = message.senderType === 'contact' && message.readAt ? 'read' : 'sent';
    const next: ChatMessage = { ...message, status };
    const others = this.state.messages.filter(
      (m) => m.id !== message.id && !(message.clientId && m.clientId === message.clientId),
    );
    const existing = this.state.messages.find((m) => m.id === message.id);
    if (existing?.readAt && !next.readAt) {
      next.readAt = existing.readAt;
      next.status = existing.status;
    }
    others.push(next);
    others.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
    this.set({ messages: others });
  }

  async loadMessages() {
    const page = await this.api.request<{
      items: Message[];
      hasMore: boolean;
      conversation: Conversation | null;
    }>('GET', '/messages?limit=50');
    const fresh = page.items.map<ChatMessage>((m) => ({
      ...m,
      status: m.senderType === 'contact' && m.readAt ? 'read' : 'sent',
    }));
    const ids = new Set(fresh.map((m) => m.id));
    // live events and sends that raced the page stay; anything older is what the page replaced
    const cutoff = fresh.length ? fresh[fresh.length - 1].createdAt : '';
    const newer = this.state.messages.filter((m) => !ids.has(m.id) && m.createdAt > cutoff);
    const lastAssigned = page.conversation?.assignee;
    this.set({
      messages: [...fresh, ...newer],
      hasMore: page.hasMore,
      conversation: page.conversation ?? this.state.conversation,
      agent: this.state.agent ?? (lastAssigned ? { name: lastAssigned.name, avatarUrl: null } : null),
    });
    this.markReadSoon();
  }

  async loadEarlier() {
    const oldest = this.state.messages[0];
    if (!oldest) return;
    const page = await this.api.request<{ items: Message[]; hasMore: boolean }>(
      'GET',
      `/messages?limit=50&before=${encodeURIComponent(oldest.id)}`,
    );
    const ids = new Set(this.state.messages.map((m) => m.id));
    const older = page.items
      .filter((m) => !ids.has(m.id))
      .map<ChatMessage>((m) => ({ ...m, status: m.senderType === 'contact' && m.readAt ? 'read' : 'sent' }));
    this.set({ messages: [...older, ...this.state.messages], hasMore: page.hasMore });
  }

  // ---- the visitor's actions -----------------------------------------------------------------------------

  send(body: string, attachments: Attachment[] = []) {
    const text = body.trim();
    if (!text && attachments.length === 0) return;
    this.typing(false);
    this.outbox.add(text, attachments);
  }

  retry(clientId: string) {
    this.outbox.retry(clientId);
  }

  /** 输入联想: knowledge-base questions for what the visitor has typed so far (none when the bot's typeahead is off). */
  async typeahead(q: string): Promise<{ id: string; label: string }[]> {
    if (!this.state.config?.bot?.typeahead || !this.api.token) return [];
    const res = await this.api.request<{ items: { id: string; label: string }[] }>(
      'GET',
      `/bot/typeahead?q=${encodeURIComponent(q.slice(0, 100))}`,
    );
    return res.items;
  }

  /** "Solved" / "not solved" on one of the bot's answers; remembered so the question is asked once. */
  async botFeedback(messageId: string, solved: boolean) {
    const given = this.storage.get<Record<string, boolean>>('feedback', {});
    given[messageId] = solved;
    this.storage.set('feedback', given);
    this.emit();
    await this.api.request('POST', '/bot/feedback', { messageId, solved });
  }

  feedbackGiven(messageId: string): boolean | undefined {
    return this.storage.get<Record<string, boolean>>('feedback', {})[messageId];
  }

  async upload(file: File): Promise<Attachment> {
    const form = new FormData();
    form.append('file', file, file.name);
    const { attachment } = await this.api.request<{ attachment: Attachment }>('POST', '/attachments', form);
    return attachment;
  }

  /** Called on every keystroke; tells the agent "typing" once, and "stopped" after a pause. */
  typing(active: boolean) {
    clearTimeout(this.typingTimer);
    if (active) this.typingTimer = setTimeout(() => this.typing(false), TYPING_IDLE_MS);
    if (active === this.typingSent) return;
    this.typingSent = active;
    this.socket?.emit('typing', { typing: active });
  }

  async submitPrechat(input: { name?: string; email?: string; phone?: string }) {
    const { contact } = await this.api.request<{ contact: Contact }>('POST', '/prechat', input);
    this.storage.set('prechatDone', true);
    this.set({ contact, prechatNeeded: false });
  }

  async leaveEmail(email: string) {
    const { contact } = await this.api.request<{ contact: Contact }>('POST', '/prechat', { email });
    this.set({ contact });
  }

  async identify(input: IdentifyInput) {
    const result = await this.api.request<{ contact: Contact; contactChanged: boolean }>(
      'POST',
      '/identify',
      input,
    );
    this.set({ contact: result.contact, prechatNeeded: false });
    if (result.contactChanged) {
      // the visitor now belongs to a known contact: its room and history are that contact's
      this.lastSeq = null;
      this.set({ messages: [], conversation: null });
      this.connect();
    }
    return { contact: result.contact };
  }

  setLocale(locale: Locale) {
    this.localeChosen = pickLocale(locale);
    this.storage.set('locale', this.localeChosen);
    this.set({ locale: this.localeChosen });
    if (this.state.config) this.announce();
    return { locale: this.localeChosen };
  }

  setPage(page: PageInfo) {
    this.page = page;
  }

  setOpen(open: boolean) {
    this.set({ open });
    this.markReadSoon();
  }

  requestOpen(open: boolean) {
    this.toLoader({ kefu: 1, type: 'request', open });
  }

  /** The visitor sees the agent's messages once the panel is open on a visible page: tell the server. */
  private markReadSoon() {
    clearTimeout(this.readTimer);
    this.readTimer = setTimeout(() => {
      if (!this.state.open || document.visibilityState !== 'visible' || this.unreadCount() === 0) return;
      const now = new Date().toISOString();
      this.set({
        messages: this.state.messages.map((m) =>
          m.senderType !== 'contact' && !m.readAt ? { ...m, readAt: now } : m,
        ),
      });
      void this.api.request('POST', '/read', {}).catch(() => undefined);
    }, 300);
  }
}

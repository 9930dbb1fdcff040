import { ApiError, type Attachment, type Conversation, type Message, type WidgetApi } from './api.js';
import type { WidgetStorage } from './storage.js';
import { uuid } from './uuid.js';

export interface OutboxItem {
  clientId: string;
  body: string;
  attachments: Attachment[];
  createdAt: string;
  failed?: string;
}

export interface PageContext {
  url?: string;
  title?: string;
  referrer?: string;
}

const MAX_DELAY = 10_000;

/**
 * Messages the visitor wrote that the server has not confirmed yet. Kept in storage, so a reload or a lost
 * connection loses nothing; sent one at a time, in order, each with its client id, so a retry of a message
 * the server already has is answered with that message instead of a second copy (exactly once).
 */
export class Outbox {
  items: OutboxItem[];
  private sending = false;
  private delay = 1000;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly api: WidgetApi,
    private readonly storage: WidgetStorage,
    private readonly page: () => PageContext,
    private readonly onSent: (message: Message, conversation: Conversation) => void,
    private readonly onChange: () => void,
  ) {
    this.items = storage.get<OutboxItem[]>('outbox', []);
  }

  add(body: string, attachments: Attachment[] = []) {
    const item: OutboxItem = {
      clientId: uuid(),
      body,
      attachments,
      createdAt: new Date().toISOString(),
    };
    this.items.push(item);
    this.save();
    void this.flush();
    return item;
  }

  retry(clientId: string) {
    const item = this.items.find((i) => i.clientId === clientId);
    if (item) delete item.failed;
    this.save();
    this.kick();
  }

  /** Try now (back online, socket reconnected) instead of waiting for the backoff. */
  kick() {
    clearTimeout(this.timer);
    this.delay = 1000;
    void this.flush();
  }

  async flush(): Promise<void> {
    if (this.sending || !this.api.token) return;
    this.sending = true;
    try {
      for (;;) {
        const item = this.items.find((i) => !i.failed);
        if (!item) return;
        try {
          const { message, conversation } = await this.api.request<{
            message: Message;
            conversation: Conversation;
          }>('POST', '/messages', {
            clientId: item.clientId,
            body: item.body || undefined,
            attachmentIds: item.attachments.length ? item.attachments.map((a) => a.id) : undefined,
            page: this.page(),
          });
          this.items = this.items.filter((i) => i.clientId !== item.clientId);
          this.save();
          this.delay = 1000;
          this.onSent(message, conversation);
        } catch (error) {
          if (error instanceof ApiError && !error.transient) {
            item.failed = error.message;
            this.save();
            continue;
          }
          clearTimeout(this.timer);
          this.timer = setTimeout(() => void this.flush(), this.delay);
          this.delay = Math.min(this.delay * 2, MAX_DELAY);
          return;
        }
      }
    } finally {
      this.sending = false;
    }
  }

  private save() {
    this.storage.set('outbox', this.items);
    this.onChange();
  }
}

// Messages the agent sent that the server has not confirmed yet. Kept in order (and in localStorage, so a
// reload does not lose them) and retried on reconnect; the server de-duplicates by clientId.
import type { QueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../api';
import { patchConversation, previewOf, upsertMessage } from './api';
import type { Attachment, Message } from './types';

export interface PendingMessage {
  clientId: string;
  conversationId: string;
  body: string;
  private: boolean;
  mentions: string[];
  attachments: Attachment[];
  createdAt: string;
  state: 'queued' | 'sending' | 'failed';
  error?: string;
}

const STORAGE_KEY = 'kefu.outbox';
type Listener = () => void;

let queue: PendingMessage[] = load();
const listeners = new Set<Listener>();
let flushing = false;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let client: QueryClient | null = null;

function load(): PendingMessage[] {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    const items = raw ? (JSON.parse(raw) as PendingMessage[]) : [];
    return Array.isArray(items)
      ? items.map((m) => ({ ...m, state: m.state === 'failed' ? 'failed' : 'queued' }))
      : [];
  } catch {
    return [];
  }
}

function save() {
  try {
    if (queue.length) localStorage.setItem(STORAGE_KEY, JSON.stringify(queue));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // storage full or unavailable: the queue still lives in memory
  }
}

function set(next: PendingMessage[]) {
  queue = next;
  save();
  for (const l of listeners) l();
}

function update(clientId: string, patch: Partial<PendingMessage>) {
  set(queue.map((m) => (m.clientId === clientId ? { ...m, ...patch } : m)));
}

export const outbox = {
  subscribe(l: Listener) {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  snapshot: () => queue,
  /** Binds the query cache (once, from the realtime provider) so confirmed messages land in the thread. */
  bind(qc: QueryClient) {
    client = qc;
  },
  add(message: Omit<PendingMessage, 'state' | 'createdAt'>) {
    set([...queue, { ...message, state: 'queued', createdAt: new Date().toISOString() }]);
    void outbox.flush();
  },
  retry(clientId: string) {
    update(clientId, { state: 'queued', error: undefined });
    void outbox.flush();
  },
  discard(clientId: string) {
    set(queue.filter((m) => m.clientId !== clientId));
  },
  /** Sends queued messages one by one, in order; stops at the first network failure and retries later. */
  async flush(): Promise<void> {
    if (flushing) return;
    flushing = true;
    clearTimeout(retryTimer);
    try {
      for (;;) {
        const next = queue.find((m) => m.state === 'queued');
        if (!next) break;
        update(next.clientId, { state: 'sending' });
        try {
          const { message } = await api.post<{ message: Message }>(
            `/conversations/${next.conversationId}/messages`,
            {
              clientId: next.clientId,
              body: next.body || undefined,
              private: next.private,
              mentions: next.mentions.length ? next.mentions : undefined,
              attachmentIds: next.attachments.length ? next.attachments.map((a) => a.id) : undefined,
            },
          );
          if (client) {
            upsertMessage(client, message);
            if (!message.private) {
              patchConversation(client, message.conversationId, (c) => ({
                ...c,
                lastMessage: previewOf(message),
                lastMessageAt: message.createdAt,
              }));
            }
          }
          set(queue.filter((m) => m.clientId !== next.clientId));
        } catch (e) {
          const transient =
            e instanceof ApiError &&
            (e.status === 0 || e.status >= 500 || e.status === 429 || e.status === 408);
          if (transient) {
            update(next.clientId, { state: 'queued' });
            retryTimer = setTimeout(() => void outbox.flush(), 5_000);
            break;
          }
          update(next.clientId, {
            state: 'failed',
            error: e instanceof ApiError ? e.code : 'unknown',
          });
        }
      }
    } finally {
      flushing = false;
    }
  },
};

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => void outbox.flush());
}

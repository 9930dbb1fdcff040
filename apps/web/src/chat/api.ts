import { useInfiniteQuery, useQuery, type QueryClient } from '@tanstack/react-query';
import { ApiError, api, getAll, getPage, loadCsrfToken, type Page } from '../api';
import type {
  AppNotification,
  Attachment,
  CannedResponse,
  Contact,
  ContactNote,
  Conversation,
  ConversationFilters,
  Inbox,
  Message,
  MessagesPage,
} from './types';

export const keys = {
  conversations: ['conversations'] as const,
  conversationList: (f: ConversationFilters) => ['conversations', 'list', f] as const,
  conversation: (id: string) => ['conversation', id] as const,
  messages: (id: string) => ['messages', id] as const,
  contact: (id: string) => ['contact', id] as const,
  contactConversations: (id: string) => ['contact', id, 'conversations'] as const,
  contactNotes: (id: string) => ['contact', id, 'notes'] as const,
  canned: ['canned'] as const,
  inboxes: ['inboxes'] as const,
  notifications: ['notifications'] as const,
  unread: ['unread'] as const,
};

export function conversationsPath(f: ConversationFilters): string {
  const qs = new URLSearchParams({ view: f.view });
  if (f.status) qs.set('status', f.status);
  if (f.inboxId) qs.set('inboxId', f.inboxId);
  if (f.label.trim()) qs.set('label', f.label.trim());
  if (f.q.trim()) qs.set('q', f.q.trim());
  return `/conversations?${qs.toString()}`;
}

export function useConversationList(f: ConversationFilters) {
  const query = useInfiniteQuery({
    queryKey: keys.conversationList(f),
    queryFn: ({ pageParam }) => getPage<Conversation>(conversationsPath(f), pageParam, 50),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 5_000,
  });
  const seen = new Set<string>();
  const items = (query.data?.pages.flatMap((p) => p.items) ?? []).filter((c) =>
    seen.has(c.id) ? false : (seen.add(c.id), true),
  );
  items.sort((a, b) => (b.lastMessageAt ?? '').localeCompare(a.lastMessageAt ?? ''));
  return { ...query, items };
}

export function useConversation(id: string | undefined) {
  return useQuery({
    queryKey: keys.conversation(id ?? ''),
    queryFn: () => api.get<{ conversation: Conversation; contact: Contact }>(`/conversations/${id}`),
    enabled: !!id,
  });
}

export function useMessages(id: string | undefined) {
  return useQuery({
    queryKey: keys.messages(id ?? ''),
    queryFn: () => api.get<MessagesPage>(`/conversations/${id}/messages?limit=50`),
    enabled: !!id,
    staleTime: 30_000,
  });
}

export function useContact(id: string | undefined) {
  return useQuery({
    queryKey: keys.contact(id ?? ''),
    queryFn: () => api.get<{ contact: Contact }>(`/contacts/${id}`).then((r) => r.contact),
    enabled: !!id,
  });
}

export function useContactConversations(id: string | undefined) {
  return useQuery({
    queryKey: keys.contactConversations(id ?? ''),
    queryFn: () => api.get<{ items: Conversation[] }>(`/contacts/${id}/conversations`).then((r) => r.items),
    enabled: !!id,
  });
}

export function useContactNotes(id: string | undefined) {
  return useQuery({
    queryKey: keys.contactNotes(id ?? ''),
    queryFn: () => api.get<{ items: ContactNote[] }>(`/contacts/${id}/notes`).then((r) => r.items),
    enabled: !!id,
  });
}

export function useCanned() {
  return useQuery({
    queryKey: keys.canned,
    queryFn: () => api.get<{ items: CannedResponse[] }>('/canned-responses').then((r) => r.items),
    staleTime: 60_000,
  });
}

export function useInboxes() {
  return useQuery({ queryKey: keys.inboxes, queryFn: () => getAll<Inbox>('/inboxes'), staleTime: 60_000 });
}

export function useNotifications() {
  return useQuery({
    queryKey: keys.notifications,
    queryFn: () => api.get<Page<AppNotification> & { unread: number }>('/notifications?limit=30'),
    staleTime: 30_000,
  });
}

/** Uploads one file (multipart) and returns the stored attachment. */
export async function uploadAttachment(file: File): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  const send = async (token: string | null) =>
    fetch('/api/v1/attachments', {
      method: 'POST',
      credentials: 'same-origin',
      headers: token ? { 'x-csrf-token': token, accept: 'application/json' } : { accept: 'application/json' },
      body: form,
    });
  const token = await loadCsrfToken().catch(() => null);
  let res: Response;
  try {
    res = await send(token);
    if (res.status === 403) res = await send(await loadCsrfToken(true));
  } catch (e) {
    throw new ApiError(0, 'network', e instanceof Error ? e.message : 'network error');
  }
  const body = (await res.json().catch(() => null)) as {
    attachment?: Attachment;
    error?: { code: string; message: string; details?: unknown };
  } | null;
  if (!res.ok || !body?.attachment) {
    throw new ApiError(
      res.status,
      body?.error?.code ?? (res.status === 413 ? 'payload_too_large' : 'http_error'),
      body?.error?.message ?? res.statusText,
      body?.error?.details,
    );
  }
  return body.attachment;
}

type ListData = { pages: Page<Conversation>[]; pageParams: unknown[] };

/** Applies `fn` to a conversation wherever it is cached (lists, detail, contact history). */
export function patchConversation(
  qc: QueryClient,
  id: string,
  fn: (c: Conversation) => Conversation,
): boolean {
  let found = false;
  qc.setQueriesData<ListData>({ queryKey: ['conversations', 'list'] }, (data) => {
    if (!data) return data;
    return {
      ...data,
      pages: data.pages.map((p) => ({
        ...p,
        items: p.items.map((c) => (c.id === id ? ((found = true), fn(c)) : c)),
      })),
    };
  });
  qc.setQueryData<{ conversation: Conversation; contact: Contact }>(keys.conversation(id), (d) =>
    d ? { ...d, conversation: fn(d.conversation) } : d,
  );
  return found;
}

/** A message as the list previews it (the server's `lastMessage`), e.g. after it arrived live. */
export function previewOf(m: Message): NonNullable<Conversation['lastMessage']> {
  const botName = m.senderType === 'bot' ? (m.sender?.name ?? null) : null;
  return { body: m.body, senderType: m.senderType, botName, createdAt: m.createdAt };
}

/** Adds (or replaces, matched by id or clientId) a message in the thread cache. */
export function upsertMessage(qc: QueryClient, message: Message): boolean {
  let added = false;
  qc.setQueryData<MessagesPage>(keys.messages(message.conversationId), (d) => {
    if (!d) return d;
    const i = d.items.findIndex(
      (m) => m.id === message.id || (!!message.clientId && m.clientId === message.clientId),
    );
    if (i >= 0) {
      const items = d.items.slice();
      items[i] = { ...items[i], ...message };
      return { ...d, items };
    }
    added = true;
    const items = [...d.items, message].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return { ...d, items };
  });
  return added;
}

// One resumable realtime connection for the workspace. Events update the TanStack Query caches so every
// view stays live without refetching; typing indicators live in a small store of their own.
import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { notifications } from '@mantine/notifications';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createRealtimeClient, type EventEnvelope } from '@kefu/shared';
import { useAuthed } from '../session';
import i18n from '../i18n';
import { keys, patchConversation, previewOf, upsertMessage } from './api';
import { outbox } from './outbox';
import { alertNewMessage } from './alerts';
import type { Message, MessagesPage } from './types';

type Status = 'connecting' | 'connected' | 'disconnected';

interface TypingEntry {
  name: string;
  until: number;
}

// typing store (conversationId → who is typing)
let typing: Record<string, TypingEntry> = {};
const typingListeners = new Set<() => void>();
function setTyping(conversationId: string, entry: TypingEntry | null) {
  const next = { ...typing };
  if (entry) next[conversationId] = entry;
  else delete next[conversationId];
  typing = next;
  for (const l of typingListeners) l();
}
setInterval(() => {
  const now = Date.now();
  if (Object.values(typing).some((e) => e.until < now)) {
    typing = Object.fromEntries(Object.entries(typing).filter(([, e]) => e.until >= now));
    for (const l of typingListeners) l();
  }
}, 1_000);

/** Name of the contact typing in this conversation, or null. */
export function useContactTyping(conversationId: string | undefined): string | null {
  const all = useSyncExternalStore(
    (l) => {
      typingListeners.add(l);
      return () => typingListeners.delete(l);
    },
    () => typing,
  );
  return conversationId ? (all[conversationId]?.name ?? null) : null;
}

/** The conversation on screen (unread counts and alerts skip it while the tab is visible). */
let activeConversationId: string | null = null;
export function setActiveConversation(id: string | null) {
  activeConversationId = id;
}

interface RealtimeApi {
  status: Status;
  emitTyping: (conversationId: string, typing: boolean) => void;
}

const RealtimeContext = createContext<RealtimeApi>({ status: 'connecting', emitTyping: () => undefined });

export const useRealtime = () => useContext(RealtimeContext);

function handleEvent(qc: QueryClient, event: EventEnvelope, userId: string, invalidateLists: () => void) {
  switch (event.name) {
    case 'message.created': {
      const p = event.payload as EventEnvelope<'message.created'>['payload'];
      const message: Message = {
        deliveredAt: null,
        readAt: null,
        ...(p.message as Partial<Message>),
      } as Message;
      upsertMessage(qc, message);
      const visibleHere = activeConversationId === p.conversationId && document.visibilityState === 'visible';
      const fromContact = message.senderType === 'contact';
      if (fromContact) setTyping(p.conversationId, null);
      const found = patchConversation(qc, p.conversationId, (c) => ({
        ...c,
        lastMessage: message.private ? c.lastMessage : previewOf(message),
        lastMessageAt: message.private ? c.lastMessageAt : message.createdAt,
        unread: fromContact && !visibleHere ? c.unread + 1 : c.unread,
        ...(p.handler ? { handler: p.handler } : {}),
      }));
      // the server's unread counts are authoritative (replayed events must not count twice)
      if (!found || fromContact) invalidateLists();
      if (fromContact) {
        void qc.invalidateQueries({ queryKey: keys.unread });
        const fresh = Date.now() - new Date(message.createdAt).getTime() < 60_000;
        if (fresh && document.visibilityState !== 'visible') {
          alertNewMessage(
            message.sender?.name || i18n.t('chat.visitor'),
            message.body || (message.attachments.length ? i18n.t('chat.attachment') : ''),
            p.conversationId,
          );
        }
      }
      break;
    }
    case 'conversation.created':
      invalidateLists();
      break;
    case 'conversation.updated': {
      const p = event.payload as EventEnvelope<'conversation.updated'>['payload'];
      patchConversation(qc, p.conversationId, (c) => ({
        ...c,
        status: p.status as typeof c.status,
        ...(p.priority ? { priority: p.priority as typeof c.priority } : {}),
        ...(p.labels ? { labels: p.labels } : {}),
        ...(p.snoozedUntil !== undefined ? { snoozedUntil: p.snoozedUntil } : {}),
        // the bot hands a conversation to the humans; nothing hands it back
        ...(p.changes?.includes('handler') ? { handler: 'human' as const } : {}),
      }));
      invalidateLists();
      break;
    }
    case 'conversation.assigned': {
      const p = event.payload as EventEnvelope<'conversation.assigned'>['payload'];
      patchConversation(qc, p.conversationId, (c) => ({
        ...c,
        assignee: p.assignee ? { id: p.assignee.id, name: p.assignee.name } : null,
      }));
      invalidateLists();
      void qc.invalidateQueries({ queryKey: keys.conversation(p.conversationId) });
      break;
    }
    case 'message.read': {
      const p = event.payload as EventEnvelope<'message.read'>['payload'];
      if (p.reader !== 'contact') break;
      qc.setQueryData<MessagesPage>(keys.messages(p.conversationId), (d) =>
        d
          ? {
              ...d,
              items: d.items.map((m) =>
                m.senderType !== 'contact' && !m.readAt && m.createdAt <= p.readAt
                  ? { ...m, readAt: p.readAt, deliveredAt: m.deliveredAt ?? p.readAt }
                  : m,
              ),
            }
          : d,
      );
      break;
    }
    case 'kb.faq.changed':
    case 'kb.article.changed':
    case 'kb.category.changed':
      // someone changed the knowledge base: lists refetch when next shown
      void qc.invalidateQueries({ queryKey: ['kb'], refetchType: 'none' });
      break;
    case 'contact.updated':
    case 'contact.merged': {
      const p = event.payload as { contactId: string };
      void qc.invalidateQueries({ queryKey: keys.contact(p.contactId) });
      void qc.invalidateQueries({ queryKey: ['conversation'] });
      invalidateLists();
      break;
    }
    case 'notification.created': {
      if (!event.rooms.includes(`u:${userId}`) && event.rooms.some((r) => r.startsWith('u:'))) break;
      void qc.invalidateQueries({ queryKey: keys.notifications });
      const p = event.payload as EventEnvelope<'notification.created'>['payload'];
      const conversationId = p.conversationId;
      notifications.show({
        color: 'teal',
        title: i18n.t('notif.title'),
        message: i18n.t(p.kind === 'mention' ? 'notif.toastMention' : 'notif.toastAssigned'),
        style: conversationId ? { cursor: 'pointer' } : undefined,
        onClick: conversationId
          ? () => window.dispatchEvent(new CustomEvent('kefu:open-conversation', { detail: conversationId }))
          : undefined,
      });
      break;
    }
    default:
      break;
  }
}

export function RealtimeProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const { user } = useAuthed();
  const [status, setStatus] = useState<Status>('connecting');
  const socketRef = useRef<ReturnType<typeof createRealtimeClient> | null>(null);

  useEffect(() => {
    outbox.bind(qc);
    const seqKey = `kefu.realtime.lastSeq.${user.id}`;
    let stored: number;
    try {
      stored = Number(sessionStorage.getItem(seqKey) ?? '-1');
    } catch {
      stored = -1;
    }
    let listTimer: ReturnType<typeof setTimeout> | undefined;
    const invalidateLists = () => {
      clearTimeout(listTimer);
      listTimer = setTimeout(() => void qc.invalidateQueries({ queryKey: keys.conversations }), 400);
    };
    const client = createRealtimeClient({
      url: window.location.origin,
      lastSeq: Number.isFinite(stored) ? stored : -1,
      onEvent: (event) => {
        try {
          sessionStorage.setItem(seqKey, String(event.seq));
        } catch {
          // ignore
        }
        handleEvent(qc, event, user.id, invalidateLists);
      },
    });
    socketRef.current = client;
    const { socket } = client;
    let connectedBefore = false;
    socket.on('connect', () => {
      setStatus('connected');
      void outbox.flush();
      // anything that happened while we were away and could not be replayed: refetch what is on screen
      void qc.invalidateQueries({ queryKey: keys.conversations });
      if (connectedBefore) void qc.invalidateQueries({ queryKey: ['messages'] });
      connectedBefore = true;
    });
    socket.on('disconnect', () => setStatus('disconnected'));
    socket.on('connect_error', () => setStatus('disconnected'));
    socket.on(
      'typing',
      (p: { conversationId?: string; senderType?: string; name?: string; typing?: boolean }) => {
        if (!p?.conversationId || p.senderType !== 'contact') return;
        setTyping(
          p.conversationId,
          p.typing ? { name: p.name || i18n.t('chat.visitor'), until: Date.now() + 8_000 } : null,
        );
      },
    );
    return () => {
      clearTimeout(listTimer);
      try {
        sessionStorage.setItem(seqKey, String(client.lastSeq));
      } catch {
        // ignore
      }
      client.close();
      socketRef.current = null;
    };
  }, [qc, user.id]);

  const value = useMemo<RealtimeApi>(
    () => ({
      status,
      emitTyping: (conversationId, isTyping) => {
        socketRef.current?.socket.emit('typing', { conversationId, typing: isTyping });
      },
    }),
    [status],
  );
  return <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>;
}

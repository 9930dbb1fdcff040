import { Alert, Box, Button, Center, Group, Stack, Text } from '@mantine/core';
import { IconBell, IconMessages } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../api';
import { keys, patchConversation, useConversation, useConversationList, useMessages } from '../chat/api';
import { notificationPermission, requestNotificationPermission } from '../chat/alerts';
import { setActiveConversation, useContactTyping } from '../chat/realtime';
import type { ConversationFilters } from '../chat/types';
import { AssistPanel } from '../components/chat/AssistPanel';
import { Composer, type ComposerHandle } from '../components/chat/Composer';
import { ContactPanel } from '../components/chat/ContactPanel';
import { ConversationHeader, useConversationActions } from '../components/chat/ConversationHeader';
import { ConversationList } from '../components/chat/ConversationList';
import { MessageList } from '../components/chat/MessageList';
import { ShortcutsOverlay } from '../components/chat/ShortcutsOverlay';
import { QueryState } from '../components/QueryState';
import { useAuthed } from '../session';
import '../chat/chat.css';

const FILTERS_KEY = 'kefu.conversations.filters';
const DEFAULT_FILTERS: ConversationFilters = { view: 'all', status: 'open', inboxId: '', label: '', q: '' };

function loadFilters(): ConversationFilters {
  try {
    const raw = localStorage.getItem(FILTERS_KEY);
    if (raw) return { ...DEFAULT_FILTERS, ...(JSON.parse(raw) as Partial<ConversationFilters>), q: '' };
  } catch {
    // ignore
  }
  return DEFAULT_FILTERS;
}

function isTypingTarget(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

function NotificationPrompt() {
  const { t } = useTranslation();
  const [state, setState] = useState(() => {
    try {
      return localStorage.getItem('kefu.notify.dismissed') ? 'dismissed' : notificationPermission();
    } catch {
      return notificationPermission();
    }
  });
  if (state !== 'default') return null;
  return (
    <Alert color="teal" variant="light" p="xs" icon={<IconBell size={16} />} data-testid="notify-prompt">
      <Text size="xs">{t('chat.notifyPrompt')}</Text>
      <Group gap={4} mt={4}>
        <Button size="compact-xs" onClick={() => void requestNotificationPermission().then(setState)}>
          {t('chat.notifyEnable')}
        </Button>
        <Button
          size="compact-xs"
          variant="subtle"
          color="gray"
          onClick={() => {
            try {
              localStorage.setItem('kefu.notify.dismissed', '1');
            } catch {
              // ignore
            }
            setState('dismissed');
          }}
        >
          {t('chat.notifyLater')}
        </Button>
      </Group>
    </Alert>
  );
}

function Thread({
  id,
  onShowShortcuts,
  composerRef,
}: {
  id: string;
  onShowShortcuts: () => void;
  composerRef: React.RefObject<ComposerHandle | null>;
}) {
  const { t } = useTranslation();
  const { user } = useAuthed();
  const qc = useQueryClient();
  const detail = useConversation(id);
  const messages = useMessages(id);
  const typingName = useContactTyping(id);
  const conversation = detail.data?.conversation;
  const lastContactMessage = [...(messages.data?.items ?? [])]
    .reverse()
    .find((m) => m.senderType === 'contact')?.id;

  // mark read while open and visible
  useEffect(() => {
    setActiveConversation(id);
    const markRead = () => {
      if (document.visibilityState !== 'visible') return;
      patchConversation(qc, id, (c) => ({ ...c, unread: 0 }));
      void api.post(`/conversations/${id}/read`).then(
        () => qc.invalidateQueries({ queryKey: keys.unread }),
        () => undefined,
      );
    };
    markRead();
    document.addEventListener('visibilitychange', markRead);
    return () => {
      document.removeEventListener('visibilitychange', markRead);
      setActiveConversation(null);
    };
  }, [id, lastContactMessage, qc]);

  if (!detail.data) {
    return (
      <Box p="md">
        <QueryState isPending={detail.isPending} error={detail.error} refetch={detail.refetch} />
      </Box>
    );
  }
  const c = detail.data.conversation;
  return (
    <>
      <Box
        className="kefu-pane"
        style={{ flex: 1, borderRight: '1px solid var(--mantine-color-gray-3)' }}
        data-testid="thread"
      >
        <ConversationHeader conversation={c} onShowShortcuts={onShowShortcuts} />
        <MessageList
          conversationId={id}
          data={messages.data}
          isPending={messages.isPending}
          typingName={typingName}
        />
        <AssistPanel
          conversationId={id}
          lastContactMessageId={lastContactMessage}
          onPick={(answer) => composerRef.current?.insert(answer)}
        />
        <Composer
          conversationId={id}
          handleRef={composerRef}
          vars={{
            contactName: detail.data.contact.name || conversation?.contact.name,
            contactEmail: detail.data.contact.email,
            agentName: user.name,
            conversationNumber: c.number,
          }}
        />
      </Box>
      <Box
        className="kefu-pane"
        w={320}
        visibleFrom="lg"
        style={{ flexShrink: 0 }}
        aria-label={t('contacts.panel')}
      >
        <ContactPanel
          contactId={c.contact.id}
          currentConversationId={c.id}
          pageContext={c.pageContext ?? undefined}
        />
      </Box>
    </>
  );
}

export function ConversationsPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const [filters, setFiltersState] = useState<ConversationFilters>(loadFilters);
  const [helpOpen, setHelpOpen] = useState(false);
  const composerRef = useRef<ComposerHandle | null>(null);
  const list = useConversationList(filters);
  const detail = useConversation(id);
  const actions = useConversationActions(detail.data?.conversation);

  const setFilters = (f: ConversationFilters) => {
    setFiltersState(f);
    try {
      localStorage.setItem(FILTERS_KEY, JSON.stringify({ ...f, q: '' }));
    } catch {
      // ignore
    }
  };

  const select = useCallback((cid: string) => navigate(`/app/conversations/${cid}`), [navigate]);

  const itemsRef = useRef(list.items);
  itemsRef.current = list.items;
  const actionsRef = useRef(actions);
  actionsRef.current = actions;
  const detailRef = useRef(detail.data);
  detailRef.current = detail.data;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Escape') {
        if (isTypingTarget(e.target)) (e.target as HTMLElement).blur();
        return;
      }
      if (isTypingTarget(e.target) || document.querySelector('[role="dialog"]')) return;
      const items = itemsRef.current;
      const index = items.findIndex((c) => c.id === id);
      switch (e.key) {
        case 'j':
        case 'k': {
          if (!items.length) return;
          const next = e.key === 'j' ? Math.min(items.length - 1, index + 1) : Math.max(0, index - 1);
          if (items[next] && items[next].id !== id) select(items[next].id);
          break;
        }
        case 'r':
          composerRef.current?.focus('reply');
          break;
        case 'n':
          composerRef.current?.focus('note');
          break;
        case 'e':
          if (detailRef.current && detailRef.current.conversation.status !== 'resolved')
            actionsRef.current.resolve();
          break;
        case 'a':
          if (detailRef.current) actionsRef.current.takeIt();
          break;
        case '/':
          composerRef.current?.openCanned();
          break;
        case '?':
          setHelpOpen((o) => !o);
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [id, select]);

  return (
    <div className="kefu-workspace" data-testid="conversations-page">
      <Box
        className="kefu-pane"
        w={id ? { base: 0, md: 340 } : { base: '100%', md: 340 }}
        display={id ? { base: 'none', md: 'flex' } : 'flex'}
        style={{ flexShrink: 0, borderRight: '1px solid var(--mantine-color-gray-3)' }}
      >
        <Box px="sm" pt="sm">
          <NotificationPrompt />
        </Box>
        <ConversationList
          filters={filters}
          onFilters={setFilters}
          items={list.items}
          isPending={list.isPending}
          error={list.error}
          refetch={list.refetch}
          hasNextPage={!!list.hasNextPage}
          fetchNextPage={list.fetchNextPage}
          isFetchingNextPage={list.isFetchingNextPage}
          selectedId={id}
          onSelect={select}
        />
      </Box>
      {id ? (
        <Thread key={id} id={id} onShowShortcuts={() => setHelpOpen(true)} composerRef={composerRef} />
      ) : (
        <Center style={{ flex: 1 }} visibleFrom="md">
          <Stack align="center" gap="xs">
            <IconMessages size={48} stroke={1.2} color="var(--mantine-color-gray-5)" />
            <Text c="dimmed">{t('chat.selectConversation')}</Text>
            <Text c="dimmed" size="xs">
              {t('chat.shortcutHint')}
            </Text>
          </Stack>
        </Center>
      )}
      <ShortcutsOverlay opened={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}

import {
  Anchor,
  Avatar,
  Badge,
  Box,
  Button,
  Center,
  Group,
  Image,
  Loader,
  Paper,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import {
  IconAlertCircle,
  IconCheck,
  IconChecks,
  IconClock,
  IconExternalLink,
  IconLock,
  IconPaperclip,
  IconRobot,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import { keys } from '../../chat/api';
import { outbox, type PendingMessage } from '../../chat/outbox';
import { Linkify, clockTime, formatSize, initials } from '../../chat/text';
import { InlineMarkdown } from '../../kb/Markdown';
import type { Attachment, BotContent, Message, MessagesPage } from '../../chat/types';
import { formatDateTime, notifyError } from '../../util';

function Attachments({ items, mine }: { items: Attachment[]; mine: boolean }) {
  if (!items.length) return null;
  return (
    <Stack gap={4} mt={4}>
      {items.map((a) =>
        a.contentType.startsWith('image/') ? (
          <Anchor key={a.id} href={a.url} target="_blank" rel="noopener noreferrer">
            <Image
              src={a.url}
              alt={a.filename}
              w="auto"
              miw={32}
              maw={240}
              mah={240}
              fit="contain"
              radius="sm"
              data-testid="message-image"
            />
          </Anchor>
        ) : (
          <Anchor
            key={a.id}
            href={a.url}
            target="_blank"
            rel="noopener noreferrer"
            size="sm"
            c={mine ? 'white' : undefined}
            underline="always"
            data-testid="message-file"
          >
            <Group gap={4} wrap="nowrap">
              <IconPaperclip size={14} />
              <span>{a.filename}</span>
              <Text span size="xs" opacity={0.8}>
                ({formatSize(a.size)})
              </Text>
            </Group>
          </Anchor>
        ),
      )}
    </Stack>
  );
}

function Ticks({ m }: { m: Message }) {
  const { t } = useTranslation();
  if (m.readAt)
    return (
      <Tooltip label={t('chat.readAt', { time: formatDateTime(m.readAt) })}>
        <IconChecks size={14} color="var(--mantine-color-blue-2)" data-testid="tick-read" />
      </Tooltip>
    );
  if (m.deliveredAt)
    return (
      <Tooltip label={t('chat.delivered')}>
        <IconChecks size={14} data-testid="tick-delivered" />
      </Tooltip>
    );
  return (
    <Tooltip label={t('chat.sent')}>
      <IconCheck size={14} data-testid="tick-sent" />
    </Tooltip>
  );
}

/** What the bot attached to its message (read-only here): buttons, "did you mean" choices, the FAQ entry. */
function BotExtras({ content }: { content: BotContent }) {
  const { t, i18n } = useTranslation();
  const buttons = Array.isArray(content.buttons) ? content.buttons : [];
  const suggestions = Array.isArray(content.suggestions) ? content.suggestions : [];
  const related = Array.isArray(content.related) ? content.related : [];
  const faq = content.faq && typeof content.faq.question === 'string' ? content.faq : null;
  if (!buttons.length && !suggestions.length && !related.length && !faq) return null;
  return (
    <Stack gap={4} mt={6} data-testid="bot-content">
      {suggestions.length > 0 && (
        <Stack gap={2} data-testid="bot-suggestions">
          {suggestions.map((sg, i) => (
            <Paper key={`${sg.faqId}-${i}`} withBorder px={8} py={2} radius="sm" bg="white">
              <Text size="xs">{sg.label}</Text>
            </Paper>
          ))}
        </Stack>
      )}
      {related.length > 0 && (
        <Text size="xs" c="dimmed" data-testid="bot-related">
          {t('chat.botRelated')}
          {related.map((r) => r.label).join(i18n.language === 'en' ? ' · ' : '、')}
        </Text>
      )}
      {buttons.length > 0 && (
        <Group gap={4} data-testid="bot-buttons">
          {buttons.map((b, i) => (
            <Tooltip
              key={`${b.label}-${i}`}
              label={b.url ? b.url : t('chat.botButtonReply', { reply: b.reply || b.label })}
              multiline
              maw={280}
            >
              <Badge
                variant="outline"
                color="blue"
                radius="sm"
                tt="none"
                rightSection={b.url ? <IconExternalLink size={10} /> : undefined}
                style={{ background: 'var(--mantine-color-white)' }}
              >
                {b.label}
              </Badge>
            </Tooltip>
          ))}
        </Group>
      )}
      {faq && (
        <Text size="xs" c="dimmed" data-testid="bot-faq">
          {t('chat.botMatched')}{' '}
          <Anchor component={Link} to={`/app/kb?faq=${encodeURIComponent(faq.id)}`} size="xs" inherit>
            {faq.question}
          </Anchor>
        </Text>
      )}
    </Stack>
  );
}

function MessageItem({ m }: { m: Message }) {
  const { t } = useTranslation();
  if (m.senderType === 'system' && m.private) {
    // a note from the system for the team, e.g. the bot's handoff: why, and what the customer asked
    return (
      <Center data-testid="thread-message" data-sender="system" data-private data-message-id={m.id}>
        <Paper
          withBorder
          px="sm"
          py={6}
          radius="md"
          maw="85%"
          style={{
            background: 'var(--mantine-color-orange-0)',
            borderColor: 'var(--mantine-color-orange-3)',
          }}
          data-testid="system-note"
        >
          <Group gap={6} mb={2} wrap="nowrap">
            <IconRobot size={14} color="var(--mantine-color-orange-7)" />
            <Text size="xs" fw={600} c="orange.8">
              {t('chat.systemNote')}
            </Text>
            <Text size="10px" c="dimmed">
              {clockTime(m.createdAt)}
            </Text>
          </Group>
          <Text
            size="sm"
            style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
            data-testid="message-body"
          >
            <Linkify text={m.body} />
          </Text>
        </Paper>
      </Center>
    );
  }
  if (m.senderType === 'system') {
    return (
      <Center data-testid="thread-message" data-sender="system" data-message-id={m.id}>
        <Text size="xs" c="dimmed" ta="center" maw="80%" style={{ whiteSpace: 'pre-wrap' }}>
          <Linkify text={m.body} /> · {clockTime(m.createdAt)}
        </Text>
      </Center>
    );
  }
  const mine = m.senderType === 'agent' || m.private;
  const note = m.private;
  const bot = m.senderType === 'bot';
  const bg = note
    ? 'var(--mantine-color-yellow-1)'
    : m.senderType === 'agent'
      ? 'var(--mantine-color-teal-7)'
      : bot
        ? 'var(--mantine-color-blue-0)'
        : 'var(--mantine-color-white)';
  const fg = m.senderType === 'agent' && !note ? 'white' : undefined;
  const name = m.sender?.name || (m.senderType === 'contact' ? t('chat.visitor') : t('chat.bot'));
  return (
    <Group
      justify={mine ? 'flex-end' : 'flex-start'}
      align="flex-end"
      gap={6}
      wrap="nowrap"
      data-testid="thread-message"
      data-sender={note ? 'note' : m.senderType}
      data-private={note || undefined}
      data-message-id={m.id}
      data-client-id={m.clientId}
    >
      {!mine && (
        <Avatar size={28} radius="xl" color={bot ? 'blue' : 'gray'}>
          {bot ? <IconRobot size={16} /> : initials(name)}
        </Avatar>
      )}
      <Box maw="75%">
        <Group gap={6} justify={mine ? 'flex-end' : 'flex-start'} mb={2}>
          {note && <IconLock size={12} color="var(--mantine-color-yellow-8)" />}
          <Text size="xs" c="dimmed">
            {note ? t('chat.privateNoteBy', { name }) : name}
          </Text>
          {bot && name !== t('chat.bot') && (
            <Badge size="xs" variant="light" color="blue" data-testid="bot-label">
              {t('chat.botBadge')}
            </Badge>
          )}
        </Group>
        <Paper
          px="sm"
          py={6}
          radius="md"
          shadow={m.senderType === 'contact' ? 'xs' : undefined}
          withBorder={note || m.senderType === 'contact'}
          style={{
            background: bg,
            color: fg,
            borderColor: note ? 'var(--mantine-color-yellow-4)' : undefined,
            borderStyle: note ? 'dashed' : undefined,
          }}
        >
          {m.body && (
            <Text
              size="sm"
              style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
              c={fg}
              data-testid="message-body"
            >
              {/* knowledge-base answers are Markdown: show them as the customer saw them */}
              {bot ? <InlineMarkdown text={m.body} /> : <Linkify text={m.body} />}
            </Text>
          )}
          <Attachments items={m.attachments} mine={!!fg} />
          {bot && m.content && <BotExtras content={m.content} />}
          <Group gap={4} justify="flex-end" mt={2} c={fg ? 'teal.1' : 'dimmed'}>
            <Tooltip label={formatDateTime(m.createdAt)}>
              <Text size="10px" c={fg ? 'teal.1' : 'dimmed'}>
                {clockTime(m.createdAt)}
              </Text>
            </Tooltip>
            {m.senderType === 'agent' && !note && <Ticks m={m} />}
          </Group>
        </Paper>
      </Box>
    </Group>
  );
}

function PendingItem({ p }: { p: PendingMessage }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" data-testid="pending-message" data-state={p.state} data-client-id={p.clientId}>
      <Box maw="75%" style={{ opacity: 0.75 }}>
        <Paper
          px="sm"
          py={6}
          radius="md"
          withBorder
          style={{
            background: p.private ? 'var(--mantine-color-yellow-1)' : 'var(--mantine-color-teal-1)',
            borderStyle: 'dashed',
          }}
        >
          {p.body && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
              {p.body}
            </Text>
          )}
          <Attachments items={p.attachments} mine={false} />
          <Group gap={4} justify="flex-end" mt={2}>
            {p.state === 'failed' ? (
              <>
                <IconAlertCircle size={14} color="var(--mantine-color-red-6)" />
                <Text size="xs" c="red">
                  {t('chat.sendFailed')}
                </Text>
                <Button size="compact-xs" variant="subtle" onClick={() => outbox.retry(p.clientId)}>
                  {t('common.retry')}
                </Button>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="gray"
                  onClick={() => outbox.discard(p.clientId)}
                >
                  {t('common.delete')}
                </Button>
              </>
            ) : (
              <>
                <IconClock size={12} />
                <Text size="xs" c="dimmed">
                  {t('chat.sending')}
                </Text>
              </>
            )}
          </Group>
        </Paper>
      </Box>
    </Group>
  );
}

export function usePending(conversationId: string) {
  const all = useSyncExternalStore(outbox.subscribe, outbox.snapshot);
  return all.filter((p) => p.conversationId === conversationId);
}

export function MessageList({
  conversationId,
  data,
  isPending,
  typingName,
}: {
  conversationId: string;
  data: MessagesPage | undefined;
  isPending: boolean;
  typingName: string | null;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const viewport = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const pending = usePending(conversationId);
  const items = data?.items ?? [];
  const confirmed = new Set(items.map((m) => m.clientId));
  const waiting = pending.filter((p) => !confirmed.has(p.clientId));

  // stay at the bottom while the agent is there; new messages scroll into view
  useLayoutEffect(() => {
    const el = viewport.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [items.length, waiting.length, typingName, conversationId]);

  useEffect(() => {
    stick.current = true;
  }, [conversationId]);

  const loadOlder = async () => {
    if (!data?.items.length) return;
    setLoadingOlder(true);
    const el = viewport.current;
    const before = el ? el.scrollHeight - el.scrollTop : 0;
    try {
      const older = await api.get<MessagesPage>(
        `/conversations/${conversationId}/messages?limit=50&before=${data.items[0].id}`,
      );
      stick.current = false;
      qc.setQueryData<MessagesPage>(keys.messages(conversationId), (d) => {
        if (!d) return d;
        const ids = new Set(d.items.map((m) => m.id));
        return { items: [...older.items.filter((m) => !ids.has(m.id)), ...d.items], hasMore: older.hasMore };
      });
      requestAnimationFrame(() => {
        if (el) el.scrollTop = el.scrollHeight - before;
      });
    } catch (e) {
      notifyError(e);
    } finally {
      setLoadingOlder(false);
    }
  };

  return (
    <Box
      ref={viewport}
      style={{ flex: 1, overflowY: 'auto', background: 'var(--mantine-color-gray-0)' }}
      onLoadCapture={() => {
        // images change the height after layout: stay at the bottom if we were there
        const el = viewport.current;
        if (el && stick.current) el.scrollTop = el.scrollHeight;
      }}
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
      }}
      data-testid="thread-messages"
    >
      <Stack gap="sm" p="md">
        {isPending && (
          <Center py="xl">
            <Loader size="sm" />
          </Center>
        )}
        {data?.hasMore && (
          <Center>
            <Button size="xs" variant="subtle" loading={loadingOlder} onClick={() => void loadOlder()}>
              {t('chat.loadOlder')}
            </Button>
          </Center>
        )}
        {items.map((m) => (
          <MessageItem key={m.id} m={m} />
        ))}
        {waiting.map((p) => (
          <PendingItem key={p.clientId} p={p} />
        ))}
        {typingName && (
          <Group gap={6} data-testid="contact-typing">
            <Text size="xs" c="dimmed" fs="italic">
              {t('chat.typing', { name: typingName })}
            </Text>
            <TypingDots />
          </Group>
        )}
      </Stack>
    </Box>
  );
}

function TypingDots() {
  return (
    <span className="kefu-typing-dots" aria-hidden>
      <span />
      <span />
      <span />
    </span>
  );
}

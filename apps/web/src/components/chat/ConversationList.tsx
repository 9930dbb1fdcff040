import {
  Avatar,
  Badge,
  Box,
  Button,
  Center,
  Group,
  Loader,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconRobot, IconSearch, IconTag, IconUser } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInboxes } from '../../chat/api';
import { initials, shortTime } from '../../chat/text';
import { STATUSES, type Conversation, type ConversationFilters, type View } from '../../chat/types';
import { QueryState } from '../QueryState';

export const PRIORITY_COLORS = { low: 'gray', normal: 'blue', high: 'orange', urgent: 'red' } as const;
export const STATUS_COLORS = { open: 'teal', pending: 'yellow', snoozed: 'grape', resolved: 'gray' } as const;

interface Props {
  filters: ConversationFilters;
  onFilters: (f: ConversationFilters) => void;
  items: Conversation[];
  isPending: boolean;
  error: unknown;
  refetch: () => unknown;
  hasNextPage: boolean;
  fetchNextPage: () => unknown;
  isFetchingNextPage: boolean;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
}

export function ConversationList(props: Props) {
  const { t } = useTranslation();
  const { filters, onFilters } = props;
  const inboxes = useInboxes();
  const [q, setQ] = useState(filters.q);
  const [debouncedQ] = useDebouncedValue(q, 300);
  const [label, setLabel] = useState(filters.label);
  const [debouncedLabel] = useDebouncedValue(label, 400);

  useEffect(() => {
    if (debouncedQ !== filters.q || debouncedLabel !== filters.label)
      onFilters({ ...filters, q: debouncedQ, label: debouncedLabel });
  }, [debouncedQ, debouncedLabel]);

  return (
    <Stack gap={0} h="100%" data-testid="conversation-list">
      <Stack gap="xs" p="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <TextInput
          size="sm"
          leftSection={<IconSearch size={16} />}
          placeholder={t('chat.searchPlaceholder')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          data-testid="conversation-search"
          aria-label={t('chat.searchPlaceholder')}
        />
        <SegmentedControl
          size="xs"
          fullWidth
          value={filters.view}
          onChange={(v) => onFilters({ ...filters, view: v as View })}
          data={[
            { value: 'mine', label: t('chat.view.mine') },
            { value: 'unassigned', label: t('chat.view.unassigned') },
            { value: 'bot', label: t('chat.view.bot') },
            { value: 'all', label: t('chat.view.all') },
          ]}
          data-testid="conversation-view"
        />
        <Group gap="xs" grow wrap="nowrap">
          <Select
            size="xs"
            aria-label={t('chat.status.label')}
            value={filters.status || 'any'}
            onChange={(v) =>
              onFilters({ ...filters, status: !v || v === 'any' ? '' : (v as typeof filters.status) })
            }
            data={[
              { value: 'any', label: t('chat.status.any') },
              ...STATUSES.map((s) => ({ value: s, label: t(`chat.status.${s}`) })),
            ]}
            allowDeselect={false}
            data-testid="filter-status"
          />
          <Select
            size="xs"
            aria-label={t('chat.inbox')}
            value={filters.inboxId || 'any'}
            onChange={(v) => onFilters({ ...filters, inboxId: !v || v === 'any' ? '' : v })}
            data={[
              { value: 'any', label: t('chat.allInboxes') },
              ...(inboxes.data ?? []).map((i) => ({ value: i.id, label: i.name })),
            ]}
            allowDeselect={false}
            data-testid="filter-inbox"
          />
        </Group>
        <TextInput
          size="xs"
          leftSection={<IconTag size={14} />}
          placeholder={t('chat.labelFilter')}
          value={label}
          onChange={(e) => setLabel(e.currentTarget.value)}
          aria-label={t('chat.labelFilter')}
          data-testid="filter-label"
        />
      </Stack>
      <ScrollArea style={{ flex: 1 }} type="auto">
        <QueryState isPending={props.isPending} error={props.error} refetch={props.refetch} />
        {!props.isPending && !props.error && props.items.length === 0 && (
          <Center p="xl">
            <Text c="dimmed" size="sm" ta="center">
              {filters.q ? t('chat.noResults') : t('chat.empty')}
            </Text>
          </Center>
        )}
        {props.items.map((c) => (
          <ConversationRow
            key={c.id}
            conversation={c}
            selected={c.id === props.selectedId}
            onClick={() => props.onSelect(c.id)}
          />
        ))}
        {props.hasNextPage && (
          <Center py="sm">
            <Button
              size="xs"
              variant="subtle"
              onClick={() => void props.fetchNextPage()}
              loading={props.isFetchingNextPage}
            >
              {t('common.loadMore')}
            </Button>
          </Center>
        )}
        {props.isFetchingNextPage && (
          <Center py="sm">
            <Loader size="xs" />
          </Center>
        )}
      </ScrollArea>
    </Stack>
  );
}

function ConversationRow({
  conversation: c,
  selected,
  onClick,
}: {
  conversation: Conversation;
  selected: boolean;
  onClick: () => void;
}) {
  const { t } = useTranslation();
  const name = c.contact.name || t('chat.visitor');
  const prefix =
    c.lastMessage?.senderType === 'agent'
      ? t('chat.youPrefix')
      : c.lastMessage?.senderType === 'bot'
        ? c.lastMessage.botName
          ? t('chat.namedPrefix', { name: c.lastMessage.botName })
          : t('chat.botPrefix')
        : '';
  const preview = c.lastMessage
    ? `${prefix}${c.lastMessage.body || t('chat.attachment')}`
    : t('chat.noMessages');
  return (
    <UnstyledButton
      onClick={onClick}
      data-testid="conversation-row"
      data-conversation-id={c.id}
      data-unread={c.unread}
      data-selected={selected || undefined}
      aria-current={selected ? 'true' : undefined}
      w="100%"
      px="sm"
      py={10}
      style={{
        display: 'block',
        borderBottom: '1px solid var(--mantine-color-gray-2)',
        background: selected ? 'var(--mantine-color-teal-0)' : undefined,
        borderLeft: `3px solid ${selected ? 'var(--mantine-color-teal-6)' : 'transparent'}`,
      }}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Avatar radius="xl" size={36} color="teal">
          {initials(name)}
        </Avatar>
        <Box style={{ flex: 1, minWidth: 0 }}>
          <Group justify="space-between" gap={4} wrap="nowrap">
            <Text size="sm" fw={c.unread > 0 ? 700 : 500} truncate data-testid="conversation-name">
              {name}
            </Text>
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              {shortTime(c.lastMessageAt)}
            </Text>
          </Group>
          <Group justify="space-between" gap={4} wrap="nowrap">
            <Text
              size="xs"
              c={c.unread > 0 ? undefined : 'dimmed'}
              truncate
              data-testid="conversation-preview"
            >
              {preview}
            </Text>
            {c.unread > 0 && (
              <Badge size="sm" circle color="red" data-testid="unread-badge" style={{ flexShrink: 0 }}>
                {c.unread > 99 ? '99+' : c.unread}
              </Badge>
            )}
          </Group>
          <Group gap={4} mt={4} wrap="nowrap">
            <Text size="xs" c="dimmed">
              #{c.number}
            </Text>
            {c.handler === 'bot' && (
              <Badge
                size="xs"
                variant="light"
                color="blue"
                leftSection={<IconRobot size={10} />}
                data-testid="bot-badge"
              >
                {t('chat.botBadge')}
              </Badge>
            )}
            {c.status !== 'open' && (
              <Badge size="xs" variant="light" color={STATUS_COLORS[c.status]}>
                {t(`chat.status.${c.status}`)}
              </Badge>
            )}
            {c.priority !== 'normal' && (
              <Badge size="xs" variant="light" color={PRIORITY_COLORS[c.priority]}>
                {t(`chat.priority.${c.priority}`)}
              </Badge>
            )}
            <Group gap={2} wrap="nowrap" ml="auto" style={{ minWidth: 0 }}>
              <IconUser size={12} color="var(--mantine-color-gray-6)" />
              <Text size="xs" c="dimmed" truncate maw={110}>
                {c.assignee?.name ?? c.team?.name ?? t('chat.unassigned')}
              </Text>
            </Group>
          </Group>
        </Box>
      </Group>
    </UnstyledButton>
  );
}

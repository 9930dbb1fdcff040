import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Menu,
  Modal,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import {
  IconArrowBackUp,
  IconCheck,
  IconChevronDown,
  IconClock,
  IconFlag,
  IconHandGrab,
  IconHourglass,
  IconKeyboard,
  IconTransfer,
  IconUserPlus,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { keys, patchConversation } from '../../chat/api';
import { PRIORITIES, type Conversation, type ConversationStatus, type Priority } from '../../chat/types';
import { useTeams, useUsers } from '../../queries';
import { useAuthed } from '../../session';
import { formatDateTime, notifyError } from '../../util';
import { PRIORITY_COLORS, STATUS_COLORS } from './ConversationList';

type Patch = {
  status?: ConversationStatus;
  snoozedUntil?: string | null;
  priority?: Priority;
  labels?: string[];
};

export function useConversationActions(conversation: Conversation | undefined) {
  const qc = useQueryClient();
  const { user } = useAuthed();
  const patch = useMutation({
    mutationFn: (body: Patch) =>
      api.patch<{ conversation: Conversation }>(`/conversations/${conversation!.id}`, body),
    onMutate: (body) => {
      if (conversation) patchConversation(qc, conversation.id, (c) => ({ ...c, ...body }) as Conversation);
    },
    onSuccess: ({ conversation: c }) => {
      patchConversation(qc, c.id, () => c);
      void qc.invalidateQueries({ queryKey: keys.conversations });
    },
    onError: (e) => {
      notifyError(e);
      void qc.invalidateQueries({ queryKey: keys.conversations });
      if (conversation) void qc.invalidateQueries({ queryKey: keys.conversation(conversation.id) });
    },
  });
  const assign = useMutation({
    mutationFn: (body: { assigneeId: string | null; teamId?: string | null; note?: string }) =>
      api.post<{ conversation: Conversation }>(`/conversations/${conversation!.id}/assign`, body),
    onSuccess: ({ conversation: c }) => {
      patchConversation(qc, c.id, () => c);
      void qc.invalidateQueries({ queryKey: keys.conversations });
      void qc.invalidateQueries({ queryKey: keys.messages(c.id) });
    },
    onError: notifyError,
  });
  return {
    patch,
    assign,
    resolve: () => patch.mutate({ status: 'resolved' }),
    reopen: () => patch.mutate({ status: 'open' }),
    takeIt: () => assign.mutate({ assigneeId: user.id }),
  };
}

function snoozeOptions() {
  const now = new Date();
  const inHour = new Date(now.getTime() + 3_600_000);
  const tomorrow = new Date(now);
  tomorrow.setDate(now.getDate() + 1);
  tomorrow.setHours(9, 0, 0, 0);
  const nextWeek = new Date(now);
  nextWeek.setDate(now.getDate() + ((8 - now.getDay()) % 7 || 7));
  nextWeek.setHours(9, 0, 0, 0);
  return [
    { key: 'chat.snooze.hour', at: inHour },
    { key: 'chat.snooze.tomorrow', at: tomorrow },
    { key: 'chat.snooze.nextWeek', at: nextWeek },
  ];
}

function toLocalInput(d: Date) {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function ConversationHeader({
  conversation: c,
  onShowShortcuts,
}: {
  conversation: Conversation;
  onShowShortcuts: () => void;
}) {
  const { t } = useTranslation();
  const { user } = useAuthed();
  const users = useUsers();
  const teams = useTeams();
  const { patch, assign, resolve, reopen, takeIt } = useConversationActions(c);
  const [snoozeOpen, setSnoozeOpen] = useState(false);
  const [snoozeAt, setSnoozeAt] = useState(() => toLocalInput(new Date(Date.now() + 3_600_000)));
  const [transferOpen, setTransferOpen] = useState(false);
  const [target, setTarget] = useState<string | null>(null);
  const [note, setNote] = useState('');

  const agents = (users.data ?? []).filter((u) => u.active);
  const assignTargets = [
    ...agents.map((u) => ({ value: `u:${u.id}`, label: u.name })),
    ...(teams.data ?? []).map((tm) => ({ value: `t:${tm.id}`, label: `${t('chat.team')}: ${tm.name}` })),
  ];
  const doAssign = (value: string, withNote?: string) => {
    if (value === 'none') assign.mutate({ assigneeId: null, teamId: null });
    else if (value.startsWith('u:'))
      assign.mutate({ assigneeId: value.slice(2), note: withNote || undefined });
    else assign.mutate({ assigneeId: null, teamId: value.slice(2), note: withNote || undefined });
  };

  return (
    <Stack
      gap={6}
      px="md"
      py="sm"
      style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
      data-testid="thread-header"
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
          <Text fw={600} truncate data-testid="thread-contact-name">
            {c.contact.name || t('chat.visitor')}
          </Text>
          <Text c="dimmed" size="sm">
            #{c.number}
          </Text>
          <Badge color={STATUS_COLORS[c.status]} variant="light" data-testid="thread-status">
            {t(`chat.status.${c.status}`)}
          </Badge>
          {c.status === 'snoozed' && c.snoozedUntil && (
            <Text size="xs" c="dimmed">
              {t('chat.snoozedUntil', { time: formatDateTime(c.snoozedUntil) })}
            </Text>
          )}
        </Group>
        <Group gap={6} wrap="nowrap">
          {c.assignee?.id !== user.id && (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconHandGrab size={14} />}
              onClick={takeIt}
              loading={assign.isPending}
              data-testid="assign-me"
            >
              {t('chat.assignMe')}
            </Button>
          )}
          {c.status === 'resolved' ? (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconArrowBackUp size={14} />}
              onClick={reopen}
              data-testid="reopen"
            >
              {t('chat.reopen')}
            </Button>
          ) : (
            <Button.Group>
              <Button
                size="xs"
                color="teal"
                leftSection={<IconCheck size={14} />}
                onClick={resolve}
                data-testid="resolve"
              >
                {t('chat.resolve')}
              </Button>
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button
                    size="xs"
                    color="teal"
                    px={6}
                    aria-label={t('chat.moreStatus')}
                    data-testid="status-menu"
                  >
                    <IconChevronDown size={14} />
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {c.status !== 'open' && (
                    <Menu.Item leftSection={<IconArrowBackUp size={14} />} onClick={reopen}>
                      {t('chat.reopen')}
                    </Menu.Item>
                  )}
                  {c.status !== 'pending' && (
                    <Menu.Item
                      leftSection={<IconHourglass size={14} />}
                      onClick={() => patch.mutate({ status: 'pending' })}
                      data-testid="mark-pending"
                    >
                      {t('chat.markPending')}
                    </Menu.Item>
                  )}
                  <Menu.Label>{t('chat.snooze.label')}</Menu.Label>
                  {snoozeOptions().map((o) => (
                    <Menu.Item
                      key={o.key}
                      leftSection={<IconClock size={14} />}
                      onClick={() => patch.mutate({ status: 'snoozed', snoozedUntil: o.at.toISOString() })}
                    >
                      {t(o.key)}
                    </Menu.Item>
                  ))}
                  <Menu.Item leftSection={<IconClock size={14} />} onClick={() => setSnoozeOpen(true)}>
                    {t('chat.snooze.custom')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Button.Group>
          )}
          <Tooltip label={t('shortcuts.title')}>
            <ActionIcon
              variant="subtle"
              color="gray"
              onClick={onShowShortcuts}
              aria-label={t('shortcuts.title')}
            >
              <IconKeyboard size={18} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      <Group gap="xs" wrap="wrap">
        <Select
          size="xs"
          w={130}
          leftSection={<IconFlag size={14} />}
          value={c.priority}
          onChange={(v) => v && patch.mutate({ priority: v as Priority })}
          data={PRIORITIES.map((p) => ({ value: p, label: t(`chat.priority.${p}`) }))}
          allowDeselect={false}
          aria-label={t('chat.priority.label')}
          data-testid="priority-select"
          styles={{ input: { color: `var(--mantine-color-${PRIORITY_COLORS[c.priority]}-7)` } }}
        />
        <Menu position="bottom-start" withinPortal>
          <Menu.Target>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconUserPlus size={14} />}
              rightSection={<IconChevronDown size={12} />}
              data-testid="assign-menu"
            >
              {c.assignee
                ? c.assignee.name
                : c.team
                  ? `${t('chat.team')}: ${c.team.name}`
                  : t('chat.unassigned')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown mah={360} style={{ overflowY: 'auto' }}>
            <Menu.Label>{t('chat.assignTo')}</Menu.Label>
            {agents.map((u) => (
              <Menu.Item
                key={u.id}
                onClick={() => doAssign(`u:${u.id}`)}
                rightSection={c.assignee?.id === u.id ? <IconCheck size={14} /> : null}
                data-testid="assign-agent"
              >
                {u.name}
                {u.id === user.id ? ` (${t('chat.me')})` : ''}
              </Menu.Item>
            ))}
            {(teams.data ?? []).length > 0 && <Menu.Label>{t('chat.teams')}</Menu.Label>}
            {(teams.data ?? []).map((tm) => (
              <Menu.Item key={tm.id} onClick={() => doAssign(`t:${tm.id}`)}>
                {tm.name}
              </Menu.Item>
            ))}
            <Menu.Divider />
            <Menu.Item
              leftSection={<IconTransfer size={14} />}
              onClick={() => setTransferOpen(true)}
              data-testid="transfer"
            >
              {t('chat.transferWithNote')}
            </Menu.Item>
            {(c.assignee || c.team) && (
              <Menu.Item color="red" onClick={() => doAssign('none')}>
                {t('chat.unassign')}
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
        <TagsInput
          size="xs"
          style={{ flex: 1, minWidth: 180 }}
          placeholder={c.labels.length ? '' : t('chat.addLabel')}
          value={c.labels}
          onChange={(labels) =>
            patch.mutate({
              labels: labels
                .map((l) => l.trim())
                .filter(Boolean)
                .slice(0, 30),
            })
          }
          aria-label={t('chat.labels')}
          data-testid="labels-input"
          clearable={false}
          maxTags={30}
        />
      </Group>

      <Modal
        opened={snoozeOpen}
        onClose={() => setSnoozeOpen(false)}
        title={t('chat.snooze.custom')}
        size="sm"
      >
        <Stack>
          <TextInput
            type="datetime-local"
            label={t('chat.snooze.until')}
            value={snoozeAt}
            onChange={(e) => setSnoozeAt(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setSnoozeOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              onClick={() => {
                const at = new Date(snoozeAt);
                if (Number.isNaN(at.getTime()) || at.getTime() <= Date.now()) return;
                patch.mutate({ status: 'snoozed', snoozedUntil: at.toISOString() });
                setSnoozeOpen(false);
              }}
            >
              {t('chat.snooze.label')}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal opened={transferOpen} onClose={() => setTransferOpen(false)} title={t('chat.transferWithNote')}>
        <Stack>
          <Select
            label={t('chat.transferTo')}
            data={assignTargets}
            value={target}
            onChange={setTarget}
            searchable
            data-testid="transfer-target"
          />
          <Textarea
            label={t('chat.transferNote')}
            autosize
            minRows={3}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            data-testid="transfer-note"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setTransferOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              disabled={!target}
              loading={assign.isPending}
              onClick={() => {
                if (!target) return;
                doAssign(target, note.trim());
                setTransferOpen(false);
                setNote('');
                setTarget(null);
              }}
              data-testid="transfer-submit"
            >
              {t('chat.transfer')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconAt, IconBell, IconUserCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api';
import { keys, useNotifications } from '../chat/api';
import { shortTime } from '../chat/text';
import type { AppNotification } from '../chat/types';
import { notifyError } from '../util';

export function NotificationBell() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const { pathname, search } = useLocation();
  useEffect(() => setOpened(false), [pathname, search]);
  const list = useNotifications();
  const unread = list.data?.unread ?? 0;
  const markRead = useMutation({
    mutationFn: (ids?: string[]) => api.post('/notifications/read', ids ? { ids } : {}),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.notifications }),
    onError: notifyError,
  });
  const open = (n: AppNotification) => {
    if (!n.readAt) markRead.mutate([n.id]);
    setOpened(false);
    if (n.conversationId) navigate(`/app/conversations/${n.conversationId}`);
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={340} shadow="md" withinPortal>
      <Popover.Target>
        <Indicator
          label={unread > 99 ? '99+' : unread}
          size={16}
          color="red"
          disabled={unread === 0}
          offset={4}
          data-testid="notification-count"
        >
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={() => setOpened((o) => !o)}
            aria-label={t('notif.title')}
            data-testid="notification-bell"
          >
            <IconBell size={20} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0}>
        <Group
          justify="space-between"
          px="sm"
          py="xs"
          style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
        >
          <Text fw={600} size="sm">
            {t('notif.title')}
          </Text>
          {unread > 0 && (
            <Button size="compact-xs" variant="subtle" onClick={() => markRead.mutate(undefined)}>
              {t('notif.markAll')}
            </Button>
          )}
        </Group>
        <ScrollArea.Autosize mah={400} type="auto">
          {(list.data?.items ?? []).length === 0 && (
            <Text c="dimmed" size="sm" ta="center" py="lg">
              {t('notif.empty')}
            </Text>
          )}
          <Stack gap={0}>
            {(list.data?.items ?? []).map((n) => (
              <UnstyledButton
                key={n.id}
                px="sm"
                py={8}
                onClick={() => open(n)}
                style={{
                  borderBottom: '1px solid var(--mantine-color-gray-2)',
                  background: n.readAt ? undefined : 'var(--mantine-color-teal-0)',
                }}
                data-testid="notification-item"
              >
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <Box mt={2}>
                    {n.kind === 'mention' ? <IconAt size={16} /> : <IconUserCheck size={16} />}
                  </Box>
                  <Box style={{ flex: 1, minWidth: 0 }}>
                    <Text size="sm">
                      {t(
                        n.kind === 'mention'
                          ? 'notif.mention'
                          : n.kind === 'assigned'
                            ? 'notif.assigned'
                            : 'notif.other',
                        {
                          name: n.actor?.name ?? t('notif.someone'),
                        },
                      )}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {shortTime(n.createdAt)}
                    </Text>
                  </Box>
                  {!n.readAt && (
                    <Badge size="xs" circle color="red">
                      {' '}
                    </Badge>
                  )}
                </Group>
              </UnstyledButton>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}

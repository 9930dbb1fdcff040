import { Badge, Menu, UnstyledButton } from '@mantine/core';
import { IconCheck, IconChevronDown } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Presence, type Session, type User } from '../api';
import { SESSION_KEY, useAuthed } from '../session';
import { PRESENCE_COLORS, notifyError } from '../util';

const OPTIONS: Presence[] = ['online', 'away', 'offline'];

export function PresenceMenu() {
  const { t } = useTranslation();
  const { user } = useAuthed();
  const qc = useQueryClient();
  const mutation = useMutation({
    mutationFn: (presence: Presence) => api.put<{ user: User }>('/me/presence', { presence }),
    onSuccess: ({ user: updated }) => {
      qc.setQueryData<Session | null>(SESSION_KEY, (s) =>
        s ? { ...s, user: { ...s.user, ...updated } } : s,
      );
      void qc.invalidateQueries({ queryKey: ['users'] });
    },
    onError: notifyError,
  });
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('presence.label')} data-testid="presence-toggle">
          <Badge
            variant="dot"
            size="lg"
            color={PRESENCE_COLORS[user.presence]}
            rightSection={<IconChevronDown size={12} />}
            style={{ cursor: 'pointer', textTransform: 'none' }}
          >
            {t(`presence.${user.presence}`)}
          </Badge>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('presence.label')}</Menu.Label>
        {OPTIONS.map((p) => (
          <Menu.Item
            key={p}
            data-testid={`presence-${p}`}
            leftSection={<Badge variant="dot" color={PRESENCE_COLORS[p]} size="xs" p={0} bd={0} />}
            rightSection={p === user.presence ? <IconCheck size={14} /> : null}
            onClick={() => p !== user.presence && mutation.mutate(p)}
          >
            {t(`presence.${p}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

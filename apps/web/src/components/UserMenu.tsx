import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconLogout, IconUser } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api';
import { useAuthed, useSetSession } from '../session';
import { notifyError, notifySuccess } from '../util';

export function UserMenu() {
  const { t } = useTranslation();
  const { user } = useAuthed();
  const navigate = useNavigate();
  const setSession = useSetSession();
  const logout = useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    onSuccess: () => {
      setSession(null);
      notifySuccess(t('header.loggedOut'));
      navigate('/login', { replace: true });
    },
    onError: notifyError,
  });
  const initials = user.name.trim().slice(0, 1).toUpperCase() || '?';
  return (
    <Menu position="bottom-end" width={220} withinPortal>
      <Menu.Target>
        <UnstyledButton data-testid="user-menu" aria-label={user.name}>
          <Group gap={6} wrap="nowrap">
            <Avatar size={30} radius="xl" color="teal">
              {initials}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="sm" maw={140} truncate>
              {user.name}
            </Text>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="xs" truncate>
            {user.email}
          </Text>
        </Menu.Label>
        <Menu.Item
          leftSection={<IconUser size={16} />}
          onClick={() => navigate('/app/profile')}
          data-testid="menu-profile"
        >
          {t('header.profile')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item
          color="red"
          leftSection={<IconLogout size={16} />}
          onClick={() => logout.mutate()}
          data-testid="logout"
        >
          {t('header.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

import { AppShell, Badge, Box, Burger, Divider, Group, NavLink, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconActivity,
  IconAddressBook,
  IconAlertOctagon,
  IconBook2,
  IconInbox,
  IconMessageBolt,
  IconMessages,
  IconHome,
  IconRobot,
  IconKey,
  IconMail,
  IconSettings,
  IconUser,
  IconUsers,
  IconUsersGroup,
  type Icon,
} from '@tabler/icons-react';
import type { Permission } from '@kefu/shared';
import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useConversationUnread } from '../chat/unread';
import { RealtimeProvider } from '../chat/realtime';
import { useAuthed } from '../session';
import { can, isAdmin } from '../util';
import { GlobalSearch } from './GlobalSearch';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';
import { Logo } from './Logo';
import { PresenceMenu } from './PresenceMenu';
import { UserMenu } from './UserMenu';

interface NavItem {
  to: string;
  label: string;
  icon: Icon;
  testId: string;
  adminOnly?: boolean;
  /** shown only to roles with this permission */
  permission?: Permission;
  badge?: boolean;
}

const MAIN: NavItem[] = [
  {
    to: '/app/conversations',
    label: 'nav.conversations',
    icon: IconMessages,
    testId: 'nav-conversations',
    badge: true,
  },
  { to: '/app/contacts', label: 'nav.contacts', icon: IconAddressBook, testId: 'nav-contacts' },
  { to: '/app/canned-responses', label: 'nav.canned', icon: IconMessageBolt, testId: 'nav-canned' },
  { to: '/app/kb', label: 'nav.kb', icon: IconBook2, testId: 'nav-kb' },
  { to: '/app/bot', label: 'nav.bot', icon: IconRobot, testId: 'nav-bot', permission: 'kb.manage' },
  { to: '/app', label: 'nav.home', icon: IconHome, testId: 'nav-home' },
  { to: '/app/profile', label: 'nav.profile', icon: IconUser, testId: 'nav-profile' },
  { to: '/app/members', label: 'nav.members', icon: IconUsers, testId: 'nav-members' },
  { to: '/app/teams', label: 'nav.teams', icon: IconUsersGroup, testId: 'nav-teams' },
];

const ADMIN: NavItem[] = [
  { to: '/app/inboxes', label: 'nav.inboxes', icon: IconInbox, testId: 'nav-inboxes', adminOnly: true },
  { to: '/app/settings', label: 'nav.settings', icon: IconSettings, testId: 'nav-settings', adminOnly: true },
  { to: '/app/api-tokens', label: 'nav.apiTokens', icon: IconKey, testId: 'nav-api-tokens', adminOnly: true },
  {
    to: '/app/audit-log',
    label: 'nav.auditLog',
    icon: IconActivity,
    testId: 'nav-audit-log',
    adminOnly: true,
  },
  { to: '/app/outbox', label: 'nav.outbox', icon: IconMail, testId: 'nav-outbox', adminOnly: true },
  { to: '/app/jobs', label: 'nav.jobs', icon: IconAlertOctagon, testId: 'nav-jobs', adminOnly: true },
];

export function AppLayout() {
  const { t } = useTranslation();
  const { user, tenant } = useAuthed();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const admin = isAdmin(user.role);
  const unread = useConversationUnread();
  const fullBleed = pathname.startsWith('/app/conversations');
  const navigate = useNavigate();
  // desktop notifications ask to open a conversation without reloading the app
  useEffect(() => {
    const open = (e: Event) => navigate(`/app/conversations/${(e as CustomEvent<string>).detail}`);
    window.addEventListener('kefu:open-conversation', open);
    return () => window.removeEventListener('kefu:open-conversation', open);
  }, [navigate]);

  const renderItem = (item: NavItem) => {
    const active =
      item.to === '/app' ? pathname === '/app' || pathname === '/app/' : pathname.startsWith(item.to);
    const IconCmp = item.icon;
    return (
      <NavLink
        key={item.to}
        component={Link}
        to={item.to}
        label={t(item.label)}
        leftSection={<IconCmp size={18} stroke={1.6} />}
        rightSection={
          item.badge && unread > 0 ? (
            <Badge size="sm" color="red" circle data-testid="nav-unread">
              {unread > 99 ? '99+' : unread}
            </Badge>
          ) : undefined
        }
        active={active}
        onClick={close}
        data-testid={item.testId}
        style={{ borderRadius: 'var(--mantine-radius-md)' }}
      />
    );
  };

  return (
    <RealtimeProvider>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding="lg"
        data-full-bleed={fullBleed || undefined}
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={t('header.toggleNav')}
              />
              <Logo size="md" compact />
              <Divider orientation="vertical" visibleFrom="sm" />
              <Text fw={500} c="dimmed" truncate visibleFrom="sm" maw={260} data-testid="workspace-name">
                {tenant.name}
              </Text>
            </Group>
            <Group gap="xs" wrap="nowrap">
              <Box visibleFrom="md">
                <GlobalSearch />
              </Box>
              <NotificationBell />
              <PresenceMenu />
              <LanguageSwitch />
              <UserMenu />
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar p="sm" data-testid="navbar">
          <AppShell.Section hiddenFrom="sm" mb="xs">
            <Text fw={600} size="sm" truncate px="xs">
              {tenant.name}
            </Text>
          </AppShell.Section>
          <AppShell.Section grow component={ScrollArea}>
            <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="xs" mb={4}>
              {t('nav.workspace')}
            </Text>
            {MAIN.filter((item) => !item.permission || can(user.role, item.permission)).map(renderItem)}
            {admin && (
              <>
                <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="xs" mt="md" mb={4}>
                  {t('nav.admin')}
                </Text>
                {ADMIN.map(renderItem)}
              </>
            )}
          </AppShell.Section>
        </AppShell.Navbar>

        <AppShell.Main bg="gray.0">
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </RealtimeProvider>
  );
}

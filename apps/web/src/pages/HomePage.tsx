import { Badge, Button, Card, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconClock, IconKey, IconUserPlus, type Icon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuthed } from '../session';
import { ROLE_COLORS, isAdmin } from '../util';
import { useUsers } from '../queries';

interface Step {
  icon: Icon;
  title: string;
  desc: string;
  to: string;
  testId: string;
}

const STEPS: Step[] = [
  {
    icon: IconUserPlus,
    title: 'home.step1Title',
    desc: 'home.step1Desc',
    to: '/app/members',
    testId: 'step-invite',
  },
  {
    icon: IconClock,
    title: 'home.step2Title',
    desc: 'home.step2Desc',
    to: '/app/settings',
    testId: 'step-hours',
  },
  {
    icon: IconKey,
    title: 'home.step3Title',
    desc: 'home.step3Desc',
    to: '/app/api-tokens',
    testId: 'step-token',
  },
];

export function HomePage() {
  const { t } = useTranslation();
  const { user, tenant } = useAuthed();
  const users = useUsers();
  const admin = isAdmin(user.role);

  return (
    <Stack gap="lg" maw={1000}>
      <Paper withBorder p="lg" bg="white">
        <Title order={2} size="h3" data-testid="home-welcome">
          {t('home.welcome', { name: user.name })}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 3 }} mt="md">
          <Stack gap={2}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('home.workspace')}
            </Text>
            <Text fw={600} data-testid="home-workspace">
              {tenant.name}
            </Text>
          </Stack>
          <Stack gap={2} align="flex-start">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('home.yourRole')}
            </Text>
            <Badge color={ROLE_COLORS[user.role]} variant="light" data-testid="home-role">
              {t(`roles.${user.role}`)}
            </Badge>
          </Stack>
          <Stack gap={2}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('home.members')}
            </Text>
            <Text fw={600}>{users.data ? users.data.filter((u) => u.active).length : '…'}</Text>
          </Stack>
        </SimpleGrid>
      </Paper>

      <Title order={3} size="h4">
        {t('home.gettingStarted')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {STEPS.map((s, i) => {
          const IconCmp = s.icon;
          return (
            <Card key={s.to} withBorder padding="lg" data-testid={s.testId}>
              <Group gap="sm" mb="xs" wrap="nowrap">
                <ThemeIcon variant="light" size="lg" radius="md">
                  <IconCmp size={20} />
                </ThemeIcon>
                <Text fw={600}>
                  {i + 1}. {t(s.title)}
                </Text>
              </Group>
              <Text size="sm" c="dimmed" mb="md" style={{ flexGrow: 1 }}>
                {t(s.desc)}
              </Text>
              {admin ? (
                <Button component={Link} to={s.to} variant="light" size="xs">
                  {t('home.open')}
                </Button>
              ) : (
                <Text size="xs" c="dimmed">
                  {t('home.adminOnly')}
                </Text>
              )}
            </Card>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}

import type { ReactNode } from 'react';
import { Box, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { LanguageSwitch } from './LanguageSwitch';
import { Logo } from './Logo';

interface Props {
  title: string;
  subtitle?: string;
  children: ReactNode;
  footer?: ReactNode;
}

export function AuthLayout({ title, subtitle, children, footer }: Props) {
  return (
    <Box
      mih="100vh"
      style={{
        background:
          'linear-gradient(160deg, var(--mantine-color-teal-0) 0%, var(--mantine-color-gray-0) 55%)',
      }}
    >
      <Group justify="space-between" px="lg" py="md">
        <Logo />
        <LanguageSwitch />
      </Group>
      <Container size={440} pt={{ base: 'md', sm: 60 }} pb="xl">
        <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }}>
          <Stack gap={4} mb="lg">
            <Title order={2} size="h3">
              {title}
            </Title>
            {subtitle && (
              <Text c="dimmed" size="sm">
                {subtitle}
              </Text>
            )}
          </Stack>
          {children}
        </Paper>
        {footer && (
          <Text ta="center" size="sm" mt="md" c="dimmed">
            {footer}
          </Text>
        )}
      </Container>
    </Box>
  );
}

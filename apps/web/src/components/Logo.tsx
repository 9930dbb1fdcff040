import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconMessageChatbot } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export function Logo({ size = 'lg', compact = false }: { size?: 'md' | 'lg'; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={8} wrap="nowrap" data-testid="logo">
      <ThemeIcon
        size={size === 'lg' ? 34 : 28}
        radius="md"
        variant="gradient"
        gradient={{ from: 'teal', to: 'cyan', deg: 135 }}
      >
        <IconMessageChatbot size={size === 'lg' ? 20 : 17} />
      </ThemeIcon>
      <Text
        fw={700}
        size={size === 'lg' ? 'lg' : 'md'}
        style={{ whiteSpace: 'nowrap' }}
        visibleFrom={compact ? 'sm' : undefined}
      >
        {t('brand')}
      </Text>
    </Group>
  );
}

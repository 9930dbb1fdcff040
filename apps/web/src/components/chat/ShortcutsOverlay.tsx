import { Group, Kbd, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export const SHORTCUTS: [string, string][] = [
  ['j', 'shortcuts.next'],
  ['k', 'shortcuts.prev'],
  ['r', 'shortcuts.reply'],
  ['n', 'shortcuts.note'],
  ['e', 'shortcuts.resolve'],
  ['a', 'shortcuts.assignMe'],
  ['/', 'shortcuts.canned'],
  ['Esc', 'shortcuts.escape'],
  ['?', 'shortcuts.help'],
];

export function ShortcutsOverlay({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('shortcuts.title')}
      size="sm"
      data-testid="shortcuts-overlay"
    >
      <Stack gap={8}>
        {SHORTCUTS.map(([key, label]) => (
          <Group key={key} justify="space-between">
            <Text size="sm">{t(label)}</Text>
            <Kbd>{key}</Kbd>
          </Group>
        ))}
        <Group justify="space-between">
          <Text size="sm">{t('shortcuts.send')}</Text>
          <Kbd>Enter</Kbd>
        </Group>
        <Group justify="space-between">
          <Text size="sm">{t('shortcuts.newline')}</Text>
          <span>
            <Kbd>Shift</Kbd> + <Kbd>Enter</Kbd>
          </span>
        </Group>
      </Stack>
    </Modal>
  );
}

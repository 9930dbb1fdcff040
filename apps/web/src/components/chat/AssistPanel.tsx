import { Badge, Box, Group, Paper, ScrollArea, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconBulb } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useAssist } from '../../kb/bot';

/**
 * Agent assist: up to three knowledge-base answers for the customer's latest message. Clicking one puts it
 * into the composer; nothing is sent. Hidden when there is nothing to suggest.
 */
export function AssistPanel({
  conversationId,
  lastContactMessageId,
  onPick,
}: {
  conversationId: string;
  lastContactMessageId: string | undefined;
  onPick: (answer: string) => void;
}) {
  const { t } = useTranslation();
  const assist = useAssist(conversationId, lastContactMessageId);
  const items = (assist.data?.items ?? []).slice(0, 3);
  if (!items.length) return null;
  return (
    <Box
      px="sm"
      pt={6}
      pb={4}
      style={{
        borderTop: '1px solid var(--mantine-color-gray-3)',
        background: 'var(--mantine-color-blue-0)',
      }}
      data-testid="assist-panel"
    >
      <Group gap={4} mb={4}>
        <IconBulb size={14} color="var(--mantine-color-blue-7)" />
        <Text size="xs" fw={600} c="blue.8">
          {t('chat.assist.title')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('chat.assist.hint')}
        </Text>
      </Group>
      <ScrollArea type="auto" offsetScrollbars>
        <Group gap={6} wrap="nowrap" align="stretch" pb={2}>
          {items.map((it) => (
            <Tooltip key={it.faqId} label={it.answer} multiline maw={360} openDelay={400}>
              <UnstyledButton
                onClick={() => onPick(it.answer)}
                data-testid="assist-item"
                aria-label={t('chat.assist.insert', { question: it.question })}
                style={{ flex: '1 1 0', minWidth: 180, maxWidth: 320 }}
              >
                <Paper withBorder px={8} py={4} radius="sm" h="100%">
                  <Group gap={4} wrap="nowrap" justify="space-between">
                    <Text size="xs" fw={600} truncate>
                      {it.question}
                    </Text>
                    <Badge size="xs" variant="light" color="blue" style={{ flexShrink: 0 }}>
                      {Math.round(it.score * 100)}%
                    </Badge>
                  </Group>
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {it.answer}
                  </Text>
                </Paper>
              </UnstyledButton>
            </Tooltip>
          ))}
        </Group>
      </ScrollArea>
    </Box>
  );
}

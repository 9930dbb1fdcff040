import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ANSWER_MODES, type AnswerMode, type BotTestResult } from '../../kb/types';
import { errorMessage, formatDateTime } from '../../util';

export const ACTION_COLORS: Record<string, string> = {
  answer: 'teal',
  suggest: 'yellow',
  fallback: 'gray',
  handoff: 'orange',
  flow: 'grape',
  smalltalk: 'blue',
};

const pct = (n: number) => `${Math.round(n * 100)}%`;

interface Props {
  text: string;
  onText: (text: string) => void;
  onRun: (text: string) => void;
  /** the inboxes' answer mode to test with */
  answerMode: AnswerMode;
  onAnswerMode: (mode: AnswerMode) => void;
  result: BotTestResult | undefined;
  /** the text the result belongs to */
  resultFor: string | undefined;
  pending: boolean;
  error: unknown;
}

/** "What would the bot say?" — the decision, the answers and the ranked candidates with their scores. */
export function TestConsole({
  text,
  onText,
  onRun,
  answerMode,
  onAnswerMode,
  result,
  resultFor,
  pending,
  error,
}: Props) {
  const { t } = useTranslation();
  const answers = result
    ? result.answers.map((id) => result.candidates.find((c) => c.faqId === id)?.question ?? id)
    : [];
  return (
    <Card withBorder data-testid="bot-test-console">
      <Title order={4} size="h5" mb={4}>
        {t('bot.test.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('bot.test.help')}
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) onRun(text.trim());
        }}
      >
        <Stack gap="xs">
          <Textarea
            autosize
            minRows={2}
            maxRows={6}
            maxLength={2000}
            placeholder={t('bot.test.placeholder')}
            aria-label={t('bot.test.placeholder')}
            value={text}
            onChange={(e) => onText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                if (text.trim()) onRun(text.trim());
              }
            }}
            data-testid="bot-test-input"
          />
          <Group justify="space-between">
            <Group gap={6}>
              <Text size="xs" c="dimmed">
                {t('inboxes.bot.answerMode')}
              </Text>
              <SegmentedControl
                size="xs"
                value={answerMode}
                onChange={(v) => onAnswerMode(v as AnswerMode)}
                data={ANSWER_MODES.map((m) => ({ value: m, label: t(`inboxes.bot.answerModes.${m}`) }))}
                aria-label={t('inboxes.bot.answerMode')}
                data-testid="bot-test-mode"
              />
            </Group>
            <Button
              type="submit"
              size="xs"
              leftSection={<IconPlayerPlay size={14} />}
              loading={pending}
              disabled={!text.trim()}
              data-testid="bot-test-run"
            >
              {t('bot.test.run')}
            </Button>
          </Group>
        </Stack>
      </form>
      {!!error && (
        <Alert color="red" mt="sm">
          {errorMessage(error)}
        </Alert>
      )}
      {result && (
        <Stack gap="sm" mt="sm" data-testid="bot-test-result">
          <Group gap={6}>
            <Text size="sm" c="dimmed">
              {t('bot.test.for', {
                text: resultFor ?? '',
                mode: t(`inboxes.bot.answerModes.${result.answerMode}`),
              })}
            </Text>
          </Group>
          <Group gap={6}>
            <Badge
              size="lg"
              variant="light"
              color={ACTION_COLORS[result.action] ?? 'gray'}
              data-testid="bot-test-action"
              data-action={result.action}
            >
              {t(`bot.action.${result.action}`, { defaultValue: result.action })}
            </Badge>
            {result.handoffReason && (
              <Text size="sm" data-testid="bot-test-handoff-reason">
                {t('bot.test.reason')}:{' '}
                {t(`bot.reason.${result.handoffReason}`, { defaultValue: result.handoffReason })}
              </Text>
            )}
          </Group>
          {result.readAs && (
            <Text size="xs" c="dimmed" data-testid="bot-test-read-as">
              {t('bot.test.readAs', { text: result.readAs })}
            </Text>
          )}
          <Text
            size="xs"
            c={result.distress.distressed ? 'red' : 'dimmed'}
            data-testid="bot-test-distress"
            data-distressed={result.distress.distressed}
          >
            {t('bot.test.distress', { percent: Math.round(result.distress.probability * 100) })}
            {result.distress.signals.some((s) => s !== 'model') &&
              ' · ' +
                t('bot.test.distressSignals', {
                  signals: result.distress.signals.filter((s) => s !== 'model').join('、'),
                })}
          </Text>
          {answers.length > 0 && (
            <Stack gap={2}>
              <Text size="xs" fw={600} c="dimmed" tt="uppercase">
                {t('bot.test.answers')}
              </Text>
              {answers.map((q, i) => (
                <Text key={i} size="sm" data-testid="bot-test-answer">
                  {q}
                </Text>
              ))}
            </Stack>
          )}
          {result.candidates.length > 0 ? (
            <Table.ScrollContainer minWidth={460}>
              <Table fz="xs" verticalSpacing={4} striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('bot.test.question')}</Table.Th>
                    <Table.Th>{t('bot.test.closest')}</Table.Th>
                    <Table.Th ta="right">{t('bot.test.score')}</Table.Th>
                    <Table.Th ta="right">{t('bot.test.lexical')}</Table.Th>
                    <Table.Th ta="right">{t('bot.test.model')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {result.candidates.map((c) => (
                    <Table.Tr key={c.faqId} data-testid="bot-test-candidate">
                      <Table.Td>
                        {c.faqId.startsWith('flow:') && (
                          <Badge size="xs" variant="light" color="grape" mr={4}>
                            {t('bot.test.flowCandidate')}
                          </Badge>
                        )}
                        {c.question}
                      </Table.Td>
                      <Table.Td c="dimmed">{c.closestQuestion}</Table.Td>
                      <Table.Td ta="right" fw={600}>
                        {pct(c.score)}
                      </Table.Td>
                      <Table.Td ta="right">{pct(c.lexical)}</Table.Td>
                      <Table.Td ta="right">{pct(c.model)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ) : (
            <Text size="sm" c="dimmed">
              {t('bot.test.noCandidates')}
            </Text>
          )}
          <Text size="xs" c="dimmed" data-testid="bot-test-model">
            {t('bot.test.modelInfo', {
              entries: result.model.entries,
              trainedAt: formatDateTime(result.model.trainedAt),
              ms: Math.round(result.model.trainMs),
            })}
          </Text>
        </Stack>
      )}
    </Card>
  );
}

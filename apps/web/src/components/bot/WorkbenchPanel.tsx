import { Anchor, Badge, Button, Card, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { IconExternalLink, IconPlayerPlay, IconPlus, IconTextPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useWorkbench } from '../../kb/bot';
import type { Faq, Workbench, WorkbenchItem } from '../../kb/types';
import { formatDateTime } from '../../util';
import { QueryState } from '../QueryState';
import { FaqEditor } from '../kb/FaqEditor';
import { AddSimilarModal, type SimilarTarget } from './AddSimilarModal';

const GROUPS: (keyof Workbench)[] = ['unmatched', 'unsure', 'notSolved'];
const GROUP_COLORS: Record<keyof Workbench, string> = {
  unmatched: 'red',
  unsure: 'yellow',
  notSolved: 'orange',
};

function Item({
  item,
  onAddSimilar,
  onNewFaq,
  onTest,
}: {
  item: WorkbenchItem;
  onAddSimilar: () => void;
  onNewFaq: () => void;
  onTest: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder p="sm" data-testid="workbench-item">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text size="sm" fw={500} style={{ wordBreak: 'break-word' }} data-testid="workbench-text">
            {item.text}
          </Text>
          <Group gap={6}>
            <Badge size="xs" variant="light" color="gray">
              {t('bot.workbench.times', { count: item.count })}
            </Badge>
            <Text size="xs" c="dimmed">
              {t('bot.workbench.last', { time: formatDateTime(item.lastAt) })}
            </Text>
            <Anchor
              component={Link}
              to={`/app/conversations/${item.conversationId}`}
              size="xs"
              data-testid="workbench-conversation"
            >
              <Group gap={2} wrap="nowrap">
                {t('bot.workbench.openConversation')}
                <IconExternalLink size={12} />
              </Group>
            </Anchor>
          </Group>
          {item.faq && (
            <Text size="xs" c="dimmed">
              {t('bot.workbench.matched', { question: item.faq.question })}
            </Text>
          )}
          {item.variants.length > 0 && (
            <Text size="xs" c="dimmed" data-testid="workbench-variants">
              {t('bot.workbench.variants', { count: item.variants.length })}{' '}
              {item.variants
                .slice(0, 5)
                .map((v) => (v.count > 1 ? `${v.text} ×${v.count}` : v.text))
                .join(' · ')}
              {item.variants.length > 5 && ' …'}
            </Text>
          )}
        </Stack>
        <Group gap={4} wrap="nowrap">
          <Button
            size="compact-xs"
            variant="light"
            leftSection={<IconTextPlus size={12} />}
            onClick={onAddSimilar}
            data-testid="workbench-add-similar"
          >
            {t('bot.workbench.addSimilar')}
          </Button>
          <Button
            size="compact-xs"
            variant="light"
            color="teal"
            leftSection={<IconPlus size={12} />}
            onClick={onNewFaq}
            data-testid="workbench-new-faq"
          >
            {t('bot.workbench.newFaq')}
          </Button>
          <Button
            size="compact-xs"
            variant="subtle"
            color="gray"
            leftSection={<IconPlayerPlay size={12} />}
            onClick={onTest}
            aria-label={t('bot.workbench.test')}
            data-testid="workbench-test"
          >
            {t('bot.workbench.test')}
          </Button>
        </Group>
      </Group>
    </Card>
  );
}

/** Questions the bot could not answer well, grouped; one click turns each into training data. */
export function WorkbenchPanel({ onTest }: { onTest: (text: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [days, setDays] = useState(30);
  const workbench = useWorkbench(days);
  const [similar, setSimilar] = useState<SimilarTarget | null>(null);
  const [newFaq, setNewFaq] = useState<{ question: string; similarQuestions: string[] } | null>(null);

  const afterTraining = (text: string) => {
    void qc.invalidateQueries({ queryKey: ['bot', 'workbench'] });
    onTest(text);
  };

  return (
    <Stack gap="md" data-testid="bot-workbench">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={520}>
          {t('bot.workbench.help')}
        </Text>
        <SegmentedControl
          size="xs"
          value={String(days)}
          onChange={(v) => setDays(Number(v))}
          data={[7, 30, 90].map((d) => ({ value: String(d), label: t('bot.days', { count: d }) }))}
          aria-label={t('bot.period')}
        />
      </Group>
      <QueryState isPending={workbench.isPending} error={workbench.error} refetch={workbench.refetch} />
      {workbench.data &&
        GROUPS.map((g) => {
          const items = workbench.data[g];
          return (
            <Stack key={g} gap="xs" data-testid={`workbench-group-${g}`}>
              <Group gap={6}>
                <Title order={4} size="h5">
                  {t(`bot.workbench.groups.${g}`)}
                </Title>
                <Badge color={GROUP_COLORS[g]} variant="light" data-testid="workbench-group-count">
                  {items.length}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed">
                {t(`bot.workbench.groupHelp.${g}`)}
              </Text>
              {items.length === 0 ? (
                <Text size="sm" c="dimmed" fs="italic">
                  {t('bot.workbench.none')}
                </Text>
              ) : (
                items.map((item, i) => (
                  <Item
                    key={`${item.text}-${i}`}
                    item={item}
                    onAddSimilar={() =>
                      setSimilar({
                        text: item.text,
                        faqId: item.faq?.id ?? null,
                        variants: item.variants.map((v) => v.text),
                      })
                    }
                    onNewFaq={() =>
                      setNewFaq({
                        question: item.text,
                        similarQuestions: item.variants.map((v) => v.text),
                      })
                    }
                    onTest={() => onTest(item.text)}
                  />
                ))
              )}
            </Stack>
          );
        })}
      <AddSimilarModal
        target={similar}
        onClose={() => setSimilar(null)}
        onDone={(text) => afterTraining(text)}
      />
      <FaqEditor
        opened={newFaq !== null}
        onClose={() => setNewFaq(null)}
        faq={null}
        initial={newFaq ?? { question: '' }}
        onSaved={(faq: Faq) => afterTraining(newFaq?.question || faq.question)}
      />
    </Stack>
  );
}

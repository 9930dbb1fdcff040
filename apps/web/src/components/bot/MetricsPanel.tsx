import {
  Box,
  Card,
  Group,
  Progress,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import { useBotMetrics } from '../../kb/bot';
import type { BotMetrics } from '../../kb/types';
import { QueryState } from '../QueryState';

const rate = (n: number | null) => (n === null ? '—' : `${Math.round(n * 1000) / 10}%`);

type Day = BotMetrics['series'][number];

/** The series with the days that had nothing filled in as zeros, oldest first. */
function fillDays(series: Day[], days: number): Day[] {
  const byDay = new Map(series.map((d) => [d.day.slice(0, 10), d]));
  const last = series.length
    ? new Date(
        `${series
          .map((d) => d.day.slice(0, 10))
          .sort()
          .at(-1)}T00:00:00Z`,
      )
    : new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  const today = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  const end = last > today ? last : today;
  const out: Day[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const day = new Date(end.getTime() - i * 86_400_000).toISOString().slice(0, 10);
    out.push(
      byDay.get(day) ?? {
        day,
        conversations: 0,
        resolved: 0,
        handedOff: 0,
        messages: 0,
        unmatched: 0,
        unsure: 0,
        picked: 0,
      },
    );
  }
  return out;
}

const shortDay = (day: string) =>
  new Intl.DateTimeFormat(i18n.language, { month: 'numeric', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );

function Stat({
  label,
  value,
  help,
  testId,
}: {
  label: string;
  value: string;
  help: string;
  testId: string;
}) {
  return (
    <Card withBorder p="sm" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid="stat-value">
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {help}
      </Text>
    </Card>
  );
}

/** Daily bars: each bar is a day's bot conversations, split into resolved / handed off / other. */
function DailyChart({ series }: { series: Day[] }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...series.map((d) => d.conversations));
  const every = Math.ceil(series.length / 10);
  const legend: [string, string][] = [
    ['var(--mantine-color-teal-5)', t('bot.metrics.resolved')],
    ['var(--mantine-color-orange-5)', t('bot.metrics.handedOff')],
    ['var(--mantine-color-gray-4)', t('bot.metrics.other')],
  ];
  return (
    <Stack gap={6}>
      <Box
        role="img"
        aria-label={t('bot.metrics.chartLabel')}
        style={{ display: 'flex', alignItems: 'flex-end', gap: 2, height: 160 }}
        data-testid="metrics-chart"
      >
        {series.map((d) => {
          const other = Math.max(0, d.conversations - d.resolved - d.handedOff);
          const h = (n: number) => `${(n / max) * 100}%`;
          return (
            <Tooltip
              key={d.day}
              label={t('bot.metrics.dayTooltip', {
                day: shortDay(d.day),
                conversations: d.conversations,
                resolved: d.resolved,
                handedOff: d.handedOff,
                unmatched: d.unmatched,
              })}
            >
              <Box
                style={{
                  flex: 1,
                  height: '100%',
                  display: 'flex',
                  flexDirection: 'column-reverse',
                  minWidth: 3,
                }}
                data-testid="metrics-bar"
              >
                <Box style={{ height: h(d.resolved), background: legend[0][0] }} />
                <Box style={{ height: h(d.handedOff), background: legend[1][0] }} />
                <Box style={{ height: h(other), background: legend[2][0], borderRadius: '2px 2px 0 0' }} />
              </Box>
            </Tooltip>
          );
        })}
      </Box>
      <Box style={{ display: 'flex', gap: 2 }} aria-hidden>
        {series.map((d, i) => (
          <Text
            key={d.day}
            size="10px"
            c="dimmed"
            ta="center"
            style={{ flex: 1, minWidth: 3, overflow: 'visible' }}
          >
            {i % every === 0 ? shortDay(d.day) : ''}
          </Text>
        ))}
      </Box>
      <Group gap="md">
        {legend.map(([color, label]) => (
          <Group key={label} gap={4}>
            <Box w={10} h={10} style={{ background: color, borderRadius: 2 }} />
            <Text size="xs">{label}</Text>
          </Group>
        ))}
      </Group>
    </Stack>
  );
}

export function MetricsPanel() {
  const { t } = useTranslation();
  const [days, setDays] = useState(7);
  const metrics = useBotMetrics(days);
  const data = metrics.data;
  const top = data?.topIntents ?? [];
  const topMax = Math.max(1, ...top.map((i) => i.count));
  return (
    <Stack gap="md" data-testid="bot-metrics">
      <Group justify="flex-end">
        <SegmentedControl
          size="xs"
          value={String(days)}
          onChange={(v) => setDays(Number(v))}
          data={[7, 30, 90].map((d) => ({ value: String(d), label: t('bot.days', { count: d }) }))}
          aria-label={t('bot.period')}
          data-testid="metrics-days"
        />
      </Group>
      <QueryState isPending={metrics.isPending} error={metrics.error} refetch={metrics.refetch} />
      {data && (
        <>
          <SimpleGrid cols={{ base: 2, md: 5 }}>
            <Stat
              testId="stat-conversations"
              label={t('bot.metrics.conversations')}
              value={String(data.totals.conversations)}
              help={t('bot.metrics.conversationsHelp')}
            />
            <Stat
              testId="stat-resolution"
              label={t('bot.metrics.resolutionRate')}
              value={rate(data.totals.resolutionRate)}
              help={t('bot.metrics.resolutionHelp')}
            />
            <Stat
              testId="stat-handoff"
              label={t('bot.metrics.handoffRate')}
              value={rate(data.totals.handoffRate)}
              help={t('bot.metrics.handoffHelp')}
            />
            <Stat
              testId="stat-unmatched"
              label={t('bot.metrics.unmatchedRate')}
              value={rate(data.totals.unmatchedRate)}
              help={t('bot.metrics.unmatchedHelp')}
            />
            <Stat
              testId="stat-unsure"
              label={t('bot.metrics.unsureRate')}
              value={rate(data.totals.unsureRate)}
              help={
                data.totals.pickRate === null
                  ? t('bot.metrics.unsureHelp')
                  : t('bot.metrics.pickHelp', { rate: rate(data.totals.pickRate) })
              }
            />
          </SimpleGrid>
          <Card withBorder>
            <Title order={4} size="h5" mb="sm">
              {t('bot.metrics.daily')}
            </Title>
            <DailyChart series={fillDays(data.series, data.days || days)} />
          </Card>
          <Card withBorder data-testid="metrics-top-intents">
            <Title order={4} size="h5" mb="sm">
              {t('bot.metrics.topIntents')}
            </Title>
            {top.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('bot.metrics.noIntents')}
              </Text>
            ) : (
              <Stack gap={8}>
                {top.map((i) => (
                  <Box key={i.faqId} data-testid="metrics-intent">
                    <Group justify="space-between" gap="xs" wrap="nowrap">
                      <Text size="sm" truncate>
                        {i.question}
                      </Text>
                      <Text size="sm" fw={600}>
                        {i.count}
                      </Text>
                    </Group>
                    <Progress value={(i.count / topMax) * 100} size="sm" color="teal" />
                  </Box>
                ))}
              </Stack>
            )}
          </Card>
        </>
      )}
    </Stack>
  );
}

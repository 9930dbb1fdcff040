import { MultiSelect, NumberInput, SegmentedControl, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchFaq, kbKeys, useFaqList } from '../../kb/api';
import { MAX_SUGGESTED, SUGGESTED_MODES, type SuggestedMode, type SuggestedSettings } from '../../kb/types';

/** 「猜你想问」 of an inbox's bot: popular entries (how many), the trainer's own list (which), or none. */
export function SuggestedQuestionsField({
  value,
  onChange,
  error,
}: {
  value: SuggestedSettings;
  onChange: (next: SuggestedSettings) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<SuggestedSettings>) => onChange({ ...value, ...patch });
  return (
    <Stack gap={4} data-testid="bot-suggested">
      <Text size="sm" fw={500}>
        {t('inboxes.bot.suggested')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('inboxes.bot.suggestedHelp')}
      </Text>
      <SegmentedControl
        value={value.mode}
        onChange={(mode) => set({ mode: mode as SuggestedMode })}
        data={SUGGESTED_MODES.map((m) => ({ value: m, label: t(`inboxes.bot.suggestedModes.${m}`) }))}
        aria-label={t('inboxes.bot.suggested')}
        data-testid="bot-suggested-mode"
      />
      {value.mode === 'popular' && (
        <NumberInput
          label={t('inboxes.bot.suggestedCount')}
          description={t('inboxes.bot.suggestedPopularHelp')}
          min={1}
          max={MAX_SUGGESTED}
          clampBehavior="strict"
          allowDecimal={false}
          value={value.count}
          error={error}
          onChange={(v) => set({ count: typeof v === 'number' ? v : 4 })}
          maw={260}
          data-testid="bot-suggested-count"
        />
      )}
      {value.mode === 'pinned' && (
        <PinnedPicker ids={value.faqIds} onChange={(faqIds) => set({ faqIds })} error={error} />
      )}
    </Stack>
  );
}

function PinnedPicker({
  ids,
  onChange,
  error,
}: {
  ids: string[];
  onChange: (ids: string[]) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  // entries are found by the server's search (every page, zh/en words); the chosen ones are always options
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const found = useFaqList({ q: debounced, category: 'all' });
  const chosen = useQueries({
    queries: ids.map((id) => ({ queryKey: kbKeys.faq(id), queryFn: () => fetchFaq(id), retry: false })),
  });
  const labels = new Map<string, string>();
  for (const f of found.items) labels.set(f.id, f.question);
  chosen.forEach((q, i) => {
    if (q.data) labels.set(ids[i], q.data.question);
    else if (q.isError) labels.set(ids[i], t('inboxes.bot.suggestedGone'));
  });
  const options = [...ids, ...found.items.map((f) => f.id).filter((id) => !ids.includes(id))].map((id) => ({
    value: id,
    label: labels.get(id) ?? '…',
  }));
  return (
    <MultiSelect
      label={t('inboxes.bot.suggestedPinned')}
      description={t('inboxes.bot.suggestedPinnedHelp', { max: MAX_SUGGESTED })}
      placeholder={ids.length ? undefined : t('inboxes.bot.suggestedPick')}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // the server has already searched: show its results as they are
      filter={({ options: all }) => all}
      maxValues={MAX_SUGGESTED}
      data={options}
      value={ids}
      onChange={onChange}
      error={error}
      nothingFoundMessage={t('inboxes.bot.suggestedNone')}
      data-testid="bot-suggested-pinned"
    />
  );
}

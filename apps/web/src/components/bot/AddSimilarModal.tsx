import { Button, Checkbox, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { fetchFaq, kbKeys, useFaqList } from '../../kb/api';
import type { Faq } from '../../kb/types';
import { notifySuccess } from '../../util';
import { FormError } from '../FormError';

function AddSimilarForm({
  text: initialText,
  faqId: initialFaqId,
  variants,
  onClose,
  onDone,
}: {
  text: string;
  faqId: string | null;
  /** other wordings of the same question, offered to add at the same time */
  variants: string[];
  onClose: () => void;
  onDone: (text: string, faq: Faq) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [faqId, setFaqId] = useState<string | null>(initialFaqId);
  // entries are found by the server (every page, zh/en words); the chosen one is always an option
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const chosen = useQuery({
    queryKey: kbKeys.faq(faqId ?? ''),
    queryFn: () => fetchFaq(faqId!),
    enabled: !!faqId,
  });
  // the box shows the chosen entry's question: that is no search
  const faqs = useFaqList({ q: debounced === chosen.data?.question ? '' : debounced, category: 'all' });
  const [text, setText] = useState(initialText);
  const [withVariants, setWithVariants] = useState(true);
  const add = useMutation({
    mutationFn: async () => {
      // read the entry fresh: someone may have changed its similar questions meanwhile
      const faq = await fetchFaq(faqId!);
      const phrases = [text.trim(), ...(withVariants ? variants : [])];
      const known = new Set([faq.question, ...faq.similarQuestions]);
      const similarQuestions = [
        ...faq.similarQuestions,
        ...[...new Set(phrases)].filter((p) => p && !known.has(p)),
      ];
      return (await api.patch<{ faq: Faq }>(`/kb/faqs/${faq.id}`, { similarQuestions })).faq;
    },
    onSuccess: (faq) => {
      qc.setQueryData(kbKeys.faq(faq.id), faq);
      void qc.invalidateQueries({ queryKey: kbKeys.faqs });
      notifySuccess(t('bot.workbench.similarAdded', { question: faq.question }));
      onDone(text.trim(), faq);
      onClose();
    },
  });
  const missing = chosen.data?.id === faqId && !faqs.items.some((f) => f.id === faqId);
  const options = [...(missing ? [chosen.data!] : []), ...faqs.items].map((f) => ({
    value: f.id,
    label: f.question,
  }));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (faqId && text.trim()) add.mutate();
      }}
    >
      <Stack>
        <TextInput
          label={t('bot.workbench.phrase')}
          value={text}
          maxLength={500}
          onChange={(e) => setText(e.currentTarget.value)}
          data-testid="add-similar-text"
        />
        <Select
          label={t('bot.workbench.toEntry')}
          placeholder={t('bot.workbench.pickEntry')}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options: found }) => found}
          nothingFoundMessage={t('kb.noMatches')}
          value={faqId}
          onChange={setFaqId}
          // picking the entry already chosen changes no value: show its question again all the same
          onOptionSubmit={(id) => setSearch(options.find((o) => o.value === id)?.label ?? '')}
          allowDeselect={false}
          data={options}
          disabled={faqs.isPending}
          data-testid="add-similar-faq"
          data-autofocus
        />
        {variants.length > 0 && (
          <Checkbox
            label={t('bot.workbench.withVariants', { count: variants.length })}
            description={variants.join(' · ')}
            checked={withVariants}
            onChange={(e) => setWithVariants(e.currentTarget.checked)}
            data-testid="add-similar-variants"
          />
        )}
        <Text size="xs" c="dimmed">
          {t('bot.workbench.addSimilarHelp')}
        </Text>
        <FormError error={add.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            disabled={!faqId || !text.trim()}
            loading={add.isPending}
            data-testid="add-similar-submit"
          >
            {t('bot.workbench.addSimilar')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A customer's wording to teach, the entry it probably belongs to, and its other wordings. */
export interface SimilarTarget {
  text: string;
  faqId: string | null;
  variants?: string[];
}

/** Adds a customer's wording as a similar question (相似问法) of an FAQ entry. */
export function AddSimilarModal({
  target,
  onClose,
  onDone,
}: {
  target: SimilarTarget | null;
  onClose: () => void;
  onDone: (text: string, faq: Faq) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={!!target} onClose={onClose} title={t('bot.workbench.addSimilar')} size="lg">
      {target && (
        <AddSimilarForm
          key={`${target.text}:${target.faqId}`}
          text={target.text}
          faqId={target.faqId}
          variants={target.variants ?? []}
          onClose={onClose}
          onDone={onDone}
        />
      )}
    </Modal>
  );
}

import { Badge, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { CHANNELS, plainText } from '@kefu/shared';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api';
import { fetchFaq, kbKeys, useCategories, useFaqList } from '../../kb/api';
import type { Faq } from '../../kb/types';
import { notifyError, notifySuccess } from '../../util';
import { ConfirmModal } from '../ConfirmModal';
import { DataTable } from '../DataTable';
import { DeleteButton, EditButton } from '../IconButton';
import { LoadMore } from '../LoadMore';
import { QueryState } from '../QueryState';
import { useCanManageKb } from '../RequirePermission';
import { FaqEditor } from './FaqEditor';
import { CategoryCell, CategoryFilter, SearchField } from './ListParts';

export function faqStatus(f: Faq): { key: 'active' | 'disabled' | 'notYet' | 'expired'; color: string } {
  if (!f.enabled) return { key: 'disabled', color: 'gray' };
  const now = Date.now();
  if (f.validFrom && new Date(f.validFrom).getTime() > now) return { key: 'notYet', color: 'yellow' };
  if (f.validUntil && new Date(f.validUntil).getTime() < now) return { key: 'expired', color: 'orange' };
  return { key: 'active', color: 'teal' };
}

export function FaqList() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const manage = useCanManageKb();
  const categories = useCategories();
  const [q, setQ] = useState('');
  // the server searches (Chinese words, English stems, every page): ask it once typing pauses
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const [category, setCategory] = useState<string>('all');
  const faqs = useFaqList({ q: debouncedQ, category });
  const [editing, setEditing] = useState<Faq | null>(null);
  const [editorOpen, setEditorOpen] = useState(false);
  const [deleting, setDeleting] = useState<Faq | null>(null);

  const tree = categories.data?.tree ?? [];
  const byId = useMemo(
    () => new Map((categories.data?.items ?? []).map((c) => [c.id, c])),
    [categories.data],
  );
  const items = faqs.items;
  const searching = debouncedQ !== q.trim() || (faqs.isFetching && faqs.isPlaceholderData);

  const remove = useMutation({
    mutationFn: (id: string) => api.del(`/kb/faqs/${id}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: kbKeys.faqs });
      void qc.invalidateQueries({ queryKey: kbKeys.categories });
      notifySuccess(t('kb.deleted'));
      setDeleting(null);
    },
    onError: notifyError,
  });

  const open = (f: Faq | null) => {
    setEditing(f);
    setEditorOpen(true);
  };

  // /app/kb?faq=<id> (e.g. from a bot answer in a conversation) shows that entry, wherever it is in the list
  const [params, setParams] = useSearchParams();
  const linked = params.get('faq');
  useEffect(() => {
    if (!linked) return;
    setParams(
      (p) => {
        p.delete('faq');
        return p;
      },
      { replace: true },
    );
    fetchFaq(linked).then((f) => {
      if (manage) open(f);
      else setQ(f.question);
    }, notifyError);
  }, [linked]);

  return (
    <Stack gap="md">
      <Group gap="sm" align="flex-end">
        <SearchField
          label={t('kb.faq.search')}
          value={q}
          onChange={setQ}
          busy={searching}
          testId="faq-search"
        />
        <CategoryFilter
          tree={tree}
          value={category}
          onChange={setCategory}
          w={240}
          testId="faq-category-filter"
        />
        {manage && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => open(null)} data-testid="faq-create">
            {t('kb.faq.create')}
          </Button>
        )}
      </Group>
      <QueryState isPending={faqs.isPending} error={faqs.error} refetch={faqs.refetch} />
      {faqs.data && (
        <Card withBorder p={0}>
          <DataTable
            minWidth={760}
            verticalSpacing="sm"
            testId="faq-table"
            columns={[
              t('kb.faq.question'),
              t('kb.category'),
              t('kb.tags'),
              t('kb.status'),
              ...(manage ? [''] : []),
            ]}
            items={items}
            empty={q || category !== 'all' ? t('kb.noMatches') : t('kb.faq.empty')}
            row={(f) => {
              const status = faqStatus(f);
              return (
                <Table.Tr key={f.id} data-testid="faq-row" data-faq-id={f.id}>
                  <Table.Td maw={460}>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" fw={500} data-testid="faq-row-question">
                        {f.question}
                      </Text>
                      {f.locale === 'en' && (
                        <Badge size="xs" variant="outline" color="gray">
                          EN
                        </Badge>
                      )}
                    </Group>
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {plainText(f.answer.text)}
                    </Text>
                    {f.similarQuestions.length > 0 && (
                      <Text size="xs" c="dimmed" mt={2}>
                        {t('kb.faq.similarCount', { count: f.similarQuestions.length })}
                      </Text>
                    )}
                    {CHANNELS.some((c) => f.channelAnswers[c]) && (
                      <Text size="xs" c="dimmed" mt={2} data-testid="faq-row-channels">
                        {t('kb.faq.ownAnswers', {
                          channels: CHANNELS.filter((c) => f.channelAnswers[c])
                            .map((c) => t(`inboxes.channels.${c}`))
                            .join(' · '),
                        })}
                      </Text>
                    )}
                  </Table.Td>
                  <CategoryCell category={f.categoryId ? byId.get(f.categoryId) : undefined} />
                  <Table.Td>
                    <Group gap={4}>
                      {f.tags.map((tag) => (
                        <Badge key={tag} size="xs" variant="light" color="gray" tt="none">
                          {tag}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={status.color}>
                      {t(`kb.faq.state.${status.key}`)}
                    </Badge>
                  </Table.Td>
                  {manage && (
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <EditButton onClick={() => open(f)} testId="faq-edit" />
                        <DeleteButton onClick={() => setDeleting(f)} testId="faq-delete" />
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            }}
          />
        </Card>
      )}
      <LoadMore list={faqs} />
      {faqs.data && (
        <Text size="xs" c="dimmed" data-testid="faq-count">
          {faqs.hasNextPage
            ? t('kb.faq.shownMore', { count: items.length })
            : t('kb.faq.shown', { count: items.length })}
        </Text>
      )}
      <FaqEditor opened={editorOpen} onClose={() => setEditorOpen(false)} faq={editing} />
      <ConfirmModal
        opened={!!deleting}
        message={t('kb.faq.confirmDelete', { question: deleting?.question ?? '' })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}

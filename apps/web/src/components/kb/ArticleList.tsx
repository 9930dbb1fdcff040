import { Badge, Button, Card, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { subtreeIds, useArticles, useCategories } from '../../kb/api';
import type { ArticleStatus, ArticleSummary } from '../../kb/types';
import { formatDateTime } from '../../util';
import { DataTable } from '../DataTable';
import { QueryState } from '../QueryState';
import { useCanManageKb } from '../RequirePermission';
import { CategoryCell, CategoryFilter, SearchField } from './ListParts';

export const LOCALE_BADGE: Record<string, string> = { 'zh-CN': '中文', en: 'EN' };

export function articleTitle(a: Pick<ArticleSummary, 'titles' | 'slug'>, locale: 'zh-CN' | 'en'): string {
  return a.titles[locale] || a.titles['zh-CN'] || a.titles.en || a.slug;
}

export function ArticleList() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const navigate = useNavigate();
  const manage = useCanManageKb();
  const articles = useArticles();
  const categories = useCategories();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<'all' | ArticleStatus>('all');
  const [category, setCategory] = useState('all');
  const tree = categories.data?.tree;
  const byId = useMemo(
    () => new Map((categories.data?.items ?? []).map((c) => [c.id, c])),
    [categories.data],
  );
  const list = useMemo(() => {
    const ids = category === 'all' || category === 'none' ? null : subtreeIds(tree ?? [], category);
    const words = q.trim().toLowerCase().split(/\s+/).filter(Boolean);
    return (articles.data ?? []).filter((a) => {
      if (status !== 'all' && a.status !== status) return false;
      if (category === 'none' && a.categoryId) return false;
      if (ids && (!a.categoryId || !ids.has(a.categoryId))) return false;
      const hay = [a.slug, ...Object.values(a.titles), ...a.tags].join('\n').toLowerCase();
      return words.every((w) => hay.includes(w));
    });
  }, [articles.data, q, status, category, tree]);

  return (
    <Stack gap="md">
      <Group gap="sm" align="flex-end">
        <SearchField label={t('kb.article.search')} value={q} onChange={setQ} testId="article-search" />
        <SegmentedControl
          value={status}
          onChange={(v) => setStatus(v as typeof status)}
          data={[
            { value: 'all', label: t('kb.article.all') },
            { value: 'draft', label: t('kb.article.status.draft') },
            { value: 'published', label: t('kb.article.status.published') },
          ]}
          data-testid="article-status-filter"
        />
        <CategoryFilter tree={tree ?? []} value={category} onChange={setCategory} w={220} />
        {manage && (
          <Button
            component={Link}
            to="/app/kb/articles/new"
            leftSection={<IconPlus size={16} />}
            data-testid="article-create"
          >
            {t('kb.article.create')}
          </Button>
        )}
      </Group>
      <QueryState isPending={articles.isPending} error={articles.error} refetch={articles.refetch} />
      {articles.data && (
        <Card withBorder p={0}>
          <DataTable
            minWidth={760}
            verticalSpacing="sm"
            highlightOnHover
            columns={[
              t('kb.article.titleField'),
              t('kb.category'),
              t('kb.status'),
              t('kb.article.languages'),
              t('kb.article.views'),
              t('kb.article.updated'),
            ]}
            items={list}
            empty={articles.data.length ? t('kb.noMatches') : t('kb.article.empty')}
            row={(a) => {
              return (
                <Table.Tr
                  key={a.id}
                  data-testid="article-row"
                  style={{ cursor: 'pointer' }}
                  onClick={() => navigate(`/app/kb/articles/${a.id}`)}
                >
                  <Table.Td maw={420}>
                    <Text
                      component={Link}
                      to={`/app/kb/articles/${a.id}`}
                      size="sm"
                      fw={500}
                      onClick={(e) => e.stopPropagation()}
                    >
                      {articleTitle(a, locale)}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {a.slug}
                    </Text>
                  </Table.Td>
                  <CategoryCell category={a.categoryId ? byId.get(a.categoryId) : undefined} />
                  <Table.Td>
                    <Badge
                      size="sm"
                      variant="light"
                      color={a.status === 'published' ? 'teal' : 'gray'}
                      data-testid="article-status"
                    >
                      {t(`kb.article.status.${a.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {a.locales.map((l) => (
                        <Badge key={l} size="xs" variant="outline" color="indigo">
                          {LOCALE_BADGE[l] ?? l}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{a.views}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(a.updatedAt)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            }}
          />
        </Card>
      )}
    </Stack>
  );
}

import {
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { categoryName, categoryOptions, subtreeIds, useArticles, useCategories } from '../../kb/api';
import type { ArticleStatus, ArticleSummary } from '../../kb/types';
import { formatDateTime } from '../../util';
import { QueryState } from '../QueryState';
import { useCanManageKb } from '../RequirePermission';

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
        <TextInput
          style={{ flex: 1, minWidth: 200 }}
          leftSection={<IconSearch size={16} />}
          placeholder={t('kb.article.search')}
          aria-label={t('kb.article.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          data-testid="article-search"
        />
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
        <Select
          w={220}
          aria-label={t('kb.category')}
          value={category}
          allowDeselect={false}
          searchable
          onChange={(v) => setCategory(v ?? 'all')}
          data={[
            { value: 'all', label: t('kb.allCategories') },
            { value: 'none', label: t('kb.noCategory') },
            ...categoryOptions(tree ?? [], locale),
          ]}
        />
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
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('kb.article.titleField')}</Table.Th>
                  <Table.Th>{t('kb.category')}</Table.Th>
                  <Table.Th>{t('kb.status')}</Table.Th>
                  <Table.Th>{t('kb.article.languages')}</Table.Th>
                  <Table.Th>{t('kb.article.views')}</Table.Th>
                  <Table.Th>{t('kb.article.updated')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={6}>
                      <Text c="dimmed" ta="center" py="md">
                        {articles.data.length ? t('kb.noMatches') : t('kb.article.empty')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {list.map((a) => {
                  const cat = a.categoryId ? byId.get(a.categoryId) : undefined;
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
                      <Table.Td>
                        <Text size="sm">{cat ? categoryName(cat, locale) : t('common.none')}</Text>
                      </Table.Td>
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
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
    </Stack>
  );
}

import { Loader, Select, Table, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { categoryName, categoryOptions } from '../../kb/api';
import type { KbCategory, KbCategoryNode } from '../../kb/types';

/** Parts the FAQ and article lists share: the search box, the category filter and the category column. */

/** The search box above a knowledge-base list; `busy` shows a spinner while a search runs. */
export function SearchField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  busy?: boolean;
  testId: string;
}) {
  return (
    <TextInput
      style={{ flex: 1, minWidth: 200 }}
      leftSection={<IconSearch size={16} />}
      placeholder={props.label}
      aria-label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      rightSection={props.busy ? <Loader size={14} /> : null}
      data-testid={props.testId}
    />
  );
}

/** The category filter of a knowledge-base list: 'all', 'none' (no category) or a category's id. */
export function CategoryFilter(props: {
  tree: KbCategoryNode[];
  value: string;
  onChange: (value: string) => void;
  w: number;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <Select
      w={props.w}
      aria-label={t('kb.category')}
      value={props.value}
      allowDeselect={false}
      searchable
      onChange={(v) => props.onChange(v ?? 'all')}
      data={[
        { value: 'all', label: t('kb.allCategories') },
        { value: 'none', label: t('kb.noCategory') },
        ...categoryOptions(props.tree, locale),
      ]}
      data-testid={props.testId}
    />
  );
}

/** A list row's category cell: its name in the UI's language, or "none". */
export function CategoryCell({ category }: { category: KbCategory | undefined }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <Table.Td>
      <Text size="sm">{category ? categoryName(category, locale) : t('common.none')}</Text>
    </Table.Td>
  );
}

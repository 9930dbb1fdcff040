import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  CloseButton,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconAlertTriangle, IconFolderPlus, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, type Locale } from '../../api';
import { categoryName, categoryOptions, flattenTree, kbKeys, useCategories } from '../../kb/api';
import { KB_LOCALES, type KbCategory, type KbCategoryNode } from '../../kb/types';
import { errorMessage, notifySuccess } from '../../util';
import { ConfirmModal } from '../ConfirmModal';
import { FormError } from '../FormError';
import { DeleteButton, EditButton, IconButton } from '../IconButton';
import { QueryState } from '../QueryState';
import { useCanManageKb } from '../RequirePermission';

const LANG_LABEL: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

interface Editing {
  category: KbCategory | null;
  parentId: string | null;
}

function CategoryForm({
  editing,
  tree,
  onClose,
}: {
  editing: Editing;
  tree: KbCategoryNode[];
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const c = editing.category;
  const [names, setNames] = useState<Record<Locale, string>>({
    'zh-CN': c?.names['zh-CN'] ?? '',
    en: c?.names.en ?? '',
  });
  const [descriptions, setDescriptions] = useState<Record<Locale, string>>({
    'zh-CN': c?.descriptions['zh-CN'] ?? '',
    en: c?.descriptions.en ?? '',
  });
  const [parentId, setParentId] = useState<string | null>(c ? c.parentId : editing.parentId);
  const [position, setPosition] = useState<number>(c?.position ?? 0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<unknown>(null);

  const save = useMutation({
    mutationFn: () => {
      const pick = (r: Record<Locale, string>) =>
        Object.fromEntries(KB_LOCALES.filter((l) => r[l].trim()).map((l) => [l, r[l].trim()]));
      const body = {
        names: pick(names),
        descriptions: Object.fromEntries(KB_LOCALES.map((l) => [l, descriptions[l].trim()])),
        parentId,
        position,
      };
      return c
        ? api.patch<{ category: KbCategory }>(`/kb/categories/${c.id}`, body)
        : api.post<{ category: KbCategory }>('/kb/categories', body);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: kbKeys.categories });
      notifySuccess(t('common.saved'));
      onClose();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'category_cycle') setErrors({ parentId: errorMessage(e) });
      else setGeneral(e);
    },
  });

  const validate = () => {
    const next: Record<string, string> = {};
    if (!KB_LOCALES.some((l) => names[l].trim())) next.names = t('kb.categories.needName');
    setErrors(next);
    return Object.keys(next).length === 0;
  };

  const locale: Locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (validate()) save.mutate();
      }}
    >
      <Stack>
        <SimpleGrid cols={2}>
          {KB_LOCALES.map((l) => (
            <TextInput
              key={l}
              label={`${t('kb.categories.name')} (${LANG_LABEL[l]})`}
              value={names[l]}
              maxLength={100}
              error={errors.names && l === 'zh-CN' ? errors.names : undefined}
              onChange={(e) => setNames({ ...names, [l]: e.currentTarget.value })}
              data-testid={`category-name-${l}`}
              data-autofocus={l === locale || undefined}
            />
          ))}
          {KB_LOCALES.map((l) => (
            <TextInput
              key={l}
              label={`${t('kb.categories.description')} (${LANG_LABEL[l]})`}
              value={descriptions[l]}
              maxLength={500}
              onChange={(e) => setDescriptions({ ...descriptions, [l]: e.currentTarget.value })}
            />
          ))}
        </SimpleGrid>
        <SimpleGrid cols={2}>
          <Select
            label={t('kb.categories.parent')}
            placeholder={t('kb.categories.topLevel')}
            clearable
            searchable
            value={parentId}
            error={errors.parentId}
            onChange={setParentId}
            data={categoryOptions(tree, locale, c?.id)}
            data-testid="category-parent"
          />
          <NumberInput
            label={t('kb.categories.position')}
            description={t('kb.categories.positionHelp')}
            min={0}
            max={100000}
            value={position}
            onChange={(v) => setPosition(typeof v === 'number' ? v : Number(v) || 0)}
          />
        </SimpleGrid>
        <FormError error={general} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="category-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function CategoryTree() {
  const { t, i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const other: Locale = locale === 'en' ? 'zh-CN' : 'en';
  const qc = useQueryClient();
  const manage = useCanManageKb();
  const categories = useCategories();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<KbCategory | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const remove = useMutation({
    mutationFn: (id: string) => api.del(`/kb/categories/${id}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: kbKeys.categories });
      notifySuccess(t('kb.deleted'));
      setDeleting(null);
    },
    onError: (e) => {
      setDeleting(null);
      if (e instanceof ApiError && e.code === 'category_not_empty') {
        const d = (e.details ?? {}) as { children?: number; articles?: number; faqs?: number };
        setProblem(
          t('kb.categories.notEmpty', {
            children: d.children ?? 0,
            articles: d.articles ?? 0,
            faqs: d.faqs ?? 0,
          }),
        );
      } else setProblem(errorMessage(e));
    },
  });

  const rows = flattenTree(categories.data?.tree ?? []);
  return (
    <Stack gap="md">
      {manage && (
        <Group justify="flex-end">
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setEditing({ category: null, parentId: null })}
            data-testid="category-create"
          >
            {t('kb.categories.create')}
          </Button>
        </Group>
      )}
      {problem && (
        <Alert
          color="orange"
          icon={<IconAlertTriangle size={18} />}
          data-testid="category-error"
          withCloseButton={false}
        >
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Text size="sm">{problem}</Text>
            <CloseButton size="sm" aria-label={t('common.close')} onClick={() => setProblem(null)} />
          </Group>
        </Alert>
      )}
      <QueryState isPending={categories.isPending} error={categories.error} refetch={categories.refetch} />
      {categories.data && (
        <Card withBorder p={0} data-testid="category-tree">
          {rows.length === 0 && (
            <Text c="dimmed" ta="center" py="md">
              {t('kb.categories.empty')}
            </Text>
          )}
          {rows.map(({ node, depth }) => (
            <Group
              key={node.id}
              justify="space-between"
              wrap="nowrap"
              px="md"
              py={8}
              style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
              data-testid="category-row"
              data-category-id={node.id}
            >
              <Box style={{ paddingLeft: depth * 24, minWidth: 0 }}>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={depth === 0 ? 600 : 500} truncate data-testid="category-name">
                    {categoryName(node, locale)}
                  </Text>
                  {node.names[other] && node.names[other] !== categoryName(node, locale) && (
                    <Text size="xs" c="dimmed" truncate>
                      {node.names[other]}
                    </Text>
                  )}
                </Group>
                {node.descriptions[locale] && (
                  <Text size="xs" c="dimmed" truncate>
                    {node.descriptions[locale]}
                  </Text>
                )}
              </Box>
              <Group gap={6} wrap="nowrap">
                <Badge size="sm" variant="light" color="indigo">
                  {t('kb.categories.articles', { count: node.articleCount })}
                </Badge>
                <Badge size="sm" variant="light" color="teal">
                  {t('kb.categories.faqs', { count: node.faqCount })}
                </Badge>
                {manage && (
                  <>
                    <IconButton
                      label={t('kb.categories.addChild')}
                      icon={<IconFolderPlus size={16} />}
                      onClick={() => setEditing({ category: null, parentId: node.id })}
                    />
                    <EditButton
                      onClick={() => setEditing({ category: node, parentId: node.parentId })}
                      testId="category-edit"
                    />
                    <DeleteButton
                      onClick={() => {
                        setProblem(null);
                        setDeleting(node);
                      }}
                      testId="category-delete"
                    />
                  </>
                )}
              </Group>
            </Group>
          ))}
        </Card>
      )}
      <Modal
        opened={!!editing}
        onClose={() => setEditing(null)}
        title={editing?.category ? t('kb.categories.edit') : t('kb.categories.create')}
        size="lg"
      >
        {editing && (
          <CategoryForm
            key={editing.category?.id ?? `new-${editing.parentId}`}
            editing={editing}
            tree={categories.data?.tree ?? []}
            onClose={() => setEditing(null)}
          />
        )}
      </Modal>
      <ConfirmModal
        opened={!!deleting}
        message={t('kb.categories.confirmDelete', { name: deleting ? categoryName(deleting, locale) : '' })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}

import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { IconArrowLeft, IconExternalLink, IconHistory, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, api, type Locale } from '../api';
import { ConfirmModal } from '../components/ConfirmModal';
import { FormError } from '../components/FormError';
import { QueryState } from '../components/QueryState';
import { useCanManageKb } from '../components/RequirePermission';
import { articleTitle } from '../components/kb/ArticleList';
import { ArticleVersions } from '../components/kb/ArticleVersions';
import { categoryOptions, kbKeys, useArticle, useCategories, useTenant } from '../kb/api';
import { MarkdownPreview } from '../kb/Markdown';
import { KB_LOCALES, type Article } from '../kb/types';
import { formatDateTime, notifyError, notifySuccess } from '../util';

interface Tr {
  title: string;
  description: string;
  bodyMd: string;
}

interface FormState {
  slug: string;
  categoryId: string | null;
  tags: string[];
  translations: Record<Locale, Tr>;
}

const EMPTY: Tr = { title: '', description: '', bodyMd: '' };
const SLUG_RE = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const LANG_LABEL: Record<Locale, string> = { 'zh-CN': '简体中文', en: 'English' };

const filled = (tr: Tr) => !!(tr.title.trim() || tr.description.trim() || tr.bodyMd.trim());

function toForm(a: Article | undefined): FormState {
  return {
    slug: a?.slug ?? '',
    categoryId: a?.categoryId ?? null,
    tags: a?.tags ?? [],
    translations: {
      'zh-CN': { ...EMPTY, ...(a?.translations['zh-CN'] ?? {}) },
      en: { ...EMPTY, ...(a?.translations.en ?? {}) },
    },
  };
}

function ArticleForm({ article }: { article?: Article }) {
  const { t, i18n } = useTranslation();
  const uiLocale: Locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const navigate = useNavigate();
  const qc = useQueryClient();
  const manage = useCanManageKb();
  const readOnly = !manage;
  const categories = useCategories();
  const tenant = useTenant();
  const [form, setForm] = useState<FormState>(() => toForm(article));
  const [tab, setTab] = useState<Locale>(
    article && !article.translations[uiLocale] ? (article.locales[0] ?? uiLocale) : uiLocale,
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<unknown>(null);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [deleting, setDeleting] = useState(false);

  const setTr = (locale: Locale, patch: Partial<Tr>) =>
    setForm((f) => ({
      ...f,
      translations: { ...f.translations, [locale]: { ...f.translations[locale], ...patch } },
    }));

  const validate = () => {
    const next: Record<string, string> = {};
    if (form.slug.trim() && !SLUG_RE.test(form.slug.trim())) next.slug = t('kb.article.slugRule');
    const present = KB_LOCALES.filter((l) => filled(form.translations[l]));
    if (present.length === 0) next.translations = t('kb.article.needLanguage');
    for (const l of present)
      if (!form.translations[l].title.trim()) next[`${l}.title`] = t('validation.required');
    setErrors(next);
    const firstBad = KB_LOCALES.find((l) => next[`${l}.title`]);
    if (firstBad) setTab(firstBad);
    return Object.keys(next).length === 0;
  };

  const onError = (e: unknown) => {
    setGeneral(null);
    if (e instanceof ApiError && e.code === 'slug_taken') {
      setErrors({ slug: t('errors.slug_taken') });
      return;
    }
    if (e instanceof ApiError && e.fieldErrors.length && e.code === 'validation_failed') {
      const next: Record<string, string> = {};
      for (const f of e.fieldErrors) {
        const path = f.field
          .replace(/^\/?(body[./])?/, '')
          .replace(/\//g, '.')
          .split('.');
        if (path[0] === 'translations' && path[1] && path[2]) next[`${path[1]}.${path[2]}`] = f.message;
        else if (['slug', 'tags', 'categoryId'].includes(path[0])) next[path[0]] = f.message;
      }
      setErrors(next);
      if (Object.keys(next).length === 0) setGeneral(e);
      return;
    }
    setGeneral(e);
  };

  const save = useMutation({
    mutationFn: async (then: 'none' | 'publish' | 'unpublish') => {
      const translations = Object.fromEntries(
        KB_LOCALES.filter((l) => filled(form.translations[l])).map((l) => {
          const tr = form.translations[l];
          return [l, { title: tr.title.trim(), description: tr.description, bodyMd: tr.bodyMd }];
        }),
      );
      const body = {
        ...(form.slug.trim() ? { slug: form.slug.trim() } : {}),
        categoryId: form.categoryId,
        tags: form.tags,
        translations,
      };
      let saved: Article;
      if (!article) {
        saved = (
          await api.post<{ article: Article }>('/kb/articles', {
            ...body,
            status: then === 'publish' ? 'published' : 'draft',
          })
        ).article;
      } else {
        saved = (await api.patch<{ article: Article }>(`/kb/articles/${article.id}`, body)).article;
        // a language emptied in the editor is removed
        for (const l of article.locales)
          if (!(l in translations))
            saved = (await api.del<{ article: Article }>(`/kb/articles/${article.id}/translations/${l}`))
              .article;
        if (then !== 'none')
          saved = (await api.post<{ article: Article }>(`/kb/articles/${article.id}/${then}`)).article;
      }
      return { saved, then };
    },
    onSuccess: ({ saved, then }) => {
      qc.setQueryData(kbKeys.article(saved.id), saved);
      void qc.invalidateQueries({ queryKey: kbKeys.articles });
      void qc.invalidateQueries({ queryKey: kbKeys.versions(saved.id) });
      void qc.invalidateQueries({ queryKey: kbKeys.categories });
      setErrors({});
      setGeneral(null);
      notifySuccess(
        then === 'publish'
          ? t('kb.article.published')
          : then === 'unpublish'
            ? t('kb.article.unpublished')
            : t('common.saved'),
      );
      if (!article) navigate(`/app/kb/articles/${saved.id}`, { replace: true });
    },
    onError,
  });

  const remove = useMutation({
    mutationFn: () => api.del(`/kb/articles/${article!.id}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: kbKeys.articles });
      void qc.invalidateQueries({ queryKey: kbKeys.categories });
      notifySuccess(t('kb.deleted'));
      navigate('/app/kb/articles');
    },
    onError: notifyError,
  });

  const run = (then: 'none' | 'publish' | 'unpublish') => {
    if (validate()) save.mutate(then);
  };

  const published = article?.status === 'published';
  const slug = tenant.data?.tenant.slug;
  const publicUrl = article && slug ? `/help/${slug}/articles/${article.slug}` : null;

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        run('none');
      }}
      data-testid="article-form"
    >
      <Stack>
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Title order={2} size="h3" data-testid="page-title">
              {article ? articleTitle(article, uiLocale) : t('kb.article.create')}
            </Title>
            {article && (
              <Group gap={6}>
                <Badge color={published ? 'teal' : 'gray'} variant="light" data-testid="article-status">
                  {t(`kb.article.status.${article.status}`)}
                </Badge>
                <Text size="xs" c="dimmed">
                  {t('kb.article.versionN', { version: article.version })} ·{' '}
                  {formatDateTime(article.updatedAt)}
                  {article.author ? ` · ${article.author.name}` : ''}
                </Text>
                <Text size="xs" c="dimmed">
                  ·{' '}
                  {t('kb.article.stats', {
                    views: article.views,
                    yes: article.helpful.yes,
                    no: article.helpful.no,
                  })}
                </Text>
              </Group>
            )}
          </Stack>
          {article && (
            <Group gap="xs">
              {publicUrl && published && (
                <Button
                  component="a"
                  href={publicUrl}
                  target="_blank"
                  rel="noopener noreferrer"
                  variant="default"
                  size="xs"
                  leftSection={<IconExternalLink size={14} />}
                  data-testid="article-public-link"
                >
                  {t('kb.article.viewPublic')}
                </Button>
              )}
              <Button
                variant="default"
                size="xs"
                leftSection={<IconHistory size={14} />}
                onClick={() => setVersionsOpen(true)}
                data-testid="article-versions-open"
              >
                {t('kb.article.versions')}
              </Button>
              {manage && (
                <Button
                  variant="subtle"
                  color="red"
                  size="xs"
                  leftSection={<IconTrash size={14} />}
                  onClick={() => setDeleting(true)}
                >
                  {t('common.delete')}
                </Button>
              )}
            </Group>
          )}
        </Group>
        {publicUrl && !published && (
          <Text size="xs" c="dimmed">
            {t('kb.article.draftHint', { url: publicUrl })}
          </Text>
        )}
        <Card withBorder>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('kb.article.slug')}
              description={t('kb.article.slugHelp')}
              value={form.slug}
              error={errors.slug}
              readOnly={readOnly}
              maxLength={80}
              onChange={(e) => setForm({ ...form, slug: e.currentTarget.value.toLowerCase() })}
              data-testid="article-slug"
            />
            <Select
              label={t('kb.category')}
              description={t('kb.article.categoryHelp')}
              placeholder={t('kb.noCategory')}
              clearable
              searchable
              readOnly={readOnly}
              value={form.categoryId}
              error={errors.categoryId}
              onChange={(v) => setForm({ ...form, categoryId: v })}
              data={categoryOptions(categories.data?.tree ?? [], uiLocale)}
              data-testid="article-category"
            />
            <TagsInput
              label={t('kb.tags')}
              description={t('kb.tagsPlaceholder')}
              value={form.tags}
              readOnly={readOnly}
              maxTags={20}
              error={errors.tags}
              onChange={(tags) => setForm({ ...form, tags: tags.map((x) => x.trim()).filter(Boolean) })}
              data-testid="article-tags"
            />
          </SimpleGrid>
        </Card>
        <Card withBorder>
          <Tabs value={tab} onChange={(v) => v && setTab(v as Locale)}>
            <Tabs.List>
              {KB_LOCALES.map((l) => (
                <Tabs.Tab
                  key={l}
                  value={l}
                  data-testid={`article-tab-${l}`}
                  rightSection={
                    filled(form.translations[l]) ? (
                      <Badge size="xs" variant="light" color="teal">
                        ✓
                      </Badge>
                    ) : (
                      <Badge size="xs" variant="light" color="gray">
                        {t('kb.article.missing')}
                      </Badge>
                    )
                  }
                >
                  {LANG_LABEL[l]}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            {KB_LOCALES.map((l) => {
              const tr = form.translations[l];
              return (
                <Tabs.Panel key={l} value={l} pt="md">
                  <Stack>
                    <Text size="xs" c="dimmed">
                      {t('kb.article.languageHelp')}
                    </Text>
                    <TextInput
                      label={t('kb.article.titleField')}
                      value={tr.title}
                      error={errors[`${l}.title`]}
                      readOnly={readOnly}
                      maxLength={200}
                      onChange={(e) => setTr(l, { title: e.currentTarget.value })}
                      data-testid={`article-title-${l}`}
                    />
                    <TextInput
                      label={t('kb.article.description')}
                      description={t('kb.article.descriptionHelp')}
                      value={tr.description}
                      error={errors[`${l}.description`]}
                      readOnly={readOnly}
                      maxLength={500}
                      onChange={(e) => setTr(l, { description: e.currentTarget.value })}
                      data-testid={`article-description-${l}`}
                    />
                    <SimpleGrid cols={{ base: 1, md: 2 }}>
                      <Textarea
                        label={t('kb.article.body')}
                        description={t('kb.article.bodyHelp')}
                        autosize
                        minRows={14}
                        maxRows={40}
                        readOnly={readOnly}
                        value={tr.bodyMd}
                        error={errors[`${l}.bodyMd`]}
                        onChange={(e) => setTr(l, { bodyMd: e.currentTarget.value })}
                        styles={{
                          input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 },
                        }}
                        data-testid={`article-body-${l}`}
                      />
                      <Stack gap={4}>
                        <Text size="sm" fw={500}>
                          {t('kb.preview')}
                        </Text>
                        <MarkdownPreview source={tr.bodyMd} mih={300} style={{ overflow: 'auto' }} />
                      </Stack>
                    </SimpleGrid>
                  </Stack>
                </Tabs.Panel>
              );
            })}
          </Tabs>
          {errors.translations && (
            <Text size="sm" c="red" mt="sm">
              {errors.translations}
            </Text>
          )}
        </Card>
        <FormError error={general} />
        {manage && (
          <Group justify="flex-end">
            {published ? (
              <>
                <Button
                  variant="default"
                  loading={save.isPending && save.variables === 'unpublish'}
                  onClick={() => run('unpublish')}
                  data-testid="article-unpublish"
                >
                  {t('kb.article.unpublish')}
                </Button>
                <Button
                  type="submit"
                  loading={save.isPending && save.variables === 'none'}
                  data-testid="article-save"
                >
                  {t('kb.article.saveLive')}
                </Button>
              </>
            ) : (
              <>
                <Button
                  type="submit"
                  variant="default"
                  loading={save.isPending && save.variables === 'none'}
                  data-testid="article-save"
                >
                  {t('kb.article.saveDraft')}
                </Button>
                <Button
                  loading={save.isPending && save.variables === 'publish'}
                  onClick={() => run('publish')}
                  data-testid="article-publish"
                >
                  {t('kb.article.publish')}
                </Button>
              </>
            )}
          </Group>
        )}
      </Stack>
      {article && (
        <ArticleVersions
          article={article}
          opened={versionsOpen}
          onClose={() => setVersionsOpen(false)}
          canRestore={manage}
        />
      )}
      <ConfirmModal
        opened={deleting}
        message={t('kb.article.confirmDelete')}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setDeleting(false)}
      />
    </form>
  );
}

export function ArticleEditorPage() {
  const { t } = useTranslation();
  const { articleId } = useParams();
  const isNew = articleId === 'new';
  const article = useArticle(isNew ? undefined : articleId);
  return (
    <Stack maw={1200}>
      <Anchor component={Link} to="/app/kb/articles" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t('kb.article.back')}
        </Group>
      </Anchor>
      {isNew ? (
        <ArticleForm />
      ) : (
        <>
          <QueryState isPending={article.isPending} error={article.error} refetch={article.refetch} />
          {article.data && (
            <ArticleForm key={`${article.data.id}:${article.data.updatedAt}`} article={article.data} />
          )}
        </>
      )}
    </Stack>
  );
}

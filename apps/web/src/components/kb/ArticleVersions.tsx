import { Badge, Button, Card, Drawer, Group, Paper, Stack, Text } from '@mantine/core';
import { IconRestore } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { kbKeys, useArticleVersions } from '../../kb/api';
import { Markdown } from '../../kb/Markdown';
import type { Article, ArticleVersion } from '../../kb/types';
import { formatDateTime, notifyError, notifySuccess } from '../../util';
import { ConfirmModal } from '../ConfirmModal';
import { QueryState } from '../QueryState';
import { LOCALE_BADGE } from './ArticleList';

/** Version history of an article with a look at each version and "restore". */
export function ArticleVersions({
  article,
  opened,
  onClose,
  canRestore,
}: {
  article: Article;
  opened: boolean;
  onClose: () => void;
  canRestore: boolean;
}) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const versions = useArticleVersions(article.id, opened);
  const [open, setOpen] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<ArticleVersion | null>(null);
  const restore = useMutation({
    mutationFn: (v: ArticleVersion) =>
      api.post<{ article: Article }>(`/kb/articles/${article.id}/versions/${v.id}/restore`),
    onSuccess: ({ article: restored }) => {
      qc.setQueryData(kbKeys.article(article.id), restored);
      void qc.invalidateQueries({ queryKey: kbKeys.versions(article.id) });
      void qc.invalidateQueries({ queryKey: kbKeys.articles });
      notifySuccess(t('kb.article.restored', { version: restoring?.version ?? '' }));
      setRestoring(null);
      onClose();
    },
    onError: notifyError,
  });
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="lg"
      title={t('kb.article.versions')}
      data-testid="article-versions"
    >
      <QueryState isPending={versions.isPending} error={versions.error} refetch={versions.refetch} />
      <Stack gap="sm">
        {(versions.data ?? []).map((v) => {
          const tr = v.snapshot.translations[locale] ?? Object.values(v.snapshot.translations)[0];
          const current = v.version === article.version;
          return (
            <Card key={v.id} withBorder p="sm" data-testid="article-version">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Group gap={6}>
                    <Text fw={600} size="sm">
                      {t('kb.article.versionN', { version: v.version })}
                    </Text>
                    {current && (
                      <Badge size="xs" color="teal" variant="light">
                        {t('kb.article.currentVersion')}
                      </Badge>
                    )}
                    {Object.keys(v.snapshot.translations).map((l) => (
                      <Badge key={l} size="xs" variant="outline" color="indigo">
                        {LOCALE_BADGE[l] ?? l}
                      </Badge>
                    ))}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(v.createdAt)} · {v.createdBy?.name ?? t('common.none')}
                    {v.note ? ` · ${v.note}` : ''}
                  </Text>
                  <Text size="sm" truncate>
                    {tr?.title}
                  </Text>
                </Stack>
                <Group gap={4} wrap="nowrap">
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    onClick={() => setOpen(open === v.id ? null : v.id)}
                  >
                    {open === v.id ? t('kb.article.hide') : t('kb.article.show')}
                  </Button>
                  {canRestore && !current && (
                    <Button
                      size="compact-xs"
                      variant="light"
                      leftSection={<IconRestore size={12} />}
                      onClick={() => setRestoring(v)}
                      data-testid="article-version-restore"
                    >
                      {t('kb.article.restore')}
                    </Button>
                  )}
                </Group>
              </Group>
              {open === v.id && tr && (
                <Paper withBorder p="xs" mt="xs" bg="gray.0">
                  {tr.description && (
                    <Text size="xs" c="dimmed" mb={4}>
                      {tr.description}
                    </Text>
                  )}
                  <Markdown source={tr.bodyMd} />
                </Paper>
              )}
            </Card>
          );
        })}
      </Stack>
      <ConfirmModal
        opened={!!restoring}
        message={t('kb.article.confirmRestore', { version: restoring?.version ?? '' })}
        confirmLabel={t('kb.article.restore')}
        loading={restore.isPending}
        onConfirm={() => restoring && restore.mutate(restoring)}
        onClose={() => setRestoring(null)}
      />
    </Drawer>
  );
}

import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Stack,
  TagsInput,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api';
import { botKeys, useSynonyms } from '../../kb/bot';
import type { SynonymGroup } from '../../kb/types';
import { errorMessage, notifySuccess } from '../../util';
import { ConfirmModal } from '../ConfirmModal';
import { QueryState } from '../QueryState';

/** The server names the word at fault (`terms.2`); say which, under the input. */
function problemOf(err: unknown, t: (key: string, o?: Record<string, unknown>) => string): string | null {
  if (!err) return null;
  if (err instanceof ApiError && Array.isArray(err.details)) {
    const d = err.details[0] as { field?: string; message?: string; term?: string; group?: string };
    if (err.code === 'synonym_conflict' && d?.term) return t('bot.synonyms.conflict', d);
    if (d?.message) return `${d.field}: ${d.message}`;
  }
  return errorMessage(err);
}

/** Adds a group, or edits one: the words, the first of which names the group. */
function GroupForm({ group, onDone }: { group: SynonymGroup | null; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [terms, setTerms] = useState<string[]>(group?.terms ?? []);
  const save = useMutation({
    mutationFn: () =>
      group ? api.put(`/bot/synonyms/${group.id}`, { terms }) : api.post('/bot/synonyms', { terms }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: botKeys.synonyms });
      notifySuccess(t('bot.synonyms.saved'));
      if (!group) setTerms([]);
      onDone();
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (terms.length >= 2) save.mutate();
      }}
    >
      <Group align="flex-start" gap="xs" wrap="nowrap">
        <TagsInput
          style={{ flex: 1 }}
          value={terms}
          onChange={(next) => {
            setTerms(next);
            save.reset();
          }}
          placeholder={terms.length ? '' : t('bot.synonyms.placeholder')}
          aria-label={t('bot.synonyms.terms')}
          maxTags={20}
          splitChars={[',', '，', '、', ';', '；']}
          acceptValueOnBlur
          error={problemOf(save.error, t)}
          data-testid="synonym-terms"
        />
        <Button
          type="submit"
          disabled={terms.length < 2}
          loading={save.isPending}
          leftSection={group ? undefined : <IconPlus size={14} />}
          data-testid="synonym-save"
        >
          {group ? t('common.save') : t('bot.synonyms.add')}
        </Button>
        {group && (
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        )}
      </Group>
    </form>
  );
}

/** Synonyms (同义词): words the bot reads as one, for every FAQ entry at once. */
export function SynonymsPanel() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const query = useSynonyms();
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<SynonymGroup | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => api.del(`/bot/synonyms/${id}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: botKeys.synonyms });
      setDeleting(null);
    },
  });
  return (
    <Stack data-testid="bot-synonyms">
      <Text size="sm" c="dimmed">
        {t('bot.synonyms.help')}
      </Text>
      <Card withBorder>
        <GroupForm group={null} onDone={() => undefined} />
        <Text size="xs" c="dimmed" mt={6}>
          {t('bot.synonyms.formHelp')}
        </Text>
      </Card>
      <QueryState isPending={query.isPending} error={query.error} refetch={query.refetch} />
      {query.data &&
        (query.data.length === 0 ? (
          <Text size="sm" c="dimmed" fs="italic">
            {t('bot.synonyms.empty')}
          </Text>
        ) : (
          <Stack gap="xs">
            {query.data.map((g) =>
              editing === g.id ? (
                <Card withBorder key={g.id}>
                  <GroupForm group={g} onDone={() => setEditing(null)} />
                </Card>
              ) : (
                <Card withBorder key={g.id} padding="sm" data-testid="synonym-group">
                  <Group justify="space-between" wrap="nowrap">
                    <Group gap={6}>
                      {g.terms.map((term, i) => (
                        <Badge
                          key={term}
                          variant={i === 0 ? 'filled' : 'light'}
                          tt="none"
                          size="lg"
                          data-testid="synonym-term"
                        >
                          {term}
                        </Badge>
                      ))}
                    </Group>
                    <Group gap={4} wrap="nowrap">
                      <Tooltip label={t('common.edit')}>
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('common.edit')}
                          onClick={() => setEditing(g.id)}
                          data-testid="synonym-edit"
                        >
                          <IconPencil size={16} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={t('common.delete')}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('common.delete')}
                          onClick={() => setDeleting(g)}
                          data-testid="synonym-delete"
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Group>
                </Card>
              ),
            )}
          </Stack>
        ))}
      {remove.error && <Alert color="red">{errorMessage(remove.error)}</Alert>}
      <ConfirmModal
        opened={deleting !== null}
        message={t('bot.synonyms.confirmDelete', { terms: deleting?.terms.join('、') ?? '' })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}

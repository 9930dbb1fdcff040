import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  List,
  Modal,
  SegmentedControl,
  Stack,
  TagsInput,
  Text,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { IconDownload, IconPencil, IconPlus, IconTrash, IconUpload } from '@tabler/icons-react';
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

// one group per line; words separated by commas (Chinese or Latin), 、, semicolons, tabs or |
const SEPARATORS = /[,，、;；\t|]/;
export const parseGroups = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) =>
      line
        .split(SEPARATORS)
        .map((w) => w.trim())
        .filter(Boolean),
    )
    .filter((words) => words.length > 0);

interface ImportProblem {
  field: string;
  reason?: string;
  term?: string;
  group?: string;
  message: string;
}

/** Pasted lines → groups, added beside the current ones or replacing them; every problem named by line. */
function ImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [mode, setMode] = useState<'add' | 'replace'>('add');
  const groups = parseGroups(text);
  const run = useMutation({
    mutationFn: () =>
      api.post<{ created: number; deleted: number }>('/bot/synonyms/import', { groups, mode }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: botKeys.synonyms });
      notifySuccess(t('bot.synonyms.imported', r));
      setText('');
      onClose();
    },
  });
  const problems =
    run.error instanceof ApiError && Array.isArray(run.error.details)
      ? (run.error.details as ImportProblem[])
      : [];
  const say = (p: ImportProblem) => {
    const line = Number(p.field.split('.')[1]) + 1;
    const what = p.reason
      ? t(`bot.synonyms.problem.${p.reason}`, { term: p.term, group: p.group })
      : p.message;
    return Number.isFinite(line) ? t('bot.synonyms.line', { line, what }) : what;
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('bot.synonyms.importTitle')} size="lg">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('bot.synonyms.importHelp')}
        </Text>
        <Textarea
          autosize
          minRows={6}
          maxRows={16}
          value={text}
          placeholder={'发货, 寄出, 发出\n退款, 退钱\nparcel, package'}
          onChange={(e) => {
            setText(e.currentTarget.value);
            run.reset();
          }}
          data-testid="synonym-import-text"
        />
        <SegmentedControl
          value={mode}
          onChange={(v) => setMode(v as 'add' | 'replace')}
          data={[
            { value: 'add', label: t('bot.synonyms.modeAdd') },
            { value: 'replace', label: t('bot.synonyms.modeReplace') },
          ]}
          data-testid="synonym-import-mode"
        />
        {problems.length > 0 ? (
          <Alert color="red" title={t('bot.synonyms.importFailed')} data-testid="synonym-import-problems">
            <List size="sm">
              {problems.map((p, i) => (
                <List.Item key={i}>{say(p)}</List.Item>
              ))}
            </List>
          </Alert>
        ) : (
          run.error && <Alert color="red">{errorMessage(run.error)}</Alert>
        )}
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('bot.synonyms.importCount', { count: groups.length })}
          </Text>
          <Button
            onClick={() => run.mutate()}
            loading={run.isPending}
            disabled={groups.length === 0}
            color={mode === 'replace' ? 'red' : undefined}
            data-testid="synonym-import-run"
          >
            {t('bot.synonyms.importRun')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Synonyms (同义词): words the bot reads as one, for every FAQ entry at once. */
export function SynonymsPanel() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const query = useSynonyms();
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<SynonymGroup | null>(null);
  const [importing, setImporting] = useState(false);
  const exported = (query.data ?? []).map((g) => g.terms.join(', ')).join('\n');
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
      <Group gap="xs">
        <Button
          variant="light"
          leftSection={<IconUpload size={16} />}
          onClick={() => setImporting(true)}
          data-testid="synonym-import"
        >
          {t('bot.synonyms.import')}
        </Button>
        <Button
          variant="light"
          component="a"
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(exported + '\n')}`}
          download="synonyms.txt"
          leftSection={<IconDownload size={16} />}
          disabled={!query.data?.length}
          data-testid="synonym-export"
        >
          {t('bot.synonyms.export')}
        </Button>
      </Group>
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
      <ImportModal opened={importing} onClose={() => setImporting(false)} />
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

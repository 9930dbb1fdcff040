import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Grid,
  Group,
  List,
  NavLink,
  Paper,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconPlayerPlay, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api';
import { FLOW_TEMPLATE, botKeys, slotNames, testFlow, useFlows } from '../../kb/bot';
import type { BotFlow, FlowTestResult } from '../../kb/types';
import { errorMessage, formatDateTime, notifySuccess } from '../../util';
import { ConfirmModal } from '../ConfirmModal';
import { QueryState } from '../QueryState';

interface Draft {
  name: string;
  enabled: boolean;
  triggers: string[];
  source: string;
}

const toDraft = (f: BotFlow | null): Draft =>
  f
    ? { name: f.name, enabled: f.enabled, triggers: f.triggers, source: f.source }
    : { name: '', enabled: true, triggers: [], source: FLOW_TEMPLATE };

function TestRun({ flow, dirty }: { flow: BotFlow; dirty: boolean }) {
  const { t } = useTranslation();
  const names = slotNames(flow.source);
  const [values, setValues] = useState<Record<string, string>>({});
  const [json, setJson] = useState('{}');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (slots: Record<string, string>) => testFlow(flow.id, slots),
  });
  const submit = () => {
    if (names) {
      run.mutate(Object.fromEntries(names.map((n) => [n, values[n] ?? ''])));
      return;
    }
    try {
      const parsed = JSON.parse(json) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('object');
      setJsonError(null);
      run.mutate(Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)])));
    } catch {
      setJsonError(t('bot.flows.slotsJsonRule'));
    }
  };
  const r: FlowTestResult | undefined = run.data;
  const answer = typeof r?.answer === 'string' ? { text: r.answer, buttons: [] } : (r?.answer ?? null);
  return (
    <Card withBorder data-testid="flow-test">
      <Title order={5} mb={4}>
        {t('bot.flows.testTitle')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {dirty ? t('bot.flows.testSavedOnly') : t('bot.flows.testHelp')}
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="xs">
          {names ? (
            names.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('bot.flows.noSlots')}
              </Text>
            ) : (
              names.map((n) => (
                <TextInput
                  key={n}
                  size="xs"
                  label={n}
                  value={values[n] ?? ''}
                  onChange={(e) => setValues({ ...values, [n]: e.currentTarget.value })}
                  data-testid="flow-test-slot"
                />
              ))
            )
          ) : (
            <Textarea
              size="xs"
              label={t('bot.flows.slotsJson')}
              autosize
              minRows={3}
              value={json}
              error={jsonError}
              onChange={(e) => setJson(e.currentTarget.value)}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              data-testid="flow-test-json"
            />
          )}
          <Group>
            <Button
              type="submit"
              size="xs"
              leftSection={<IconPlayerPlay size={14} />}
              loading={run.isPending}
              data-testid="flow-test-run"
            >
              {t('bot.flows.runTest')}
            </Button>
          </Group>
        </Stack>
      </form>
      {!!run.error && (
        <Alert color="red" mt="sm">
          {errorMessage(run.error)}
        </Alert>
      )}
      {r && (
        <Stack gap={4} mt="sm" data-testid="flow-test-result">
          <Group gap={6}>
            <Badge color={r.ok ? 'teal' : 'red'} variant="light">
              {r.ok ? t('bot.flows.ok') : t('bot.flows.failed')}
            </Badge>
            {r.status != null && <Text size="xs">HTTP {r.status}</Text>}
          </Group>
          {r.request && (
            <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {`${r.request.method} ${r.request.url}`}
            </Code>
          )}
          {answer && (
            <Paper withBorder p="xs" bg="blue.0" data-testid="flow-test-answer">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                {answer.text}
              </Text>
              {!!answer.buttons?.length && (
                <Group gap={4} mt={4}>
                  {answer.buttons.map((b, i) => (
                    <Badge key={i} variant="outline" color="blue" radius="sm" tt="none" bg="white">
                      {b.label}
                    </Badge>
                  ))}
                </Group>
              )}
            </Paper>
          )}
          {r.error && (
            <Text size="sm" c="red">
              {r.error}
            </Text>
          )}
        </Stack>
      )}
    </Card>
  );
}

function FlowEditor({
  flow,
  onSaved,
  onDeleted,
}: {
  flow: BotFlow | null;
  onSaved: (f: BotFlow) => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => toDraft(flow));
  const [problems, setProblems] = useState<{ field: string; message: string }[]>([]);
  const [general, setGeneral] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const save = useMutation({
    mutationFn: () => {
      const body = { ...draft, name: draft.name.trim() };
      return flow
        ? api.patch<{ flow: BotFlow }>(`/bot/flows/${flow.id}`, body)
        : api.post<{ flow: BotFlow }>('/bot/flows', body);
    },
    onSuccess: ({ flow: saved }) => {
      setProblems([]);
      setGeneral(null);
      qc.setQueryData<BotFlow[]>(botKeys.flows, (list) =>
        list ? [...list.filter((f) => f.id !== saved.id), saved] : list,
      );
      void qc.invalidateQueries({ queryKey: botKeys.flows });
      notifySuccess(t('common.saved'));
      onSaved(saved);
    },
    onError: (e) => {
      if (e instanceof ApiError && e.fieldErrors.length) {
        setProblems(e.fieldErrors);
        setGeneral(null);
      } else {
        setProblems([]);
        setGeneral(errorMessage(e));
      }
    },
  });
  const remove = useMutation({
    mutationFn: () => api.del(`/bot/flows/${flow!.id}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: botKeys.flows });
      setDeleting(false);
      onDeleted();
    },
    onError: (e) => {
      setDeleting(false);
      setGeneral(errorMessage(e));
    },
  });
  const dirty =
    !!flow &&
    (draft.source !== flow.source ||
      draft.name !== flow.name ||
      draft.enabled !== flow.enabled ||
      draft.triggers.join('\n') !== flow.triggers.join('\n'));
  return (
    <Stack>
      <Card withBorder>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!draft.name.trim()) {
              setProblems([{ field: 'name', message: t('validation.required') }]);
              return;
            }
            save.mutate();
          }}
          data-testid="flow-form"
        >
          <Stack>
            <Group grow align="flex-start">
              <TextInput
                label={t('bot.flows.name')}
                value={draft.name}
                maxLength={100}
                error={problems.find((p) => p.field.replace(/^\/?(body[./])?/, '') === 'name')?.message}
                onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
                data-testid="flow-name"
              />
              <Switch
                mt={30}
                label={t('bot.flows.enabled')}
                checked={draft.enabled}
                onChange={(e) => setDraft({ ...draft, enabled: e.currentTarget.checked })}
                data-testid="flow-enabled"
              />
            </Group>
            <TagsInput
              label={t('bot.flows.triggers')}
              description={t('bot.flows.triggersHelp')}
              value={draft.triggers}
              onChange={(triggers) => setDraft({ ...draft, triggers })}
              data-testid="flow-triggers"
            />
            <Textarea
              label={t('bot.flows.source')}
              description={t('bot.flows.sourceHelp')}
              autosize
              minRows={14}
              maxRows={40}
              spellCheck={false}
              value={draft.source}
              onChange={(e) => setDraft({ ...draft, source: e.currentTarget.value })}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
              data-testid="flow-source"
            />
            {problems.length > 0 && (
              <Alert color="red" icon={<IconAlertTriangle size={16} />} data-testid="flow-errors">
                <List size="sm">
                  {problems.map((p, i) => (
                    <List.Item key={i}>
                      <Code>{p.field}</Code> {p.message}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}
            {general && (
              <Alert color="red" data-testid="flow-error">
                {general}
              </Alert>
            )}
            <Group justify="space-between">
              {flow ? (
                <Button
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={14} />}
                  onClick={() => setDeleting(true)}
                >
                  {t('common.delete')}
                </Button>
              ) : (
                <span />
              )}
              <Button type="submit" loading={save.isPending} data-testid="flow-save">
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
      {flow && <TestRun key={flow.id + flow.updatedAt} flow={flow} dirty={dirty} />}
      <ConfirmModal
        opened={deleting}
        message={t('bot.flows.confirmDelete', { name: flow?.name ?? '' })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setDeleting(false)}
      />
    </Stack>
  );
}

/** Task flows: slot filling plus a call to the company's own system. Works once the server offers them. */
export function FlowsPanel() {
  const { t } = useTranslation();
  const flows = useFlows();
  const [selected, setSelected] = useState<string | 'new' | null>(null);
  if (flows.error instanceof ApiError && flows.error.status === 404) {
    return (
      <Alert color="yellow" icon={<IconAlertTriangle size={18} />} data-testid="flows-unavailable">
        {t('bot.flows.unavailable')}
      </Alert>
    );
  }
  const items = flows.data ?? [];
  const current = selected === 'new' ? null : (items.find((f) => f.id === selected) ?? null);
  const showEditor = selected === 'new' || !!current;
  return (
    <Stack gap="md" data-testid="bot-flows">
      <Text size="sm" c="dimmed">
        {t('bot.flows.help')}
      </Text>
      <QueryState isPending={flows.isPending} error={flows.error} refetch={flows.refetch} />
      {flows.data && (
        <Grid>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Card withBorder p="xs">
              <Stack gap={2}>
                {items.length === 0 && (
                  <Text size="sm" c="dimmed" p="xs">
                    {t('bot.flows.empty')}
                  </Text>
                )}
                {items.map((f) => (
                  <NavLink
                    key={f.id}
                    active={f.id === selected}
                    label={f.name}
                    description={`${f.triggers.slice(0, 3).join(' · ')}${f.triggers.length > 3 ? ' …' : ''}`}
                    rightSection={
                      <Badge size="xs" variant="light" color={f.enabled ? 'teal' : 'gray'}>
                        {f.enabled ? t('bot.flows.on') : t('bot.flows.off')}
                      </Badge>
                    }
                    onClick={() => setSelected(f.id)}
                    title={formatDateTime(f.updatedAt)}
                    data-testid="flow-item"
                  />
                ))}
                <Button
                  mt="xs"
                  size="xs"
                  variant="light"
                  leftSection={<IconPlus size={14} />}
                  onClick={() => setSelected('new')}
                  data-testid="flow-create"
                >
                  {t('bot.flows.create')}
                </Button>
              </Stack>
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>
            {showEditor ? (
              <FlowEditor
                key={current ? current.id : 'new'}
                flow={current}
                onSaved={(f) => setSelected(f.id)}
                onDeleted={() => setSelected(null)}
              />
            ) : (
              <Text size="sm" c="dimmed" p="md">
                {t('bot.flows.pick')}
              </Text>
            )}
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}

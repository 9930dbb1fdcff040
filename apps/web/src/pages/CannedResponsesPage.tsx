import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api';
import { keys, useCanned } from '../chat/api';
import type { CannedResponse } from '../chat/types';
import { matchCanned } from '../components/chat/Composer';
import { ConfirmModal } from '../components/ConfirmModal';
import { DeleteButton, EditButton } from '../components/IconButton';
import { PageHeader } from '../components/PageHeader';
import { QueryState } from '../components/QueryState';
import { useAuthed } from '../session';
import { notifyError, notifySuccess } from '../util';

const TEMPLATE_VARS = ['{{contact.name}}', '{{contact.email}}', '{{agent.name}}', '{{conversation.number}}'];

const canShare = (role: string) => ['owner', 'admin', 'supervisor'].includes(role);

interface FormState {
  shortcut: string;
  title: string;
  body: string;
  category: string;
  shared: boolean;
}

function CannedModal({
  editing,
  opened,
  onClose,
}: {
  editing: CannedResponse | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { user } = useAuthed();
  const qc = useQueryClient();
  const [form, setForm] = useState<FormState>({
    shortcut: '',
    title: '',
    body: '',
    category: '',
    shared: false,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [prev, setPrev] = useState<{ opened: boolean; id: string | undefined }>({
    opened: false,
    id: undefined,
  });
  if (prev.opened !== opened || prev.id !== editing?.id) {
    setPrev({ opened, id: editing?.id });
    if (opened) {
      setErrors({});
      setForm(
        editing
          ? {
              shortcut: editing.shortcut,
              title: editing.title,
              body: editing.body,
              category: editing.category,
              shared: editing.shared,
            }
          : { shortcut: '', title: '', body: '', category: '', shared: false },
      );
    }
  }
  const save = useMutation({
    mutationFn: () => {
      const body = {
        shortcut: form.shortcut.trim().replace(/^\//, ''),
        title: form.title.trim(),
        body: form.body,
        category: form.category.trim(),
      };
      return editing
        ? api.patch(`/canned-responses/${editing.id}`, body)
        : api.post('/canned-responses', { ...body, shared: form.shared });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.canned });
      notifySuccess(t('common.saved'));
      onClose();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'shortcut_taken')
        setErrors({ shortcut: t('canned.shortcutTaken') });
      else if (e instanceof ApiError && e.fieldErrors.length) {
        const next: Record<string, string> = {};
        for (const f of e.fieldErrors) next[f.field.replace(/^\/?(body[./])?/, '')] = f.message;
        setErrors(next);
      } else notifyError(e);
    },
  });
  const validate = () => {
    const next: Record<string, string> = {};
    const sc = form.shortcut.trim().replace(/^\//, '');
    if (!sc) next.shortcut = t('validation.required');
    else if (/[\s/]/.test(sc)) next.shortcut = t('canned.shortcutRule');
    if (!form.title.trim()) next.title = t('validation.required');
    if (!form.body.trim()) next.body = t('validation.required');
    setErrors(next);
    return Object.keys(next).length === 0;
  };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={editing ? t('canned.edit') : t('canned.create')}
      size="lg"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (validate()) save.mutate();
        }}
      >
        <Stack>
          <Group grow align="flex-start">
            <TextInput
              label={t('canned.shortcut')}
              description={t('canned.shortcutHelp')}
              leftSection={<Text size="sm">/</Text>}
              value={form.shortcut}
              error={errors.shortcut}
              onChange={(e) => setForm({ ...form, shortcut: e.currentTarget.value })}
              data-testid="canned-shortcut"
            />
            <TextInput
              label={t('canned.category')}
              description={t('canned.categoryHelp')}
              value={form.category}
              onChange={(e) => setForm({ ...form, category: e.currentTarget.value })}
              data-testid="canned-category"
            />
          </Group>
          <TextInput
            label={t('canned.titleField')}
            value={form.title}
            error={errors.title}
            onChange={(e) => setForm({ ...form, title: e.currentTarget.value })}
            data-testid="canned-title"
          />
          <Textarea
            label={t('canned.body')}
            description={`${t('canned.variables')} ${TEMPLATE_VARS.join(' ')}`}
            autosize
            minRows={4}
            value={form.body}
            error={errors.body}
            onChange={(e) => setForm({ ...form, body: e.currentTarget.value })}
            data-testid="canned-body"
          />
          {!editing && canShare(user.role) && (
            <Checkbox
              label={t('canned.sharedLabel')}
              checked={form.shared}
              onChange={(e) => setForm({ ...form, shared: e.currentTarget.checked })}
              data-testid="canned-shared"
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="canned-submit">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function CannedResponsesPage() {
  const { t } = useTranslation();
  const { user } = useAuthed();
  const qc = useQueryClient();
  const canned = useCanned();
  const [q, setQ] = useState('');
  const [scope, setScope] = useState<'all' | 'mine' | 'shared'>('all');
  const [editing, setEditing] = useState<CannedResponse | null>(null);
  const [modalOpen, setModalOpen] = useState(false);
  const [deleting, setDeleting] = useState<CannedResponse | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => api.del(`/canned-responses/${id}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.canned });
      setDeleting(null);
    },
    onError: notifyError,
  });
  const mayEdit = (c: CannedResponse) => (c.shared ? canShare(user.role) : c.ownerId === user.id);
  const filtered = matchCanned(
    (canned.data ?? []).filter((c) => (scope === 'all' ? true : scope === 'shared' ? c.shared : !c.shared)),
    q,
    Infinity,
  );
  const list = q.trim()
    ? filtered
    : [...filtered].sort(
        (a, b) => a.category.localeCompare(b.category) || a.shortcut.localeCompare(b.shortcut),
      );
  return (
    <>
      <PageHeader
        title={t('canned.title')}
        description={t('canned.description')}
        actions={
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => {
              setEditing(null);
              setModalOpen(true);
            }}
            data-testid="canned-create"
          >
            {t('canned.create')}
          </Button>
        }
      />
      <Group mb="md" gap="sm">
        <TextInput
          style={{ flex: 1 }}
          leftSection={<IconSearch size={16} />}
          placeholder={t('canned.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          aria-label={t('canned.search')}
          data-testid="canned-search"
        />
        <SegmentedControl
          value={scope}
          onChange={(v) => setScope(v as typeof scope)}
          data={[
            { value: 'all', label: t('canned.scopeAll') },
            { value: 'mine', label: t('canned.scopeMine') },
            { value: 'shared', label: t('canned.scopeShared') },
          ]}
        />
      </Group>
      <QueryState isPending={canned.isPending} error={canned.error} refetch={canned.refetch} />
      {canned.data && (
        <Card withBorder p={0}>
          <Table.ScrollContainer minWidth={700}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('canned.shortcut')}</Table.Th>
                  <Table.Th>{t('canned.titleField')}</Table.Th>
                  <Table.Th>{t('canned.category')}</Table.Th>
                  <Table.Th>{t('canned.visibility')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <Text c="dimmed" ta="center" py="md">
                        {q ? t('chat.noResults') : t('canned.empty')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {list.map((c) => (
                  <Table.Tr key={c.id} data-testid="canned-row">
                    <Table.Td>
                      <Text ff="monospace" size="sm" fw={600}>
                        /{c.shortcut}
                      </Text>
                    </Table.Td>
                    <Table.Td maw={420}>
                      <Text size="sm">{c.title}</Text>
                      <Text size="xs" c="dimmed" lineClamp={2} style={{ whiteSpace: 'pre-wrap' }}>
                        {c.body}
                      </Text>
                    </Table.Td>
                    <Table.Td>{c.category || t('common.none')}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={c.shared ? 'indigo' : 'gray'}>
                        {c.shared ? t('canned.shared') : t('canned.personal')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {mayEdit(c) && (
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <EditButton
                            onClick={() => {
                              setEditing(c);
                              setModalOpen(true);
                            }}
                          />
                          <DeleteButton onClick={() => setDeleting(c)} />
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      <CannedModal editing={editing} opened={modalOpen} onClose={() => setModalOpen(false)} />
      <ConfirmModal
        opened={!!deleting}
        message={t('canned.confirmDelete', { shortcut: deleting?.shortcut ?? '' })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}

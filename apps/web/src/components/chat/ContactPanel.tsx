import {
  ActionIcon,
  Anchor,
  Avatar,
  Badge,
  Button,
  Divider,
  Group,
  Paper,
  ScrollArea,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError, api } from '../../api';
import { keys, useContact, useContactConversations, useContactNotes } from '../../chat/api';
import { Linkify, initials, shortTime } from '../../chat/text';
import type { Contact, ContactNote, PageContext } from '../../chat/types';
import { formatDateTime, notifyError, notifySuccess } from '../../util';
import { QueryState } from '../QueryState';
import { STATUS_COLORS } from './ConversationList';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={6}>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase">
        {title}
      </Text>
      {children}
    </Stack>
  );
}

function Field({ label, value }: { label: string; value: ReactNode }) {
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <Text size="xs" c="dimmed" w={84} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="xs" style={{ wordBreak: 'break-all', minWidth: 0 }}>
        {value}
      </Text>
    </Group>
  );
}

function ProfileForm({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form, setForm] = useState({
    name: contact.name,
    email: contact.email ?? '',
    phone: contact.phone ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    setForm({ name: contact.name, email: contact.email ?? '', phone: contact.phone ?? '' });
  }, [contact.id, contact.name, contact.email, contact.phone]);
  const dirty =
    form.name !== contact.name ||
    form.email !== (contact.email ?? '') ||
    form.phone !== (contact.phone ?? '');
  const save = useMutation({
    mutationFn: () =>
      api.patch<{ contact: Contact }>(`/contacts/${contact.id}`, {
        name: form.name.trim(),
        email: form.email.trim() || null,
        phone: form.phone.trim() || null,
      }),
    onSuccess: ({ contact: c }) => {
      setErrors({});
      qc.setQueryData(keys.contact(c.id), c);
      void qc.invalidateQueries({ queryKey: ['conversation'] });
      void qc.invalidateQueries({ queryKey: keys.conversations });
      notifySuccess(t('common.saved'));
    },
    onError: (e) => {
      if (e instanceof ApiError && e.fieldErrors.length) {
        const next: Record<string, string> = {};
        for (const f of e.fieldErrors)
          next[f.field.replace(/^\/?(body[./])?/, '')] = t('contacts.invalidField');
        setErrors(next);
      } else notifyError(e);
    },
  });
  return (
    <Stack gap={6} data-testid="contact-profile">
      <TextInput
        size="xs"
        label={t('contacts.name')}
        value={form.name}
        onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
        data-testid="contact-name"
      />
      <TextInput
        size="xs"
        label={t('contacts.email')}
        value={form.email}
        error={errors.email}
        onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
        data-testid="contact-email"
      />
      <TextInput
        size="xs"
        label={t('contacts.phone')}
        value={form.phone}
        error={errors.phone}
        onChange={(e) => setForm({ ...form, phone: e.currentTarget.value })}
        data-testid="contact-phone"
      />
      {dirty && (
        <Group justify="flex-end" gap={6}>
          <Button
            size="compact-xs"
            variant="default"
            onClick={() =>
              setForm({ name: contact.name, email: contact.email ?? '', phone: contact.phone ?? '' })
            }
          >
            {t('common.cancel')}
          </Button>
          <Button
            size="compact-xs"
            loading={save.isPending}
            onClick={() => save.mutate()}
            data-testid="contact-save"
          >
            {t('common.save')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function Attributes({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const save = useMutation({
    mutationFn: (attributes: Record<string, unknown>) =>
      api.patch<{ contact: Contact }>(`/contacts/${contact.id}`, { attributes }),
    onSuccess: ({ contact: c }) => {
      qc.setQueryData(keys.contact(c.id), c);
      setKey('');
      setValue('');
    },
    onError: notifyError,
  });
  const entries = Object.entries(contact.attributes ?? {});
  return (
    <Stack gap={4} data-testid="contact-attributes">
      {entries.length === 0 && (
        <Text size="xs" c="dimmed">
          {t('contacts.noAttributes')}
        </Text>
      )}
      {entries.map(([k, v]) => (
        <Group key={k} gap={4} wrap="nowrap" justify="space-between">
          <Field label={k} value={v === null ? '—' : String(v)} />
          <ActionIcon
            size="xs"
            variant="subtle"
            color="gray"
            aria-label={t('common.delete')}
            onClick={() => {
              const next = { ...contact.attributes };
              delete next[k];
              save.mutate(next);
            }}
          >
            <IconTrash size={12} />
          </ActionIcon>
        </Group>
      ))}
      <Group gap={4} wrap="nowrap">
        <TextInput
          size="xs"
          placeholder={t('contacts.attrKey')}
          value={key}
          onChange={(e) => setKey(e.currentTarget.value)}
          style={{ flex: 1 }}
          aria-label={t('contacts.attrKey')}
        />
        <TextInput
          size="xs"
          placeholder={t('contacts.attrValue')}
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          style={{ flex: 1 }}
          aria-label={t('contacts.attrValue')}
        />
        <ActionIcon
          variant="light"
          aria-label={t('contacts.addAttribute')}
          disabled={!key.trim()}
          loading={save.isPending}
          onClick={() => save.mutate({ ...contact.attributes, [key.trim()]: value })}
        >
          <IconPlus size={14} />
        </ActionIcon>
      </Group>
    </Stack>
  );
}

function PageContextView({ ctx }: { ctx: PageContext | null }) {
  const { t } = useTranslation();
  if (!ctx || Object.values(ctx).every((v) => !v))
    return (
      <Text size="xs" c="dimmed">
        {t('contacts.noPageContext')}
      </Text>
    );
  return (
    <Stack gap={2} data-testid="page-context">
      {ctx.url && <Field label={t('contacts.pageUrl')} value={<Linkify text={ctx.url} />} />}
      {ctx.title && <Field label={t('contacts.pageTitle')} value={ctx.title} />}
      {ctx.referrer && <Field label={t('contacts.referrer')} value={<Linkify text={ctx.referrer} />} />}
      {ctx.browser && <Field label={t('contacts.browser')} value={ctx.browser} />}
      {ctx.language && <Field label={t('contacts.language')} value={ctx.language} />}
    </Stack>
  );
}

function Notes({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const notes = useContactNotes(contactId);
  const [body, setBody] = useState('');
  const add = useMutation({
    mutationFn: () => api.post<{ note: ContactNote }>(`/contacts/${contactId}/notes`, { body: body.trim() }),
    onSuccess: ({ note }) => {
      qc.setQueryData<ContactNote[]>(keys.contactNotes(contactId), (l) => [note, ...(l ?? [])]);
      setBody('');
    },
    onError: notifyError,
  });
  return (
    <Stack gap={6} data-testid="contact-notes">
      <Textarea
        size="xs"
        autosize
        minRows={2}
        placeholder={t('contacts.notePlaceholder')}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        aria-label={t('contacts.notePlaceholder')}
      />
      <Group justify="flex-end">
        <Button
          size="compact-xs"
          disabled={!body.trim()}
          loading={add.isPending}
          onClick={() => add.mutate()}
        >
          {t('contacts.addNote')}
        </Button>
      </Group>
      {(notes.data ?? []).map((n) => (
        <Paper key={n.id} p={6} radius="sm" bg="yellow.0" withBorder>
          <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
            <Linkify text={n.body} />
          </Text>
          <Text size="10px" c="dimmed" mt={2}>
            {n.author?.name ?? t('common.none')} · {formatDateTime(n.createdAt)}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}

function History({ contactId, currentId }: { contactId: string; currentId?: string }) {
  const { t } = useTranslation();
  const list = useContactConversations(contactId);
  const items = (list.data ?? []).filter((c) => c.id !== currentId);
  if (!items.length)
    return (
      <Text size="xs" c="dimmed">
        {t('contacts.noHistory')}
      </Text>
    );
  return (
    <Stack gap={4} data-testid="contact-history">
      {items.map((c) => (
        <Anchor key={c.id} component={Link} to={`/app/conversations/${c.id}`} size="xs" underline="never">
          <Group gap={6} wrap="nowrap">
            <Text size="xs" c="dimmed">
              #{c.number}
            </Text>
            <Text size="xs" truncate style={{ flex: 1 }}>
              {c.lastMessage?.body || t('chat.noMessages')}
            </Text>
            <Badge size="xs" variant="light" color={STATUS_COLORS[c.status]}>
              {t(`chat.status.${c.status}`)}
            </Badge>
            <Text size="10px" c="dimmed">
              {shortTime(c.lastMessageAt)}
            </Text>
          </Group>
        </Anchor>
      ))}
    </Stack>
  );
}

export function ContactPanel({
  contactId,
  currentConversationId,
  pageContext,
  scroll = true,
}: {
  contactId: string;
  currentConversationId?: string;
  pageContext?: PageContext | null;
  scroll?: boolean;
}) {
  const { t } = useTranslation();
  const contact = useContact(contactId);
  const body = contact.data ? (
    <Stack gap="md" p="md" data-testid="contact-panel">
      <Group gap="sm" wrap="nowrap">
        <Avatar radius="xl" size={44} color="teal">
          {initials(contact.data.name || t('chat.visitor'))}
        </Avatar>
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Title order={4} size="h5" style={{ wordBreak: 'break-word' }}>
            {contact.data.name || t('chat.visitor')}
          </Title>
          <Text size="xs" c="dimmed">
            {contact.data.lastSeenAt
              ? t('contacts.lastSeen', { time: formatDateTime(contact.data.lastSeenAt) })
              : t('contacts.since', { time: formatDateTime(contact.data.createdAt) })}
          </Text>
          {contact.data.externalId && (
            <Text size="xs" c="dimmed" data-testid="contact-external-id">
              {t('contacts.externalId')}: {contact.data.externalId}
            </Text>
          )}
        </Stack>
      </Group>
      <Section title={t('contacts.profile')}>
        <ProfileForm contact={contact.data} />
      </Section>
      <Divider />
      <Section title={t('contacts.attributes')}>
        <Attributes contact={contact.data} />
      </Section>
      <Divider />
      <Section title={t('contacts.pageContext')}>
        <PageContextView ctx={pageContext ?? contact.data.pageContext} />
      </Section>
      <Divider />
      <Section title={t('contacts.notes')}>
        <Notes contactId={contactId} />
      </Section>
      <Divider />
      <Section title={t('contacts.history')}>
        <History contactId={contactId} currentId={currentConversationId} />
      </Section>
    </Stack>
  ) : (
    <Stack p="md">
      <QueryState isPending={contact.isPending} error={contact.error} refetch={contact.refetch} />
    </Stack>
  );
  if (!scroll) return body;
  return (
    <ScrollArea h="100%" type="auto">
      {body}
    </ScrollArea>
  );
}

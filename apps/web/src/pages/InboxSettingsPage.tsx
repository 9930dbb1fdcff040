import {
  Alert,
  Anchor,
  Button,
  Card,
  Code,
  ColorInput,
  CopyButton,
  Group,
  Modal,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError, api } from '../api';
import { keys } from '../chat/api';
import { useTenant } from '../kb/api';
import type { FieldMode, Inbox, WebsiteSettings } from '../chat/types';
import { ConfirmModal } from '../components/ConfirmModal';
import { QueryState } from '../components/QueryState';
import { BotSettingsCard } from '../components/inbox/BotSettingsCard';
import { BOT_DEFAULTS } from '../kb/types';
import { notifyError, notifySuccess } from '../util';

const DEFAULTS: WebsiteSettings = {
  brandColor: '#0ca678',
  position: 'right',
  title: '',
  greeting: '',
  avatarUrl: '',
  language: 'auto',
  preChatForm: { name: 'off', phone: 'off', email: 'off' },
  allowedDomains: [],
  officeHours: { enabled: false, offlineMessage: '' },
  enforceIdentity: false,
  helpCenter: false,
  bot: BOT_DEFAULTS,
};

function resolve(s: Inbox['settings']): WebsiteSettings {
  return {
    ...DEFAULTS,
    ...s,
    preChatForm: { ...DEFAULTS.preChatForm, ...(s.preChatForm ?? {}) },
    officeHours: { ...DEFAULTS.officeHours, ...(s.officeHours ?? {}) },
    bot: {
      ...DEFAULTS.bot,
      ...(s.bot ?? {}),
      suggested: { ...DEFAULTS.bot.suggested, ...(s.bot?.suggested ?? {}) },
    },
    allowedDomains: s.allowedDomains ?? [],
  } as WebsiteSettings;
}

const DOMAIN_RE = /^(\*\.)?[a-zA-Z0-9.-]+(:[0-9]+)?$/;

function SettingsForm({ inbox }: { inbox: Inbox }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [name, setName] = useState(inbox.name);
  const [s, setS] = useState<WebsiteSettings>(() => resolve(inbox.settings));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const slug = useTenant().data?.tenant.slug;
  const save = useMutation({
    mutationFn: () => api.patch<{ inbox: Inbox }>(`/inboxes/${inbox.id}`, { name: name.trim(), settings: s }),
    onSuccess: ({ inbox: updated }) => {
      qc.setQueryData(['inbox', inbox.id], updated);
      void qc.invalidateQueries({ queryKey: keys.inboxes });
      setErrors({});
      notifySuccess(t('common.saved'));
    },
    onError: (e) => {
      if (e instanceof ApiError && e.fieldErrors.length) {
        const next: Record<string, string> = {};
        for (const f of e.fieldErrors) {
          const path = f.field.replace(/^\/?(body[./])?(settings[./])?/, '').split(/[./]/);
          next[path[0] === 'bot' ? `bot.${path[1] ?? ''}` : path[0]] = f.message;
        }
        setErrors(next);
      } else notifyError(e);
    },
  });
  const validate = () => {
    const next: Record<string, string> = {};
    if (!name.trim()) next.name = t('validation.required');
    if (!/^#[0-9a-fA-F]{6}$/.test(s.brandColor)) next.brandColor = t('inboxes.colorRule');
    if (s.avatarUrl && !/^(https?:\/\/|\/)/.test(s.avatarUrl)) next.avatarUrl = t('inboxes.urlRule');
    if (s.allowedDomains.some((d) => !DOMAIN_RE.test(d))) next.allowedDomains = t('inboxes.domainRule');
    if (s.bot.avatarUrl && !/^(https?:\/\/|\/)/.test(s.bot.avatarUrl))
      next['bot.avatarUrl'] = t('inboxes.urlRule');
    setErrors(next);
    return Object.keys(next).length === 0;
  };
  const mode = (field: keyof WebsiteSettings['preChatForm']) => (
    <Group justify="space-between" key={field}>
      <Text size="sm">{t(`contacts.${field}`)}</Text>
      <SegmentedControl
        size="xs"
        value={s.preChatForm[field]}
        onChange={(v) => setS({ ...s, preChatForm: { ...s.preChatForm, [field]: v as FieldMode } })}
        data={(['off', 'optional', 'required'] as const).map((m) => ({
          value: m,
          label: t(`inboxes.field.${m}`),
        }))}
        data-testid={`prechat-${field}`}
      />
    </Group>
  );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (validate()) save.mutate();
      }}
    >
      <Stack>
        <Card withBorder>
          <Title order={4} size="h5" mb="sm">
            {t('inboxes.appearance')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('inboxes.name')}
              value={name}
              error={errors.name}
              onChange={(e) => setName(e.currentTarget.value)}
              data-testid="inbox-settings-name"
            />
            <TextInput
              label={t('inboxes.widgetTitle')}
              value={s.title}
              maxLength={100}
              onChange={(e) => setS({ ...s, title: e.currentTarget.value })}
              data-testid="inbox-title"
            />
            <ColorInput
              label={t('inboxes.brandColor')}
              value={s.brandColor}
              error={errors.brandColor}
              format="hex"
              swatches={['#0ca678', '#1c7ed6', '#7048e8', '#e8590c', '#e03131', '#212529']}
              onChange={(v) => setS({ ...s, brandColor: v })}
              data-testid="inbox-color"
            />
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('inboxes.position')}
              </Text>
              <SegmentedControl
                value={s.position}
                onChange={(v) => setS({ ...s, position: v as 'left' | 'right' })}
                data={[
                  { value: 'left', label: t('inboxes.left') },
                  { value: 'right', label: t('inboxes.right') },
                ]}
              />
            </Stack>
            <TextInput
              label={t('inboxes.avatarUrl')}
              placeholder="https://…"
              value={s.avatarUrl}
              error={errors.avatarUrl}
              onChange={(e) => setS({ ...s, avatarUrl: e.currentTarget.value.trim() })}
            />
            <Select
              label={t('inboxes.language')}
              value={s.language}
              allowDeselect={false}
              onChange={(v) => v && setS({ ...s, language: v as WebsiteSettings['language'] })}
              data={[
                { value: 'auto', label: t('inboxes.langAuto') },
                { value: 'zh-CN', label: '中文' },
                { value: 'en', label: 'English' },
              ]}
            />
          </SimpleGrid>
          <Textarea
            mt="sm"
            label={t('inboxes.greeting')}
            autosize
            minRows={2}
            maxLength={1000}
            value={s.greeting}
            onChange={(e) => setS({ ...s, greeting: e.currentTarget.value })}
            data-testid="inbox-greeting"
          />
        </Card>
        <Card withBorder>
          <Title order={4} size="h5" mb="sm">
            {t('inboxes.preChat')}
          </Title>
          <Stack gap="xs">{(['name', 'email', 'phone'] as const).map(mode)}</Stack>
        </Card>
        <Card withBorder>
          <Title order={4} size="h5" mb="sm">
            {t('inboxes.availability')}
          </Title>
          <Stack>
            <Switch
              label={t('inboxes.officeHours')}
              description={
                <>
                  {t('inboxes.officeHoursHelp')}{' '}
                  <Anchor component={Link} to="/app/settings" size="xs">
                    {t('nav.settings')}
                  </Anchor>
                </>
              }
              checked={s.officeHours.enabled}
              onChange={(e) =>
                setS({ ...s, officeHours: { ...s.officeHours, enabled: e.currentTarget.checked } })
              }
              data-testid="inbox-office-hours"
            />
            <Textarea
              label={t('inboxes.offlineMessage')}
              autosize
              minRows={2}
              maxLength={1000}
              value={s.officeHours.offlineMessage}
              onChange={(e) =>
                setS({ ...s, officeHours: { ...s.officeHours, offlineMessage: e.currentTarget.value } })
              }
            />
          </Stack>
        </Card>
        <BotSettingsCard value={s.bot} onChange={(bot) => setS({ ...s, bot })} errors={errors} />
        <Card withBorder>
          <Title order={4} size="h5" mb="sm">
            {t('inboxes.security')}
          </Title>
          <Stack>
            <TagsInput
              label={t('inboxes.allowedDomains')}
              description={t('inboxes.allowedDomainsHelp')}
              placeholder="shop.example.com, *.example.com"
              value={s.allowedDomains}
              error={errors.allowedDomains}
              onChange={(v) =>
                setS({ ...s, allowedDomains: v.map((d) => d.trim().toLowerCase()).filter(Boolean) })
              }
              data-testid="inbox-domains"
            />
            <Switch
              label={t('inboxes.helpCenter')}
              description={
                slug ? t('inboxes.helpCenterHelp', { url: `${location.origin}/help/${slug}` }) : undefined
              }
              checked={s.helpCenter}
              onChange={(e) => setS({ ...s, helpCenter: e.currentTarget.checked })}
              data-testid="inbox-help-center"
            />
            <Switch
              label={t('inboxes.enforceIdentity')}
              description={t('inboxes.enforceIdentityHelp')}
              checked={s.enforceIdentity}
              onChange={(e) => setS({ ...s, enforceIdentity: e.currentTarget.checked })}
              data-testid="inbox-enforce-identity"
            />
          </Stack>
        </Card>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} data-testid="inbox-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Snippet({ inboxId }: { inboxId: string }) {
  const { t } = useTranslation();
  const snippet = useQuery({
    queryKey: ['inbox', inboxId, 'snippet'],
    queryFn: () => api.get<{ snippet: string; publicId: string }>(`/inboxes/${inboxId}/snippet`),
  });
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={4} size="h5">
          {t('inboxes.snippet')}
        </Title>
        {snippet.data && (
          <CopyButton value={snippet.data.snippet}>
            {({ copied, copy }) => (
              <Button
                size="xs"
                variant="light"
                color={copied ? 'teal' : undefined}
                leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                onClick={copy}
                data-testid="snippet-copy"
              >
                {copied ? t('common.copied') : t('common.copy')}
              </Button>
            )}
          </CopyButton>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        {t('inboxes.snippetHelp')}
      </Text>
      <QueryState isPending={snippet.isPending} error={snippet.error} refetch={snippet.refetch} />
      {snippet.data && (
        <Code block data-testid="snippet" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
          {snippet.data.snippet}
        </Code>
      )}
    </Card>
  );
}

function IdentitySecret({ inboxId }: { inboxId: string }) {
  const { t } = useTranslation();
  const [confirm, setConfirm] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const rotate = useMutation({
    mutationFn: () => api.post<{ secret: string }>(`/inboxes/${inboxId}/identity-secret`),
    onSuccess: (r) => {
      setConfirm(false);
      setSecret(r.secret);
    },
    onError: notifyError,
  });
  return (
    <Card withBorder>
      <Title order={4} size="h5" mb="xs">
        {t('inboxes.identitySecret')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('inboxes.identitySecretHelp')}
      </Text>
      <Code block mb="sm">
        {'userHash = HMAC_SHA256(secret, userId).hex()'}
      </Code>
      <Button
        variant="light"
        color="orange"
        leftSection={<IconKey size={16} />}
        onClick={() => setConfirm(true)}
        data-testid="rotate-secret"
      >
        {t('inboxes.rotateSecret')}
      </Button>
      <ConfirmModal
        opened={confirm}
        message={t('inboxes.rotateConfirm')}
        confirmLabel={t('inboxes.rotateSecret')}
        loading={rotate.isPending}
        onConfirm={() => rotate.mutate()}
        onClose={() => setConfirm(false)}
      />
      <Modal
        opened={!!secret}
        onClose={() => setSecret(null)}
        title={t('inboxes.identitySecret')}
        closeOnClickOutside={false}
      >
        <Stack>
          <Alert color="orange" icon={<IconAlertTriangle size={16} />}>
            {t('inboxes.secretOnce')}
          </Alert>
          <Code
            block
            data-testid="identity-secret"
            style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
          >
            {secret}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={secret ?? ''}>
              {({ copied, copy }) => (
                <Button
                  variant="light"
                  leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                  onClick={copy}
                >
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={() => setSecret(null)}>{t('common.close')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

export function InboxSettingsPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const inbox = useQuery({
    queryKey: ['inbox', id],
    queryFn: () => api.get<{ inbox: Inbox }>(`/inboxes/${id}`).then((r) => r.inbox),
    enabled: !!id,
  });
  return (
    <Stack maw={860}>
      <Anchor component={Link} to="/app/inboxes" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t('inboxes.back')}
        </Group>
      </Anchor>
      <QueryState isPending={inbox.isPending} error={inbox.error} refetch={inbox.refetch} />
      {inbox.data && (
        <>
          <Title order={2} size="h3" data-testid="page-title">
            {inbox.data.name}
          </Title>
          {inbox.data.channel === 'website' ? (
            <>
              <Snippet inboxId={inbox.data.id} />
              <SettingsForm key={inbox.data.id} inbox={inbox.data} />
              <IdentitySecret inboxId={inbox.data.id} />
            </>
          ) : (
            <Text c="dimmed">{t('inboxes.noSettings')}</Text>
          )}
        </>
      )}
    </Stack>
  );
}

import { useState } from 'react';
import { Button, Grid, Group, Paper, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Locale, type Session, type Tenant } from '../api';
import { FormError } from '../components/FormError';
import { PageHeader } from '../components/PageHeader';
import { QueryState } from '../components/QueryState';
import { T, v } from '../components/T';
import { SESSION_KEY } from '../session';
import { applyFormError, notifySuccess } from '../util';

export const TIMEZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Kolkata',
  'Asia/Dubai',
  'Australia/Sydney',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'UTC',
];

const WEEK = [1, 2, 3, 4, 5, 6, 0]; // Monday first
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

interface DayRow {
  day: number;
  enabled: boolean;
  open: string;
  close: string;
}

function toForm(tenant: Tenant) {
  const hours: DayRow[] = WEEK.map((day) => {
    const bh = tenant.businessHours.find((h) => h.day === day);
    return { day, enabled: !!bh, open: bh?.open ?? '09:00', close: bh?.close ?? '18:00' };
  });
  return {
    name: tenant.name,
    slug: tenant.slug,
    defaultLocale: tenant.defaultLocale as Locale,
    timezone: tenant.timezone,
    hours,
  };
}

function SettingsForm({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const form = useForm({
    initialValues: toForm(tenant),
    validate: {
      name: v.required,
      slug: (value: string) =>
        !value.trim() ? (
          <T k="validation.required" />
        ) : /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value.trim()) ? null : (
          <T k="validation.slug" />
        ),
      hours: {
        open: (value: string, values, path) => {
          const row = values.hours[Number(path.split('.')[1])];
          return row?.enabled && !TIME_RE.test(value) ? <T k="validation.timeFormat" /> : null;
        },
        close: (value: string, values, path) => {
          const row = values.hours[Number(path.split('.')[1])];
          if (!row?.enabled) return null;
          if (!TIME_RE.test(value)) return <T k="validation.timeFormat" />;
          return value <= row.open ? <T k="validation.timeOrder" /> : null;
        },
      },
    },
  });

  const mutation = useMutation({
    mutationFn: (values: typeof form.values) =>
      api.patch<{ tenant: Tenant }>('/tenant', {
        name: values.name.trim(),
        slug: values.slug.trim(),
        defaultLocale: values.defaultLocale,
        timezone: values.timezone,
        businessHours: values.hours
          .filter((h) => h.enabled)
          .sort((a, b) => a.day - b.day)
          .map(({ day, open, close }) => ({ day, open, close })),
      }),
    onSuccess: ({ tenant: updated }) => {
      qc.setQueryData(['tenant'], { tenant: updated });
      qc.setQueryData<Session | null>(SESSION_KEY, (s) => (s ? { ...s, tenant: updated } : s));
      notifySuccess(t('settings.saved'));
    },
    onError: (err) => setError(applyFormError(form, err) ? err : null),
  });

  const timezones = TIMEZONES.includes(form.values.timezone)
    ? TIMEZONES
    : [form.values.timezone, ...TIMEZONES];

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setError(null);
        mutation.mutate(values);
      })}
    >
      <Grid maw={1100}>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="lg">
            <Title order={3} size="h5" mb="md">
              {t('settings.general')}
            </Title>
            <Stack gap="sm">
              <TextInput
                label={t('settings.name')}
                required
                data-testid="settings-name"
                {...form.getInputProps('name')}
              />
              <TextInput
                label={t('settings.slug')}
                description={t('settings.slugHelp')}
                required
                data-testid="settings-slug"
                {...form.getInputProps('slug')}
              />
              <Select
                label={t('settings.defaultLocale')}
                allowDeselect={false}
                data={[
                  { value: 'zh-CN', label: t('language.zh') },
                  { value: 'en', label: t('language.en') },
                ]}
                {...form.getInputProps('defaultLocale')}
              />
              <Select
                label={t('settings.timezone')}
                allowDeselect={false}
                searchable
                data={timezones}
                data-testid="settings-timezone"
                {...form.getInputProps('timezone')}
              />
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="lg">
            <Title order={3} size="h5">
              {t('settings.businessHours')}
            </Title>
            <Text size="xs" c="dimmed" mb="md">
              {t('settings.businessHoursHelp')}
            </Text>
            <Stack gap="xs">
              {form.values.hours.map((row, i) => (
                <Group
                  key={row.day}
                  gap="sm"
                  wrap="nowrap"
                  align="flex-start"
                  data-testid={`hours-${row.day}`}
                >
                  <Switch
                    w={130}
                    mt={6}
                    label={t(`settings.days.${row.day}`)}
                    {...form.getInputProps(`hours.${i}.enabled`, { type: 'checkbox' })}
                  />
                  {row.enabled ? (
                    <>
                      <TextInput
                        type="time"
                        size="sm"
                        w={136}
                        aria-label={`${t(`settings.days.${row.day}`)} ${t('settings.open')}`}
                        {...form.getInputProps(`hours.${i}.open`)}
                      />
                      <Text mt={6} c="dimmed">
                        –
                      </Text>
                      <TextInput
                        type="time"
                        size="sm"
                        w={136}
                        aria-label={`${t(`settings.days.${row.day}`)} ${t('settings.close')}`}
                        {...form.getInputProps(`hours.${i}.close`)}
                      />
                    </>
                  ) : (
                    <Text size="sm" c="dimmed" mt={6}>
                      {t('settings.closed')}
                    </Text>
                  )}
                </Group>
              ))}
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={12}>
          <Stack gap="sm">
            <FormError error={error} />
            <Group>
              <Button type="submit" loading={mutation.isPending} data-testid="settings-save">
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </Grid.Col>
      </Grid>
    </form>
  );
}

export function SettingsPage() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['tenant'], queryFn: () => api.get<{ tenant: Tenant }>('/tenant') });
  return (
    <>
      <PageHeader title={t('settings.title')} />
      <QueryState isPending={query.isPending} error={query.error} refetch={query.refetch} />
      {/* remount (fresh initial values) whenever the tenant was refetched or saved */}
      {query.data && <SettingsForm key={query.dataUpdatedAt} tenant={query.data.tenant} />}
    </>
  );
}

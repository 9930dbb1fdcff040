import { useState } from 'react';
import { Button, Grid, Group, Paper, PasswordInput, Select, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Locale, type Session, type User } from '../api';
import { FormError } from '../components/FormError';
import { PageHeader } from '../components/PageHeader';
import { v } from '../components/T';
import { setLocale } from '../i18n';
import { SESSION_KEY, useAuthed } from '../session';
import { applyFormError, notifySuccess } from '../util';

function DetailsForm() {
  const { t } = useTranslation();
  const { user } = useAuthed();
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const form = useForm({
    initialValues: { name: user.name, locale: user.locale as Locale },
    validate: { name: v.required },
  });
  const mutation = useMutation({
    mutationFn: (values: typeof form.values) =>
      api.patch<{ user: User }>('/me', { name: values.name.trim(), locale: values.locale }),
    onSuccess: ({ user: updated }, values) => {
      qc.setQueryData<Session | null>(SESSION_KEY, (s) =>
        s ? { ...s, user: { ...s.user, ...updated } } : s,
      );
      void qc.invalidateQueries({ queryKey: ['users'] });
      if (values.locale !== user.locale) setLocale(values.locale);
      form.resetDirty();
      notifySuccess(t('profile.saved'));
    },
    onError: (err) => setError(applyFormError(form, err) ? err : null),
  });
  return (
    <Paper withBorder p="lg">
      <Title order={3} size="h5" mb="md">
        {t('profile.details')}
      </Title>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setError(null);
          mutation.mutate(values);
        })}
      >
        <Stack gap="sm">
          <TextInput label={t('profile.email')} value={user.email} readOnly variant="filled" />
          <TextInput
            label={t('profile.name')}
            required
            data-testid="profile-name"
            {...form.getInputProps('name')}
          />
          <Select
            label={t('profile.locale')}
            allowDeselect={false}
            data={[
              { value: 'zh-CN', label: t('language.zh') },
              { value: 'en', label: t('language.en') },
            ]}
            data-testid="profile-locale"
            {...form.getInputProps('locale')}
          />
          <FormError error={error} />
          <Group justify="flex-end">
            <Button type="submit" loading={mutation.isPending} data-testid="profile-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '' },
    validate: { currentPassword: (value: string) => v.required(value), newPassword: v.password },
  });
  const mutation = useMutation({
    mutationFn: (values: typeof form.values) => api.post<void>('/me/password', values),
    onSuccess: () => {
      form.reset();
      notifySuccess(t('profile.passwordChanged'));
    },
    onError: (err) => setError(applyFormError(form, err) ? err : null),
  });
  return (
    <Paper withBorder p="lg">
      <Title order={3} size="h5" mb="md">
        {t('profile.changePassword')}
      </Title>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setError(null);
          mutation.mutate(values);
        })}
      >
        <Stack gap="sm">
          <PasswordInput
            label={t('profile.currentPassword')}
            required
            autoComplete="current-password"
            data-testid="profile-current-password"
            {...form.getInputProps('currentPassword')}
          />
          <PasswordInput
            label={t('profile.newPassword')}
            description={t('auth.passwordHelp')}
            required
            autoComplete="new-password"
            data-testid="profile-new-password"
            {...form.getInputProps('newPassword')}
          />
          <FormError error={error} />
          <Group justify="flex-end">
            <Button
              type="submit"
              variant="light"
              loading={mutation.isPending}
              data-testid="profile-password-save"
            >
              {t('profile.submitPassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export function ProfilePage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('profile.title')} />
      <Grid maw={1000}>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <DetailsForm />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <PasswordForm />
        </Grid.Col>
      </Grid>
    </>
  );
}

import { useState } from 'react';
import { Anchor, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { api, type Session } from '../api';
import { AuthLayout } from '../components/AuthLayout';
import { FormError } from '../components/FormError';
import { v } from '../components/T';
import { applyUserLocale } from '../i18n';
import { useSession, useSetSession } from '../session';
import { applyFormError } from '../util';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const session = useSession();
  const setSession = useSetSession();
  const [error, setError] = useState<unknown>(null);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: { email: v.email, password: (value: string) => v.required(value) },
  });
  const from = (location.state as { from?: string } | null)?.from;
  const target = from && from.startsWith('/app') ? from : '/app';

  const mutation = useMutation({
    mutationFn: (values: typeof form.values) =>
      api.post<Session>('/auth/login', { ...values, email: values.email.trim() }),
    onSuccess: (s) => {
      applyUserLocale(s.user.locale);
      setSession(s);
      navigate(target, { replace: true });
    },
    onError: (err) => setError(applyFormError(form, err) ? err : null),
  });

  if (session.data) return <Navigate to={target} replace />;

  return (
    <AuthLayout
      title={t('auth.loginTitle')}
      subtitle={t('auth.loginSubtitle')}
      footer={
        <>
          {t('auth.noAccount')}{' '}
          <Anchor component={Link} to="/signup" size="sm" data-testid="link-signup">
            {t('auth.signupLink')}
          </Anchor>
        </>
      }
    >
      <form
        noValidate
        data-testid="login-form"
        onSubmit={form.onSubmit((values) => {
          setError(null);
          mutation.mutate(values);
        })}
      >
        <Stack gap="sm">
          <TextInput
            label={t('auth.email')}
            placeholder={t('auth.emailPlaceholder')}
            type="email"
            required
            autoFocus
            autoComplete="username"
            data-testid="login-email"
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label={t('auth.password')}
            required
            autoComplete="current-password"
            data-testid="login-password"
            {...form.getInputProps('password')}
          />
          <Group justify="flex-end">
            <Anchor component={Link} to="/forgot-password" size="sm" data-testid="link-forgot">
              {t('auth.forgot')}
            </Anchor>
          </Group>
          <FormError error={error} />
          <Button type="submit" fullWidth loading={mutation.isPending} data-testid="login-submit">
            {t('auth.login')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}

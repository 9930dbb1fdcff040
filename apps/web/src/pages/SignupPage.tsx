import { useState } from 'react';
import { Anchor, Button, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router-dom';
import { api, type Locale, type Session } from '../api';
import { AuthLayout } from '../components/AuthLayout';
import { FormError } from '../components/FormError';
import { v } from '../components/T';
import { currentLocale, setLocale } from '../i18n';
import { useSession, useSetSession } from '../session';
import { applyFormError } from '../util';

const RULES = { workspaceName: v.required, name: v.required, email: v.email, password: v.password };

export function SignupPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const setSession = useSetSession();
  const [error, setError] = useState<unknown>(null);
  const form = useForm({
    initialValues: { workspaceName: '', name: '', email: '', password: '' },
    validate: RULES,
  });
  // the language field is the UI language (the switch and the select stay in sync)
  const locale: Locale = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';

  const mutation = useMutation({
    mutationFn: (values: typeof form.values) =>
      api.post<Session>('/auth/signup', {
        workspaceName: values.workspaceName.trim(),
        name: values.name.trim(),
        email: values.email.trim(),
        password: values.password,
        locale: currentLocale(),
      }),
    onSuccess: (session) => {
      setLocale(currentLocale());
      setSession(session);
      navigate('/app', { replace: true });
    },
    onError: (err) => setError(applyFormError(form, err) ? err : null),
  });

  if (session.data) return <Navigate to="/app" replace />;

  return (
    <AuthLayout
      title={t('auth.signupTitle')}
      subtitle={t('auth.signupSubtitle')}
      footer={
        <>
          {t('auth.haveAccount')}{' '}
          <Anchor component={Link} to="/login" size="sm" data-testid="link-login">
            {t('auth.loginLink')}
          </Anchor>
        </>
      }
    >
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setError(null);
          mutation.mutate(values);
        })}
        data-testid="signup-form"
      >
        <Stack gap="sm">
          <TextInput
            label={t('auth.workspaceName')}
            placeholder={t('auth.workspacePlaceholder')}
            required
            autoFocus
            data-testid="signup-workspace"
            {...form.getInputProps('workspaceName')}
          />
          <TextInput
            label={t('auth.yourName')}
            required
            autoComplete="name"
            data-testid="signup-name"
            {...form.getInputProps('name')}
          />
          <TextInput
            label={t('auth.email')}
            placeholder={t('auth.emailPlaceholder')}
            type="email"
            required
            autoComplete="email"
            data-testid="signup-email"
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label={t('auth.password')}
            description={t('auth.passwordHelp')}
            required
            autoComplete="new-password"
            data-testid="signup-password"
            {...form.getInputProps('password')}
          />
          <Select
            label={t('auth.language')}
            data={[
              { value: 'zh-CN', label: t('language.zh') },
              { value: 'en', label: t('language.en') },
            ]}
            allowDeselect={false}
            data-testid="signup-locale"
            value={locale}
            onChange={(value) => value && setLocale(value as Locale)}
          />
          <FormError error={error} />
          <Button type="submit" fullWidth mt="xs" loading={mutation.isPending} data-testid="signup-submit">
            {t('auth.createWorkspace')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}

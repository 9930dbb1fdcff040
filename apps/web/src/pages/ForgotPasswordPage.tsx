import { useState } from 'react';
import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconMailCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError, api } from '../api';
import { AuthLayout } from '../components/AuthLayout';
import { FormError } from '../components/FormError';
import { v } from '../components/T';
import { applyFormError } from '../util';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const form = useForm({ initialValues: { email: '' }, validate: { email: v.email } });
  const mutation = useMutation({
    mutationFn: (values: typeof form.values) =>
      api.post<void>('/auth/password/forgot', { email: values.email.trim() }),
    onSuccess: () => setSent(true),
    onError: (err) => {
      // never reveal whether an address exists
      if (err instanceof ApiError && err.status === 404) return setSent(true);
      setError(applyFormError(form, err) ? err : null);
    },
  });

  return (
    <AuthLayout
      title={t('auth.forgotTitle')}
      subtitle={sent ? undefined : t('auth.forgotHelp')}
      footer={
        <Anchor component={Link} to="/login" size="sm">
          {t('auth.backToLogin')}
        </Anchor>
      }
    >
      {sent ? (
        <Alert color="teal" icon={<IconMailCheck size={18} />} data-testid="forgot-sent">
          {t('auth.resetSent')}
        </Alert>
      ) : (
        <form
          noValidate
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
              data-testid="forgot-email"
              {...form.getInputProps('email')}
            />
            <FormError error={error} />
            <Button type="submit" fullWidth loading={mutation.isPending} data-testid="forgot-submit">
              {t('auth.sendReset')}
            </Button>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}

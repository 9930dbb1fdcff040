import { useState } from 'react';
import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, api } from '../api';
import { AuthLayout } from '../components/AuthLayout';
import { FormError } from '../components/FormError';
import { v } from '../components/T';
import { applyFormError, notifySuccess } from '../util';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [error, setError] = useState<unknown>(null);
  const form = useForm({ initialValues: { password: '' }, validate: { password: v.password } });
  const mutation = useMutation({
    mutationFn: (values: typeof form.values) =>
      api.post<void>('/auth/password/reset', { token, password: values.password }),
    onSuccess: () => {
      notifySuccess(t('auth.resetDone'));
      navigate('/login', { replace: true });
    },
    onError: (err) => {
      // a malformed token is reported as a validation error on "token": same as an invalid one
      if (err instanceof ApiError && err.fieldErrors.some((f) => f.field === 'token')) {
        return setError(new ApiError(400, 'token_invalid', err.message));
      }
      setError(applyFormError(form, err) ? err : null);
    },
  });

  return (
    <AuthLayout
      title={t('auth.resetTitle')}
      footer={
        <Anchor component={Link} to="/login" size="sm">
          {t('auth.backToLogin')}
        </Anchor>
      }
    >
      {!token ? (
        <Alert color="red" data-testid="reset-missing-token">
          {t('auth.missingToken')}
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
            <PasswordInput
              label={t('auth.newPassword')}
              description={t('auth.passwordHelp')}
              required
              autoFocus
              autoComplete="new-password"
              data-testid="reset-password"
              {...form.getInputProps('password')}
            />
            <FormError error={error} />
            <Button type="submit" fullWidth loading={mutation.isPending} data-testid="reset-submit">
              {t('auth.resetSubmit')}
            </Button>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}

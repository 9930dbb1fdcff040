import { useState } from 'react';
import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconMailOpened } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, api, type Role, type Session } from '../api';
import { AuthLayout } from '../components/AuthLayout';
import { FormError } from '../components/FormError';
import { QueryState } from '../components/QueryState';
import { v } from '../components/T';
import { applyUserLocale } from '../i18n';
import { useSetSession } from '../session';
import { applyFormError, errorMessage } from '../util';

interface InvitationInfo {
  email: string;
  role: Role;
  workspaceName: string;
}

export function AcceptInvitePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const setSession = useSetSession();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [error, setError] = useState<unknown>(null);
  const info = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api.get<InvitationInfo>(`/auth/invitations/${encodeURIComponent(token)}`),
    enabled: !!token,
    retry: false,
  });
  const form = useForm({
    initialValues: { name: '', password: '' },
    validate: { name: v.required, password: v.password },
  });
  const mutation = useMutation({
    mutationFn: (values: typeof form.values) =>
      api.post<Session>('/auth/invitations/accept', {
        token,
        name: values.name.trim(),
        password: values.password,
      }),
    onSuccess: (s) => {
      applyUserLocale(s.user.locale);
      setSession(s);
      navigate('/app', { replace: true });
    },
    onError: (err) => setError(applyFormError(form, err) ? err : null),
  });

  const footer = (
    <Anchor component={Link} to="/login" size="sm">
      {t('auth.backToLogin')}
    </Anchor>
  );

  if (!token) {
    return (
      <AuthLayout title={t('auth.inviteTitle')} footer={footer}>
        <Alert color="red">{t('auth.missingToken')}</Alert>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t('auth.inviteTitle')} footer={footer}>
      {info.error instanceof ApiError && info.error.status === 404 ? (
        <Alert color="red" data-testid="invite-invalid">
          {errorMessage(info.error)}
        </Alert>
      ) : (
        <QueryState isPending={info.isPending} error={info.error} refetch={info.refetch} />
      )}
      {info.data && (
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            setError(null);
            mutation.mutate(values);
          })}
        >
          <Stack gap="sm">
            <Alert color="teal" icon={<IconMailOpened size={18} />} data-testid="invite-info">
              <Text size="sm">
                {t('auth.inviteInfo', {
                  workspace: info.data.workspaceName,
                  role: t(`roles.${info.data.role}`),
                })}
              </Text>
              <Text size="xs" c="dimmed" mt={4}>
                {t('auth.inviteEmail', { email: info.data.email })}
              </Text>
            </Alert>
            <TextInput
              label={t('auth.yourName')}
              required
              autoFocus
              data-testid="invite-name"
              {...form.getInputProps('name')}
            />
            <PasswordInput
              label={t('auth.password')}
              description={t('auth.passwordHelp')}
              required
              autoComplete="new-password"
              data-testid="invite-password"
              {...form.getInputProps('password')}
            />
            <FormError error={error} />
            <Button type="submit" fullWidth loading={mutation.isPending} data-testid="invite-submit">
              {t('auth.acceptInvite')}
            </Button>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}

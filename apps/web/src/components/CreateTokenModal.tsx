import { useState } from 'react';
import { Button, Group, Modal, MultiSelect, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type ApiToken } from '../api';
import { applyFormError } from '../util';
import { FormError } from './FormError';
import { T, v } from './T';

interface Props {
  opened: boolean;
  onClose: () => void;
  onCreated: (secret: string, token: ApiToken) => void;
}

/** Local end-of-day of a yyyy-mm-dd date as ISO string. */
function endOfDayIso(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, m - 1, d, 23, 59, 59).toISOString();
}

export function CreateTokenModal({ opened, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const scopes = useQuery({
    queryKey: ['api-token-scopes'],
    queryFn: () => api.get<{ items: string[] }>('/api-tokens/scopes'),
    enabled: opened,
    staleTime: Infinity,
  });
  const today = new Date();
  const minDate = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  const form = useForm({
    initialValues: { name: '', scopes: [] as string[], expiresAt: '' },
    validate: {
      name: v.required,
      scopes: (value: string[]) => (value.length ? null : <T k="validation.required" />),
    },
  });
  const close = () => {
    form.reset();
    setError(null);
    onClose();
  };
  const mutation = useMutation({
    mutationFn: (values: typeof form.values) =>
      api.post<{ token: ApiToken; secret: string }>('/api-tokens', {
        name: values.name.trim(),
        scopes: values.scopes,
        ...(values.expiresAt ? { expiresAt: endOfDayIso(values.expiresAt) } : {}),
      }),
    onSuccess: (res) => {
      void qc.invalidateQueries({ queryKey: ['api-tokens'] });
      close();
      onCreated(res.secret, res.token);
    },
    onError: (err) => setError(applyFormError(form, err) ? err : null),
  });
  return (
    <Modal opened={opened} onClose={close} title={t('tokens.createTitle')}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setError(null);
          mutation.mutate(values);
        })}
      >
        <Stack gap="sm">
          <TextInput
            label={t('tokens.name')}
            required
            data-autofocus
            data-testid="token-name"
            {...form.getInputProps('name')}
          />
          <MultiSelect
            label={t('tokens.scopes')}
            placeholder={t('tokens.scopesPlaceholder')}
            required
            data={scopes.data?.items ?? []}
            searchable
            data-testid="token-scopes"
            {...form.getInputProps('scopes')}
          />
          <TextInput
            type="date"
            label={t('tokens.expiresAt')}
            description={t('tokens.expiresHelp')}
            min={minDate}
            data-testid="token-expires"
            {...form.getInputProps('expiresAt')}
          />
          <FormError error={error} />
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} data-testid="token-submit">
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

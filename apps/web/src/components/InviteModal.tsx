import { useState } from 'react';
import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Invitation, type Role } from '../api';
import { applyFormError, notifySuccess } from '../util';
import { FormError } from './FormError';
import { v } from './T';

const INVITE_ROLES: Role[] = ['admin', 'supervisor', 'agent'];

export function InviteModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const form = useForm({ initialValues: { email: '', role: 'agent' as Role }, validate: { email: v.email } });
  const close = () => {
    form.reset();
    setError(null);
    onClose();
  };
  const mutation = useMutation({
    mutationFn: (values: typeof form.values) =>
      api.post<{ invitation: Invitation }>('/invitations', { email: values.email.trim(), role: values.role }),
    onSuccess: (_res, values) => {
      void qc.invalidateQueries({ queryKey: ['invitations'] });
      notifySuccess(t('members.invited', { email: values.email.trim() }));
      close();
    },
    onError: (err) => setError(applyFormError(form, err) ? err : null),
  });
  return (
    <Modal opened={opened} onClose={close} title={t('members.inviteTitle')}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setError(null);
          mutation.mutate(values);
        })}
      >
        <Stack gap="sm">
          <TextInput
            label={t('members.email')}
            placeholder={t('auth.emailPlaceholder')}
            type="email"
            required
            data-autofocus
            data-testid="invite-email"
            {...form.getInputProps('email')}
          />
          <Select
            label={t('members.role')}
            allowDeselect={false}
            data={INVITE_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            data-testid="invite-role"
            {...form.getInputProps('role')}
          />
          <FormError error={error} />
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} data-testid="invite-send">
              {t('members.sendInvite')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

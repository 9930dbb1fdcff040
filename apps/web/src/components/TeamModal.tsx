import { useState } from 'react';
import { Button, Group, Modal, MultiSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Team } from '../api';
import { useUsers } from '../queries';
import { applyFormError, notifySuccess } from '../util';
import { FormError } from './FormError';
import { v } from './T';

interface Props {
  opened: boolean;
  team: Team | null; // null = create
  onClose: () => void;
}

export function TeamModal({ opened, team, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={team ? t('teams.editTitle') : t('teams.createTitle')}
      size="lg"
    >
      {/* the form mounts with the modal content, so it starts from the team's current values */}
      <TeamForm key={team?.id ?? 'new'} team={team} onClose={onClose} />
    </Modal>
  );
}

function TeamForm({ team, onClose }: { team: Team | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const users = useUsers();
  const [error, setError] = useState<unknown>(null);
  const form = useForm({
    initialValues: {
      name: team?.name ?? '',
      description: team?.description ?? '',
      memberIds: team?.memberIds ?? [],
    },
    validate: { name: v.required },
  });

  const mutation = useMutation({
    mutationFn: async (values: typeof form.values) => {
      const body = { name: values.name.trim(), description: values.description.trim() };
      const saved = team
        ? (await api.patch<{ team: Team }>(`/teams/${team.id}`, body)).team
        : (await api.post<{ team: Team }>('/teams', body)).team;
      const before = [...(team?.memberIds ?? [])].sort().join(',');
      if ([...values.memberIds].sort().join(',') !== before) {
        await api.put<{ team: Team }>(`/teams/${saved.id}/members`, { userIds: values.memberIds });
      }
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['teams'] });
      void qc.invalidateQueries({ queryKey: ['users'] });
      notifySuccess(team ? t('teams.saved') : t('teams.created'));
      onClose();
    },
    onError: (err) => setError(applyFormError(form, err) ? err : null),
  });

  const userOptions = (users.data ?? [])
    .filter((u) => u.active || form.values.memberIds.includes(u.id))
    .map((u) => ({ value: u.id, label: `${u.name} <${u.email}>` }));

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setError(null);
        mutation.mutate(values);
      })}
    >
      <Stack gap="sm">
        <TextInput
          label={t('teams.name')}
          required
          data-autofocus
          data-testid="team-name"
          {...form.getInputProps('name')}
        />
        <Textarea
          label={t('teams.description')}
          autosize
          minRows={2}
          {...form.getInputProps('description')}
        />
        <MultiSelect
          label={t('teams.members')}
          placeholder={t('teams.membersPlaceholder')}
          data={userOptions}
          searchable
          clearable
          data-testid="team-members"
          {...form.getInputProps('memberIds')}
        />
        <FormError error={error} />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending} data-testid="team-save">
            {team ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

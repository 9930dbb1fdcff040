import { useState } from 'react';
import { Avatar, Button, Card, Group, SimpleGrid, Text, Tooltip } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Team } from '../api';
import { ConfirmModal } from '../components/ConfirmModal';
import { DeleteButton, EditButton } from '../components/IconButton';
import { PageHeader } from '../components/PageHeader';
import { QueryState } from '../components/QueryState';
import { TeamModal } from '../components/TeamModal';
import { useTeams, useUsers } from '../queries';
import { useAuthed } from '../session';
import { isAdmin, notifyError, notifySuccess } from '../util';

export function TeamsPage() {
  const { t } = useTranslation();
  const { user } = useAuthed();
  const admin = isAdmin(user.role);
  const qc = useQueryClient();
  const teams = useTeams();
  const users = useUsers();
  const [editing, setEditing] = useState<Team | null>(null);
  const [modalOpen, setModalOpen] = useState(false);
  const [deleting, setDeleting] = useState<Team | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => api.del(`/teams/${id}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['teams'] });
      notifySuccess(t('teams.deleted'));
      setDeleting(null);
    },
    onError: notifyError,
  });
  const userById = new Map((users.data ?? []).map((u) => [u.id, u]));
  const openModal = (team: Team | null) => {
    setEditing(team);
    setModalOpen(true);
  };

  return (
    <>
      <PageHeader
        title={t('teams.title')}
        actions={
          admin && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => openModal(null)}
              data-testid="team-create"
            >
              {t('teams.create')}
            </Button>
          )
        }
      />
      <QueryState isPending={teams.isPending} error={teams.error} refetch={teams.refetch} />
      {teams.data && teams.data.length === 0 && (
        <Card withBorder p="xl">
          <Text c="dimmed" ta="center">
            {t('teams.empty')}
          </Text>
        </Card>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {(teams.data ?? []).map((team) => (
          <Card key={team.id} withBorder padding="lg" data-testid={`team-card-${team.name}`}>
            <Group justify="space-between" wrap="nowrap" mb={4}>
              <Text fw={600} truncate>
                {team.name}
              </Text>
              {admin && (
                <Group gap={4} wrap="nowrap">
                  <EditButton onClick={() => openModal(team)} />
                  <DeleteButton onClick={() => setDeleting(team)} />
                </Group>
              )}
            </Group>
            <Text size="sm" c="dimmed" lineClamp={2} mih={20}>
              {team.description || ''}
            </Text>
            <Group justify="space-between" mt="md">
              <Avatar.Group>
                {team.memberIds.slice(0, 5).map((id) => (
                  <Tooltip key={id} label={userById.get(id)?.name ?? id}>
                    <Avatar size={28} radius="xl" color="teal">
                      {(userById.get(id)?.name ?? '?').slice(0, 1).toUpperCase()}
                    </Avatar>
                  </Tooltip>
                ))}
                {team.memberIds.length > 5 && (
                  <Avatar size={28} radius="xl">
                    +{team.memberIds.length - 5}
                  </Avatar>
                )}
              </Avatar.Group>
              <Text size="xs" c="dimmed">
                {t('teams.memberCount', { count: team.memberIds.length })}
              </Text>
            </Group>
          </Card>
        ))}
      </SimpleGrid>
      {admin && <TeamModal opened={modalOpen} team={editing} onClose={() => setModalOpen(false)} />}
      <ConfirmModal
        opened={!!deleting}
        message={deleting ? t('teams.deleteConfirm', { name: deleting.name }) : ''}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}

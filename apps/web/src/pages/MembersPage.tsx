import { useState } from 'react';
import { Avatar, Badge, Button, Group, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Role, type User } from '../api';
import { ConfirmModal } from '../components/ConfirmModal';
import { InvitationsList } from '../components/InvitationsList';
import { InviteModal } from '../components/InviteModal';
import { PageHeader } from '../components/PageHeader';
import { QueryState } from '../components/QueryState';
import { useUsers } from '../queries';
import { useAuthed } from '../session';
import { PRESENCE_COLORS, ROLE_COLORS, isAdmin, notifyError, notifySuccess } from '../util';

const ALL_ROLES: Role[] = ['owner', 'admin', 'supervisor', 'agent'];

export function MembersPage() {
  const { t } = useTranslation();
  const { user: me } = useAuthed();
  const admin = isAdmin(me.role);
  const qc = useQueryClient();
  const users = useUsers();
  const [inviteOpened, invite] = useDisclosure(false);
  const [search, setSearch] = useState('');
  const [deactivating, setDeactivating] = useState<User | null>(null);

  const update = useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: { role?: Role; active?: boolean } }) =>
      api.patch<{ user: User }>(`/users/${id}`, patch),
    onSuccess: (_res, { patch }) => {
      void qc.invalidateQueries({ queryKey: ['users'] });
      if (patch.role) notifySuccess(t('members.roleChanged'));
      else notifySuccess(patch.active ? t('members.reactivated') : t('members.deactivated'));
      setDeactivating(null);
    },
    onError: (err) => {
      notifyError(err);
      void qc.invalidateQueries({ queryKey: ['users'] });
    },
  });

  // only owners may hand out the owner role
  const roleOptions = ALL_ROLES.filter((r) => r !== 'owner' || me.role === 'owner').map((r) => ({
    value: r,
    label: t(`roles.${r}`),
  }));
  const q = search.trim().toLowerCase();
  const list = (users.data ?? []).filter(
    (u) => !q || u.name.toLowerCase().includes(q) || u.email.toLowerCase().includes(q),
  );

  return (
    <>
      <PageHeader
        title={t('members.title')}
        actions={
          admin && (
            <Button leftSection={<IconUserPlus size={16} />} onClick={invite.open} data-testid="invite-open">
              {t('members.invite')}
            </Button>
          )
        }
      />
      <Paper withBorder p="lg">
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder={t('members.search')}
          aria-label={t('members.search')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          mb="md"
          maw={320}
        />
        <QueryState isPending={users.isPending} error={users.error} refetch={users.refetch} />
        {users.data && (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" highlightOnHover data-testid="members-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('members.name')}</Table.Th>
                  <Table.Th>{t('members.email')}</Table.Th>
                  <Table.Th>{t('members.role')}</Table.Th>
                  <Table.Th>{t('members.presence')}</Table.Th>
                  <Table.Th>{t('members.state')}</Table.Th>
                  {admin && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((u) => {
                  const self = u.id === me.id;
                  const canEdit = admin && !self && (u.role !== 'owner' || me.role === 'owner');
                  return (
                    <Table.Tr key={u.id} data-testid={`member-row-${u.email}`} opacity={u.active ? 1 : 0.6}>
                      <Table.Td>
                        <Group gap="sm" wrap="nowrap">
                          <Avatar size={28} radius="xl" color="teal">
                            {u.name.trim().slice(0, 1).toUpperCase() || '?'}
                          </Avatar>
                          <Text size="sm" fw={500}>
                            {u.name}
                            {self && (
                              <Text span c="dimmed" size="xs">
                                {' '}
                                ({t('members.you')})
                              </Text>
                            )}
                          </Text>
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{u.email}</Text>
                      </Table.Td>
                      <Table.Td>
                        {canEdit ? (
                          <Select
                            size="xs"
                            w={140}
                            allowDeselect={false}
                            aria-label={t('members.role')}
                            data={roleOptions}
                            value={u.role}
                            onChange={(value) =>
                              value &&
                              value !== u.role &&
                              update.mutate({ id: u.id, patch: { role: value as Role } })
                            }
                          />
                        ) : (
                          <Badge variant="light" color={ROLE_COLORS[u.role]}>
                            {t(`roles.${u.role}`)}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Badge
                          variant="dot"
                          color={PRESENCE_COLORS[u.presence]}
                          style={{ textTransform: 'none' }}
                        >
                          {t(`presence.${u.presence}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={u.active ? 'teal' : 'gray'}>
                          {u.active ? t('members.active') : t('members.inactive')}
                        </Badge>
                      </Table.Td>
                      {admin && (
                        <Table.Td ta="right">
                          {canEdit &&
                            (u.active ? (
                              <Button
                                size="compact-sm"
                                variant="subtle"
                                color="red"
                                onClick={() => setDeactivating(u)}
                              >
                                {t('members.deactivate')}
                              </Button>
                            ) : (
                              <Button
                                size="compact-sm"
                                variant="subtle"
                                onClick={() => update.mutate({ id: u.id, patch: { active: true } })}
                              >
                                {t('members.reactivate')}
                              </Button>
                            ))}
                        </Table.Td>
                      )}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {admin && <InvitationsList />}
      {admin && <InviteModal opened={inviteOpened} onClose={invite.close} />}
      <ConfirmModal
        opened={!!deactivating}
        message={deactivating ? t('members.deactivateConfirm', { name: deactivating.name }) : ''}
        confirmLabel={t('members.deactivate')}
        loading={update.isPending}
        onConfirm={() => deactivating && update.mutate({ id: deactivating.id, patch: { active: false } })}
        onClose={() => setDeactivating(null)}
      />
    </>
  );
}

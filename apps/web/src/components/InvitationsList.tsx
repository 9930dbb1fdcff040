import { useState } from 'react';
import { Badge, Button, Paper, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, getAll, type Invitation } from '../api';
import { ROLE_COLORS, formatDateTime, notifyError, notifySuccess } from '../util';
import { ConfirmModal } from './ConfirmModal';
import { QueryState } from './QueryState';

export function InvitationsList() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const query = useQuery({ queryKey: ['invitations'], queryFn: () => getAll<Invitation>('/invitations') });
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => api.del(`/invitations/${id}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['invitations'] });
      notifySuccess(t('members.revoked'));
      setRevoking(null);
    },
    onError: notifyError,
  });
  const items = query.data ?? [];
  return (
    <Paper withBorder p="lg" mt="lg">
      <Title order={3} size="h5" mb="sm">
        {t('members.pending')}
      </Title>
      <QueryState isPending={query.isPending} error={query.error} refetch={query.refetch} />
      {query.data && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('members.noPending')}
        </Text>
      )}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs" data-testid="invitations-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('members.email')}</Table.Th>
                <Table.Th>{t('members.role')}</Table.Th>
                <Table.Th>{t('members.invitedBy')}</Table.Th>
                <Table.Th>{t('members.expires')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((inv) => (
                <Table.Tr key={inv.id}>
                  <Table.Td>{inv.email}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={ROLE_COLORS[inv.role]}>
                      {t(`roles.${inv.role}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{inv.invitedBy?.name ?? t('common.none')}</Table.Td>
                  <Table.Td>{formatDateTime(inv.expiresAt)}</Table.Td>
                  <Table.Td ta="right">
                    <Button size="compact-sm" variant="subtle" color="red" onClick={() => setRevoking(inv)}>
                      {t('members.revoke')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ConfirmModal
        opened={!!revoking}
        message={revoking ? t('members.revokeConfirm', { email: revoking.email }) : ''}
        confirmLabel={t('members.revoke')}
        loading={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
        onClose={() => setRevoking(null)}
      />
    </Paper>
  );
}

import { useState } from 'react';
import { Badge, Button, Code, Group, Paper, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, getAll, type ApiToken } from '../api';
import { ConfirmModal } from '../components/ConfirmModal';
import { CreateTokenModal } from '../components/CreateTokenModal';
import { PageHeader } from '../components/PageHeader';
import { QueryState } from '../components/QueryState';
import { TokenSecretModal } from '../components/TokenSecretModal';
import { formatDate, formatDateTime, notifyError, notifySuccess } from '../util';

function TokenStatus({ token }: { token: ApiToken }) {
  const { t } = useTranslation();
  if (token.revokedAt)
    return (
      <Badge color="red" variant="light">
        {t('tokens.revoked')}
      </Badge>
    );
  if (token.expiresAt && new Date(token.expiresAt).getTime() < Date.now()) {
    return (
      <Badge color="gray" variant="light">
        {t('tokens.expired')}
      </Badge>
    );
  }
  return (
    <Badge color="teal" variant="light">
      {t('tokens.active')}
    </Badge>
  );
}

export function ApiTokensPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const tokens = useQuery({ queryKey: ['api-tokens'], queryFn: () => getAll<ApiToken>('/api-tokens') });
  const [createOpened, create] = useDisclosure(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => api.del(`/api-tokens/${id}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['api-tokens'] });
      notifySuccess(t('tokens.revokedDone'));
      setRevoking(null);
    },
    onError: notifyError,
  });
  const items = tokens.data ?? [];

  return (
    <>
      <PageHeader
        title={t('tokens.title')}
        description={t('tokens.intro')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={create.open} data-testid="token-create">
            {t('tokens.create')}
          </Button>
        }
      />
      <Paper withBorder p="lg">
        <QueryState isPending={tokens.isPending} error={tokens.error} refetch={tokens.refetch} />
        {tokens.data && items.length === 0 && (
          <Text c="dimmed" ta="center" py="md">
            {t('tokens.empty')}
          </Text>
        )}
        {items.length > 0 && (
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="sm" data-testid="tokens-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('tokens.name')}</Table.Th>
                  <Table.Th>{t('tokens.scopes')}</Table.Th>
                  <Table.Th>{t('tokens.prefix')}</Table.Th>
                  <Table.Th>{t('tokens.created')}</Table.Th>
                  <Table.Th>{t('tokens.lastUsed')}</Table.Th>
                  <Table.Th>{t('tokens.expires')}</Table.Th>
                  <Table.Th>{t('tokens.status')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((tok) => (
                  <Table.Tr key={tok.id} opacity={tok.revokedAt ? 0.6 : 1}>
                    <Table.Td fw={500}>{tok.name}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {tok.scopes.map((s) => (
                          <Badge
                            key={s}
                            size="xs"
                            variant="outline"
                            color="gray"
                            style={{ textTransform: 'none' }}
                          >
                            {s}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Code>{tok.prefix}…</Code>
                    </Table.Td>
                    <Table.Td>{formatDateTime(tok.createdAt)}</Table.Td>
                    <Table.Td>{tok.lastUsedAt ? formatDateTime(tok.lastUsedAt) : t('common.never')}</Table.Td>
                    <Table.Td>{tok.expiresAt ? formatDate(tok.expiresAt) : t('common.never')}</Table.Td>
                    <Table.Td>
                      <TokenStatus token={tok} />
                    </Table.Td>
                    <Table.Td ta="right">
                      {!tok.revokedAt && (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          onClick={() => setRevoking(tok)}
                        >
                          {t('tokens.revoke')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <CreateTokenModal opened={createOpened} onClose={create.close} onCreated={(s) => setSecret(s)} />
      <TokenSecretModal secret={secret} onClose={() => setSecret(null)} />
      <ConfirmModal
        opened={!!revoking}
        message={revoking ? t('tokens.revokeConfirm', { name: revoking.name }) : ''}
        confirmLabel={t('tokens.revoke')}
        loading={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
        onClose={() => setRevoking(null)}
      />
    </>
  );
}

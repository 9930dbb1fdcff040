import { Badge, Button, Code, Paper, Table, Text, Tooltip } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type DeadJob } from '../api';
import { LoadMore } from '../components/LoadMore';
import { PageHeader } from '../components/PageHeader';
import { QueryState } from '../components/QueryState';
import { usePagedList } from '../queries';
import { formatDateTime, notifyError, notifySuccess } from '../util';

export function JobsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = usePagedList<DeadJob>('dead-jobs', '/jobs/dead');
  const retry = useMutation({
    mutationFn: (id: string) => api.post<void>(`/jobs/dead/${encodeURIComponent(id)}/retry`),
    onSuccess: () => {
      notifySuccess(t('jobs.retried'));
      void qc.invalidateQueries({ queryKey: ['dead-jobs'] });
    },
    onError: notifyError,
  });
  return (
    <>
      <PageHeader title={t('jobs.title')} description={t('jobs.intro')} />
      <Paper withBorder p="lg">
        <QueryState isPending={list.isPending} error={list.error} refetch={list.refetch} />
        {list.data && list.items.length === 0 && (
          <Text c="dimmed" ta="center" py="md">
            {t('jobs.empty')}
          </Text>
        )}
        {list.items.length > 0 && (
          <Table.ScrollContainer minWidth={800}>
            <Table verticalSpacing="sm" data-testid="jobs-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('jobs.queue')}</Table.Th>
                  <Table.Th>{t('jobs.name')}</Table.Th>
                  <Table.Th>{t('jobs.attempts')}</Table.Th>
                  <Table.Th>{t('jobs.error')}</Table.Th>
                  <Table.Th>{t('jobs.when')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.map((j) => (
                  <Table.Tr key={j.id}>
                    <Table.Td>
                      <Badge variant="light" color="gray" style={{ textTransform: 'none' }}>
                        {j.queue}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Code>{j.name}</Code>
                    </Table.Td>
                    <Table.Td>{j.attempts}</Table.Td>
                    <Table.Td maw={360}>
                      <Tooltip label={j.error ?? ''} multiline w={420} disabled={!j.error}>
                        <Text size="sm" c="red.8" lineClamp={2}>
                          {j.error ?? t('common.none')}
                        </Text>
                      </Tooltip>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(j.failedAt)}</Table.Td>
                    <Table.Td ta="right">
                      <Button
                        size="compact-sm"
                        variant="light"
                        leftSection={<IconRefresh size={14} />}
                        loading={retry.isPending && retry.variables === j.id}
                        onClick={() => retry.mutate(j.id)}
                      >
                        {t('jobs.retry')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <LoadMore
          hasMore={!!list.hasNextPage}
          loading={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        />
      </Paper>
    </>
  );
}

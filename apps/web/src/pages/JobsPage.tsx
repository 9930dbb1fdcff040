import { Badge, Button, Code, Table, Text, Tooltip } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type DeadJob } from '../api';
import { PageHeader } from '../components/PageHeader';
import { PagedTable } from '../components/PagedTable';
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
      <PagedTable
        list={list}
        empty={t('jobs.empty')}
        minWidth={800}
        verticalSpacing="sm"
        testId="jobs-table"
        columns={[t('jobs.queue'), t('jobs.name'), t('jobs.attempts'), t('jobs.error'), t('jobs.when'), '']}
        row={(j) => (
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
        )}
      />
    </>
  );
}

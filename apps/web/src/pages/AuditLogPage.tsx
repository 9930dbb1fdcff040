import { Badge, Code, Paper, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../api';
import { LoadMore } from '../components/LoadMore';
import { PageHeader } from '../components/PageHeader';
import { QueryState } from '../components/QueryState';
import { usePagedList } from '../queries';
import { formatDateTime } from '../util';

export function AuditLogPage() {
  const { t } = useTranslation();
  const list = usePagedList<AuditEntry>('audit-log', '/audit-log');
  return (
    <>
      <PageHeader title={t('audit.title')} />
      <Paper withBorder p="lg">
        <QueryState isPending={list.isPending} error={list.error} refetch={list.refetch} />
        {list.data && list.items.length === 0 && (
          <Text c="dimmed" ta="center" py="md">
            {t('audit.empty')}
          </Text>
        )}
        {list.items.length > 0 && (
          <Table.ScrollContainer minWidth={800}>
            <Table verticalSpacing="xs" striped data-testid="audit-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('audit.when')}</Table.Th>
                  <Table.Th>{t('audit.who')}</Table.Th>
                  <Table.Th>{t('audit.action')}</Table.Th>
                  <Table.Th>{t('audit.target')}</Table.Th>
                  <Table.Th>{t('audit.ip')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.createdAt)}</Table.Td>
                    <Table.Td>
                      {e.actor ? (
                        <Tooltip label={e.actor.email}>
                          <Text size="sm" span>
                            {e.actor.name}
                          </Text>
                        </Tooltip>
                      ) : (
                        <Text size="sm" c="dimmed" span>
                          {t('audit.system')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color="indigo" style={{ textTransform: 'none' }}>
                        {e.action}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {e.targetType ? (
                        <Text size="sm">
                          {e.targetType}
                          {e.targetId && <Code ml={6}>{e.targetId.slice(0, 12)}</Code>}
                        </Text>
                      ) : (
                        t('common.none')
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {e.ip ?? t('common.none')}
                      </Text>
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

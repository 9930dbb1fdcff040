import { Badge, Code, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../api';
import { PageHeader } from '../components/PageHeader';
import { PagedTable } from '../components/PagedTable';
import { usePagedList } from '../queries';
import { formatDateTime } from '../util';

export function AuditLogPage() {
  const { t } = useTranslation();
  const list = usePagedList<AuditEntry>('audit-log', '/audit-log');
  return (
    <>
      <PageHeader title={t('audit.title')} />
      <PagedTable
        list={list}
        empty={t('audit.empty')}
        minWidth={800}
        verticalSpacing="xs"
        striped
        testId="audit-table"
        columns={[t('audit.when'), t('audit.who'), t('audit.action'), t('audit.target'), t('audit.ip')]}
        row={(e) => (
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
        )}
      />
    </>
  );
}

import { useState } from 'react';
import { Modal, Paper, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Mail } from '../api';
import { LoadMore } from '../components/LoadMore';
import { PageHeader } from '../components/PageHeader';
import { QueryState } from '../components/QueryState';
import { usePagedList } from '../queries';
import { formatDateTime } from '../util';

export function OutboxPage() {
  const { t } = useTranslation();
  const list = usePagedList<Mail>('mail-outbox', '/mail-outbox');
  const [open, setOpen] = useState<Mail | null>(null);
  return (
    <>
      <PageHeader title={t('outbox.title')} description={t('outbox.intro')} />
      <Paper withBorder p="lg">
        <QueryState isPending={list.isPending} error={list.error} refetch={list.refetch} />
        {list.data && list.items.length === 0 && (
          <Text c="dimmed" ta="center" py="md">
            {t('outbox.empty')}
          </Text>
        )}
        {list.items.length > 0 && (
          <Table.ScrollContainer minWidth={600}>
            <Table verticalSpacing="sm" highlightOnHover data-testid="outbox-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('outbox.to')}</Table.Th>
                  <Table.Th>{t('outbox.subject')}</Table.Th>
                  <Table.Th>{t('outbox.when')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.map((m) => (
                  <Table.Tr
                    key={m.id}
                    style={{ cursor: 'pointer' }}
                    tabIndex={0}
                    onClick={() => setOpen(m)}
                    onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && setOpen(m)}
                  >
                    <Table.Td>{m.to}</Table.Td>
                    <Table.Td fw={500}>{m.subject}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(m.createdAt)}</Table.Td>
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
      <Modal opened={!!open} onClose={() => setOpen(null)} title={open?.subject} size="xl">
        {open && (
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              {t('outbox.to')}: {open.to} · {formatDateTime(open.createdAt)}
            </Text>
            <ScrollArea.Autosize mah="60vh">
              <Text
                component="pre"
                size="sm"
                p="sm"
                bg="gray.0"
                style={{
                  whiteSpace: 'pre-wrap',
                  wordBreak: 'break-word',
                  fontFamily: 'inherit',
                  borderRadius: 8,
                }}
                data-testid="mail-body"
              >
                {open.text}
              </Text>
            </ScrollArea.Autosize>
          </Stack>
        )}
      </Modal>
    </>
  );
}

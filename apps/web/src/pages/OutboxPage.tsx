import { useState } from 'react';
import { Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Mail } from '../api';
import { PageHeader } from '../components/PageHeader';
import { PagedTable } from '../components/PagedTable';
import { usePagedList } from '../queries';
import { formatDateTime } from '../util';

export function OutboxPage() {
  const { t } = useTranslation();
  const list = usePagedList<Mail>('mail-outbox', '/mail-outbox');
  const [open, setOpen] = useState<Mail | null>(null);
  return (
    <>
      <PageHeader title={t('outbox.title')} description={t('outbox.intro')} />
      <PagedTable
        list={list}
        empty={t('outbox.empty')}
        minWidth={600}
        verticalSpacing="sm"
        highlightOnHover
        testId="outbox-table"
        columns={[t('outbox.to'), t('outbox.subject'), t('outbox.when')]}
        row={(m) => (
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
        )}
      />
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

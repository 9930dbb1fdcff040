import { Badge, Button, Card, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api';
import { keys, useInboxes } from '../chat/api';
import type { Inbox } from '../chat/types';
import { PageHeader } from '../components/PageHeader';
import { QueryState } from '../components/QueryState';
import { formatDate, notifyError } from '../util';

export function InboxesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const inboxes = useInboxes();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => api.post<{ inbox: Inbox }>('/inboxes', { name: name.trim(), channel: 'website' }),
    onSuccess: ({ inbox }) => {
      void qc.invalidateQueries({ queryKey: keys.inboxes });
      setOpen(false);
      setName('');
      navigate(`/app/inboxes/${inbox.id}`);
    },
    onError: notifyError,
  });
  return (
    <>
      <PageHeader
        title={t('inboxes.title')}
        description={t('inboxes.description')}
        actions={
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setOpen(true)}
            data-testid="inbox-create"
          >
            {t('inboxes.create')}
          </Button>
        }
      />
      <QueryState isPending={inboxes.isPending} error={inboxes.error} refetch={inboxes.refetch} />
      {inboxes.data && (
        <Card withBorder p={0}>
          <Table highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('inboxes.name')}</Table.Th>
                <Table.Th>{t('inboxes.channel')}</Table.Th>
                <Table.Th>{t('inboxes.publicId')}</Table.Th>
                <Table.Th>{t('inboxes.created')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {inboxes.data.map((i) => (
                <Table.Tr
                  key={i.id}
                  style={{ cursor: 'pointer' }}
                  onClick={() => navigate(`/app/inboxes/${i.id}`)}
                  data-testid="inbox-row"
                >
                  <Table.Td fw={500}>{i.name}</Table.Td>
                  <Table.Td>
                    <Badge variant="light">{t(`inboxes.channels.${i.channel}`)}</Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text ff="monospace" size="xs">
                      {i.publicId}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatDate(i.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      <Modal opened={open} onClose={() => setOpen(false)} title={t('inboxes.create')}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) create.mutate();
          }}
        >
          <Stack>
            <TextInput
              label={t('inboxes.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              data-autofocus
              data-testid="inbox-name"
            />
            <Text size="xs" c="dimmed">
              {t('inboxes.websiteOnly')}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
                {t('common.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

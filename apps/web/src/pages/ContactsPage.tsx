import { Anchor, Avatar, Card, Group, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { getPage } from '../api';
import { initials } from '../chat/text';
import type { Contact } from '../chat/types';
import { LoadMore } from '../components/LoadMore';
import { PageHeader } from '../components/PageHeader';
import { QueryState } from '../components/QueryState';
import { formatDateTime } from '../util';

export function ContactsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const path = debounced ? `/contacts?q=${encodeURIComponent(debounced)}` : '/contacts';
  const list = useInfiniteQuery({
    queryKey: ['contacts', debounced],
    queryFn: ({ pageParam }) => getPage<Contact>(path, pageParam, 50),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader title={t('contacts.title')} description={t('contacts.description')} />
      <TextInput
        mb="md"
        leftSection={<IconSearch size={16} />}
        placeholder={t('contacts.search')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        data-testid="contact-search"
        aria-label={t('contacts.search')}
      />
      <QueryState isPending={list.isPending} error={list.error} refetch={list.refetch} />
      {list.data && (
        <Card withBorder p={0}>
          <Table.ScrollContainer minWidth={600}>
            <Table highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('contacts.name')}</Table.Th>
                  <Table.Th>{t('contacts.email')}</Table.Th>
                  <Table.Th>{t('contacts.phone')}</Table.Th>
                  <Table.Th>{t('contacts.lastSeenCol')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={4}>
                      <Text c="dimmed" ta="center" py="md">
                        {t('common.noData')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {items.map((c) => (
                  <Table.Tr
                    key={c.id}
                    style={{ cursor: 'pointer' }}
                    onClick={() => navigate(`/app/contacts/${c.id}`)}
                    data-testid="contact-row"
                  >
                    <Table.Td>
                      <Group gap="sm" wrap="nowrap">
                        <Avatar size={28} radius="xl" color="teal">
                          {initials(c.name || t('chat.visitor'))}
                        </Avatar>
                        <Anchor
                          component={Link}
                          to={`/app/contacts/${c.id}`}
                          size="sm"
                          onClick={(e) => e.stopPropagation()}
                        >
                          {c.name || t('chat.visitor')}
                        </Anchor>
                      </Group>
                    </Table.Td>
                    <Table.Td>{c.email ?? t('common.none')}</Table.Td>
                    <Table.Td>{c.phone ?? t('common.none')}</Table.Td>
                    <Table.Td>{formatDateTime(c.lastSeenAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      <LoadMore list={list} />
    </>
  );
}

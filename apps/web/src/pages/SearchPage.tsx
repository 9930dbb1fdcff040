import { Anchor, Badge, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { Highlighted, shortTime } from '../chat/text';
import type { SearchResult } from '../chat/types';
import { STATUS_COLORS } from '../components/chat/ConversationList';
import { PageHeader } from '../components/PageHeader';
import { QueryState } from '../components/QueryState';

export function SearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const [value, setValue] = useState(q);
  const [prevQ, setPrevQ] = useState(q);
  if (prevQ !== q) {
    setPrevQ(q);
    setValue(q);
  }
  const result = useQuery({
    queryKey: ['search', q],
    queryFn: () => api.get<SearchResult>(`/search?q=${encodeURIComponent(q)}`),
    enabled: q.length > 0,
  });
  return (
    <>
      <PageHeader title={t('search.title')} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (value.trim()) setParams({ q: value.trim() });
        }}
      >
        <TextInput
          mb="lg"
          leftSection={<IconSearch size={16} />}
          placeholder={t('search.placeholder')}
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          aria-label={t('search.placeholder')}
          data-testid="search-page-input"
        />
      </form>
      {q && <QueryState isPending={result.isPending} error={result.error} refetch={result.refetch} />}
      {result.data && (
        <Stack gap="lg">
          <Stack gap="xs">
            <Title order={3} size="h5">
              {t('search.messages', { count: result.data.conversations.length })}
            </Title>
            {result.data.conversations.length === 0 && (
              <Text c="dimmed" size="sm">
                {t('chat.noResults')}
              </Text>
            )}
            {result.data.conversations.map(({ conversation: c, message }) => (
              <Card
                key={message.id}
                withBorder
                padding="sm"
                component={Link}
                to={`/app/conversations/${c.id}`}
                data-testid="search-result"
              >
                <Group justify="space-between" wrap="nowrap">
                  <Group gap="xs" wrap="nowrap">
                    <Text fw={600} size="sm">
                      {c.contact.name || t('chat.visitor')}
                    </Text>
                    <Text size="xs" c="dimmed">
                      #{c.number}
                    </Text>
                    <Badge size="xs" variant="light" color={STATUS_COLORS[c.status]}>
                      {t(`chat.status.${c.status}`)}
                    </Badge>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {shortTime(message.createdAt)}
                  </Text>
                </Group>
                <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                  <Highlighted text={message.snippet} ranges={message.highlights ?? []} />
                </Text>
              </Card>
            ))}
          </Stack>
          <Stack gap="xs">
            <Title order={3} size="h5">
              {t('search.contacts', { count: result.data.contacts.length })}
            </Title>
            {result.data.contacts.length === 0 && (
              <Text c="dimmed" size="sm">
                {t('chat.noResults')}
              </Text>
            )}
            {result.data.contacts.map((c) => (
              <Anchor key={c.id} component={Link} to={`/app/contacts/${c.id}`} data-testid="search-contact">
                <Group gap="xs">
                  <Text size="sm" fw={500}>
                    {c.name || t('chat.visitor')}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {[c.email, c.phone].filter(Boolean).join(' · ')}
                  </Text>
                </Group>
              </Anchor>
            ))}
          </Stack>
        </Stack>
      )}
    </>
  );
}

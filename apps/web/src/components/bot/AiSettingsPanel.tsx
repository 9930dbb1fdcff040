import {
  Alert,
  Button,
  Card,
  Group,
  NumberInput,
  PasswordInput,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { FormError } from '../FormError';
import { QueryState } from '../QueryState';

interface AiSettings {
  enabled: boolean;
  baseUrl: string;
  embeddingModel: string;
  chatModel: string;
  minScore: number;
  hasApiKey: boolean;
}

/** The workspace's optional OpenAI-compatible endpoint (admins). The key is write-only. */
export function AiSettingsPanel() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const query = useQuery({ queryKey: ['bot', 'ai'], queryFn: () => api.get<AiSettings>('/bot/ai') });
  const [form, setForm] = useState<AiSettings | null>(null);
  const [apiKey, setApiKey] = useState('');
  useEffect(() => {
    if (query.data) setForm(query.data);
  }, [query.data]);
  const save = useMutation({
    mutationFn: () =>
      api.put<AiSettings>('/bot/ai', {
        enabled: form!.enabled,
        baseUrl: form!.baseUrl.trim(),
        embeddingModel: form!.embeddingModel.trim(),
        chatModel: form!.chatModel.trim(),
        minScore: form!.minScore,
        ...(apiKey ? { apiKey } : {}),
      }),
    onSuccess: (data) => {
      setApiKey('');
      client.setQueryData(['bot', 'ai'], data);
    },
  });

  return (
    <>
      <QueryState isPending={query.isPending} error={query.error} refetch={query.refetch} />
      {form && (
        <Card withBorder padding="lg" data-testid="bot-ai">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate();
            }}
          >
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                {t('bot.ai.description')}
              </Text>
              <Switch
                label={t('bot.ai.enabled')}
                checked={form.enabled}
                onChange={(e) => setForm({ ...form, enabled: e.currentTarget.checked })}
                data-testid="bot-ai-enabled"
              />
              <TextInput
                label={t('bot.ai.baseUrl')}
                placeholder="https://api.example.com/v1"
                value={form.baseUrl}
                onChange={(e) => setForm({ ...form, baseUrl: e.currentTarget.value })}
                data-testid="bot-ai-base-url"
              />
              <PasswordInput
                label={t('bot.ai.apiKey')}
                placeholder={form.hasApiKey ? t('bot.ai.apiKeyKept') : ''}
                value={apiKey}
                onChange={(e) => setApiKey(e.currentTarget.value)}
                autoComplete="off"
                data-testid="bot-ai-key"
              />
              <Group grow>
                <TextInput
                  label={t('bot.ai.embeddingModel')}
                  value={form.embeddingModel}
                  onChange={(e) => setForm({ ...form, embeddingModel: e.currentTarget.value })}
                  data-testid="bot-ai-embedding-model"
                />
                <TextInput
                  label={t('bot.ai.chatModel')}
                  value={form.chatModel}
                  onChange={(e) => setForm({ ...form, chatModel: e.currentTarget.value })}
                  data-testid="bot-ai-chat-model"
                />
              </Group>
              <NumberInput
                label={t('bot.ai.minScore')}
                description={t('bot.ai.minScoreHelp')}
                min={0}
                max={1}
                step={0.05}
                decimalScale={2}
                value={form.minScore}
                onChange={(v) => setForm({ ...form, minScore: typeof v === 'number' ? v : Number(v) || 0 })}
                data-testid="bot-ai-min-score"
              />
              <FormError error={save.error} />
              {save.isSuccess && (
                <Alert color="teal" py="xs" data-testid="bot-ai-saved">
                  {t('bot.ai.saved')}
                </Alert>
              )}
              <Group justify="flex-end">
                <Button type="submit" loading={save.isPending} data-testid="bot-ai-save">
                  {t('common.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      )}
    </>
  );
}

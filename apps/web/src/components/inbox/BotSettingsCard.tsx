import {
  Card,
  Group,
  SegmentedControl,
  SimpleGrid,
  Slider,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { IconRobot } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ANSWER_MODES, type AnswerMode, type BotSettings } from '../../kb/types';
import { SuggestedQuestionsField } from './SuggestedQuestionsField';

/** The "Bot" section of a website inbox's settings (saved with the other settings as `settings.bot`). */
export function BotSettingsCard({
  value,
  onChange,
  errors,
}: {
  value: BotSettings;
  onChange: (next: BotSettings) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<BotSettings>) => onChange({ ...value, ...patch });
  return (
    <Card withBorder data-testid="inbox-bot">
      <Group gap={6} mb={4}>
        <IconRobot size={18} />
        <Title order={4} size="h5">
          {t('inboxes.bot.title')}
        </Title>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('inboxes.bot.help')}{' '}
        <Text component={Link} to="/app/kb" size="sm" c="teal">
          {t('nav.kb')}
        </Text>
      </Text>
      <Stack>
        <Switch
          label={t('inboxes.bot.enabled')}
          checked={value.enabled}
          onChange={(e) => set({ enabled: e.currentTarget.checked })}
          data-testid="bot-enabled"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('inboxes.bot.name')}
            placeholder={t('inboxes.bot.namePlaceholder')}
            maxLength={60}
            value={value.name}
            error={errors['bot.name']}
            onChange={(e) => set({ name: e.currentTarget.value })}
            data-testid="bot-name"
          />
          <TextInput
            label={t('inboxes.bot.avatarUrl')}
            placeholder="https://…"
            value={value.avatarUrl}
            error={errors['bot.avatarUrl']}
            onChange={(e) => set({ avatarUrl: e.currentTarget.value.trim() })}
            data-testid="bot-avatar"
          />
        </SimpleGrid>
        <Textarea
          label={t('inboxes.bot.greeting')}
          description={t('inboxes.bot.greetingHelp')}
          autosize
          minRows={2}
          maxLength={1000}
          value={value.greeting}
          error={errors['bot.greeting']}
          onChange={(e) => set({ greeting: e.currentTarget.value })}
          data-testid="bot-greeting"
        />
        <Textarea
          label={t('inboxes.bot.fallback')}
          description={t('inboxes.bot.fallbackHelp')}
          autosize
          minRows={2}
          maxLength={1000}
          value={value.fallbackText}
          error={errors['bot.fallbackText']}
          onChange={(e) => set({ fallbackText: e.currentTarget.value })}
          data-testid="bot-fallback"
        />
        <Stack gap={4}>
          <Group justify="space-between">
            <Text size="sm" fw={500}>
              {t('inboxes.bot.share')}
            </Text>
            <Text size="sm" fw={600} data-testid="bot-share-value">
              {value.share}%
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            {t('inboxes.bot.shareHelp')}
          </Text>
          <Slider
            min={0}
            max={100}
            step={5}
            value={value.share}
            onChange={(share) => set({ share })}
            label={(v) => `${v}%`}
            marks={[
              { value: 0, label: '0%' },
              { value: 50, label: '50%' },
              { value: 100, label: '100%' },
            ]}
            thumbLabel={t('inboxes.bot.share')}
            mb="md"
            data-testid="bot-share"
          />
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('inboxes.bot.answerMode')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('inboxes.bot.answerModeHelp')}
          </Text>
          <SegmentedControl
            value={value.answerMode}
            onChange={(v) => set({ answerMode: v as AnswerMode })}
            data={ANSWER_MODES.map((m) => ({ value: m, label: t(`inboxes.bot.answerModes.${m}`) }))}
            aria-label={t('inboxes.bot.answerMode')}
            data-testid="bot-answer-mode"
          />
          <Text size="xs" c="dimmed" data-testid="bot-answer-mode-help">
            {t(`inboxes.bot.answerModeHelps.${value.answerMode}`)}
          </Text>
        </Stack>
        <SuggestedQuestionsField
          value={value.suggested}
          onChange={(suggested) => set({ suggested })}
          error={errors['bot.suggested']}
        />
        <Switch
          label={t('inboxes.bot.typeahead')}
          description={t('inboxes.bot.typeaheadHelp')}
          checked={value.typeahead}
          onChange={(e) => set({ typeahead: e.currentTarget.checked })}
          data-testid="bot-typeahead"
        />
        <Switch
          label={t('inboxes.bot.related')}
          description={t('inboxes.bot.relatedHelp')}
          checked={value.related}
          onChange={(e) => set({ related: e.currentTarget.checked })}
          data-testid="bot-related"
        />
        <Switch
          label={t('inboxes.bot.onlyOutsideHours')}
          description={t('inboxes.bot.onlyOutsideHoursHelp')}
          checked={value.onlyOutsideHours}
          onChange={(e) => set({ onlyOutsideHours: e.currentTarget.checked })}
          data-testid="bot-outside-hours"
        />
      </Stack>
    </Card>
  );
}

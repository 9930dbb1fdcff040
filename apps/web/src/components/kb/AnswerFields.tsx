import {
  ActionIcon,
  Button,
  Group,
  Menu,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { CHANNELS, type Channel } from '@kefu/shared';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MarkdownPreview } from '../../kb/Markdown';
import type { FaqAnswer, FaqButton } from '../../kb/types';

/** A quick-reply button as edited: a reply text or a link in one field. */
export interface ButtonRow {
  label: string;
  kind: 'reply' | 'url';
  value: string;
}

/** An answer being edited: its Markdown text and buttons. */
export interface AnswerDraft {
  text: string;
  buttons: ButtonRow[];
}

export type ChannelDrafts = Partial<Record<Channel, AnswerDraft>>;

export const toDraft = (a: Partial<FaqAnswer> | undefined): AnswerDraft => ({
  text: a?.text ?? '',
  buttons: (a?.buttons ?? []).map((b: FaqButton) =>
    b.url
      ? { label: b.label, kind: 'url', value: b.url }
      : { label: b.label, kind: 'reply', value: b.reply ?? '' },
  ),
});

export const fromDraft = (d: AnswerDraft): FaqAnswer => ({
  text: d.text,
  buttons: d.buttons.map((b) =>
    b.kind === 'url'
      ? { label: b.label.trim(), url: b.value.trim() }
      : { label: b.label.trim(), ...(b.value.trim() ? { reply: b.value.trim() } : {}) },
  ),
});

/**
 * Problems of an answer, keyed `${prefix}answer` and `${prefix}buttons.<i>` (the keys `AnswerFields` shows):
 * a text is required, every button needs a label, a link button an http(s) address.
 */
export function draftErrors(d: AnswerDraft, t: TFunction, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  if (!d.text.trim()) out[`${prefix}answer`] = t('validation.required');
  d.buttons.forEach((b, i) => {
    if (!b.label.trim()) out[`${prefix}buttons.${i}`] = t('kb.faq.buttonLabelRequired');
    else if (b.kind === 'url' && !/^https?:\/\/\S+$/.test(b.value.trim()))
      out[`${prefix}buttons.${i}`] = t('kb.faq.buttonUrlRule');
  });
  return out;
}

/** The label and help line of a group of fields (inside a Stack). */
export function FieldHeading({ label, help }: { label: string; help: string }) {
  return (
    <>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Text size="xs" c="dimmed" mt={-4}>
        {help}
      </Text>
    </>
  );
}

/**
 * An answer's Markdown text (write / preview) and its quick-reply buttons. `testId` prefixes the test ids
 * (`faq` → `faq-answer`, `faq-button-add`, …); errors are read at `${errorPrefix}answer` and
 * `${errorPrefix}buttons.<i>`.
 */
export function AnswerFields({
  value,
  onChange,
  errors,
  errorPrefix = '',
  label,
  testId,
  autoFocus,
}: {
  value: AnswerDraft;
  onChange: (next: AnswerDraft) => void;
  errors: Record<string, string>;
  errorPrefix?: string;
  label: string;
  testId: string;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState(false);
  const textError = errors[`${errorPrefix}answer`];
  const setButtons = (buttons: ButtonRow[]) => onChange({ ...value, buttons });
  return (
    <>
      <Stack gap={4}>
        <Group justify="space-between">
          <Text size="sm" fw={500}>
            {label}
          </Text>
          <SegmentedControl
            size="xs"
            value={preview ? 'preview' : 'write'}
            onChange={(v) => setPreview(v === 'preview')}
            data={[
              { value: 'write', label: t('kb.write') },
              { value: 'preview', label: t('kb.preview') },
            ]}
            data-testid={`${testId}-answer-mode`}
          />
        </Group>
        {preview ? (
          <MarkdownPreview source={value.text} mih={110} />
        ) : (
          <Textarea
            description={t('kb.faq.answerHelp')}
            autosize
            minRows={4}
            maxRows={14}
            maxLength={5000}
            value={value.text}
            error={textError}
            aria-label={label}
            autoFocus={autoFocus}
            onChange={(e) => onChange({ ...value, text: e.currentTarget.value })}
            data-testid={`${testId}-answer`}
          />
        )}
        {preview && textError && (
          <Text size="xs" c="red">
            {textError}
          </Text>
        )}
      </Stack>
      <Stack gap={6}>
        <FieldHeading label={t('kb.faq.buttons')} help={t('kb.faq.buttonsHelp')} />
        {value.buttons.map((b, i) => {
          const update = (patch: Partial<ButtonRow>) => {
            const buttons = value.buttons.slice();
            buttons[i] = { ...b, ...patch };
            setButtons(buttons);
          };
          return (
            <Paper key={i} withBorder p={6} data-testid={`${testId}-button-row`}>
              <Group gap={6} wrap="nowrap" align="flex-start">
                <TextInput
                  size="xs"
                  w={130}
                  placeholder={t('kb.faq.buttonLabel')}
                  aria-label={t('kb.faq.buttonLabel')}
                  value={b.label}
                  maxLength={40}
                  onChange={(e) => update({ label: e.currentTarget.value })}
                  data-testid={`${testId}-button-label`}
                />
                <Select
                  size="xs"
                  w={110}
                  aria-label={t('kb.faq.buttonKind')}
                  value={b.kind}
                  allowDeselect={false}
                  onChange={(v) => v && update({ kind: v as ButtonRow['kind'] })}
                  data={[
                    { value: 'reply', label: t('kb.faq.buttonReply') },
                    { value: 'url', label: t('kb.faq.buttonUrl') },
                  ]}
                />
                <TextInput
                  size="xs"
                  style={{ flex: 1 }}
                  placeholder={b.kind === 'url' ? 'https://…' : t('kb.faq.buttonReplyPlaceholder')}
                  aria-label={b.kind === 'url' ? t('kb.faq.buttonUrl') : t('kb.faq.buttonReply')}
                  value={b.value}
                  maxLength={b.kind === 'url' ? 2000 : 500}
                  error={errors[`${errorPrefix}buttons.${i}`]}
                  onChange={(e) => update({ value: e.currentTarget.value })}
                  data-testid={`${testId}-button-value`}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('kb.faq.removeButton')}
                  onClick={() => setButtons(value.buttons.filter((_, j) => j !== i))}
                >
                  <IconTrash size={14} />
                </ActionIcon>
              </Group>
            </Paper>
          );
        })}
        {value.buttons.length < 10 && (
          <div>
            <Button
              size="xs"
              variant="subtle"
              leftSection={<IconPlus size={14} />}
              onClick={() => setButtons([...value.buttons, { label: '', kind: 'reply', value: '' }])}
              data-testid={`${testId}-button-add`}
            >
              {t('kb.faq.addButton')}
            </Button>
          </div>
        )}
      </Stack>
    </>
  );
}

/**
 * Per-channel answers: each channel the trainer adds gets its own answer and buttons, which replace the
 * standard answer there; removing it brings the standard answer back on that channel.
 */
export function ChannelAnswersField({
  value,
  onChange,
  errors,
}: {
  value: ChannelDrafts;
  onChange: (next: ChannelDrafts) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const [added, setAdded] = useState<Channel | null>(null);
  const present = CHANNELS.filter((c) => value[c]);
  const missing = CHANNELS.filter((c) => !value[c]);
  const channelName = (c: Channel) => t(`inboxes.channels.${c}`);
  return (
    <Stack gap={6} data-testid="faq-channel-answers">
      <FieldHeading label={t('kb.faq.channelAnswers')} help={t('kb.faq.channelAnswersHelp')} />
      {present.map((c) => (
        <Paper key={c} withBorder p="sm" data-testid="faq-channel-block" data-channel={c}>
          <Stack gap="sm">
            <AnswerFields
              value={value[c]!}
              onChange={(next) => onChange({ ...value, [c]: next })}
              errors={errors}
              errorPrefix={`channel.${c}.`}
              label={t('kb.faq.channelAnswerFor', { channel: channelName(c) })}
              testId="faq-channel"
              autoFocus={added === c}
            />
            <Group justify="flex-end">
              <Button
                size="xs"
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={14} />}
                onClick={() => {
                  const next = { ...value };
                  delete next[c];
                  onChange(next);
                }}
                data-testid="faq-channel-remove"
              >
                {t('kb.faq.removeChannelAnswer', { channel: channelName(c) })}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ))}
      {missing.length > 0 && (
        <div>
          <Menu position="bottom-start" withinPortal={false}>
            <Menu.Target>
              <Button
                size="xs"
                variant="light"
                leftSection={<IconPlus size={14} />}
                data-testid="faq-channel-add"
              >
                {t('kb.faq.addChannelAnswer')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {missing.map((c) => (
                <Menu.Item
                  key={c}
                  onClick={() => {
                    setAdded(c);
                    onChange({ ...value, [c]: { text: '', buttons: [] } });
                  }}
                  data-testid={`faq-channel-add-${c}`}
                >
                  {channelName(c)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        </div>
      )}
    </Stack>
  );
}

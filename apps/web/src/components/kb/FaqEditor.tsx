import {
  ActionIcon,
  Button,
  Drawer,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { CHANNELS } from '@kefu/shared';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, type Locale } from '../../api';
import { currentLocale } from '../../i18n';
import { categoryOptions, kbKeys, useCategories } from '../../kb/api';
import type { Faq, FaqInput } from '../../kb/types';
import { notifySuccess } from '../../util';
import { FormError } from '../FormError';
import {
  AnswerFields,
  ChannelAnswersField,
  FieldHeading,
  draftErrors,
  fromDraft,
  toDraft,
  type AnswerDraft,
  type ChannelDrafts,
} from './AnswerFields';

interface FormState {
  question: string;
  similar: string[];
  answer: AnswerDraft;
  channels: ChannelDrafts;
  validFrom: string;
  validUntil: string;
  tags: string[];
  categoryId: string | null;
  locale: Locale;
  enabled: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO time → the value of a datetime-local input (local time). */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function toForm(faq: Faq | null, initial: Partial<FaqInput> | undefined): FormState {
  const src = faq ?? initial ?? {};
  const channels: ChannelDrafts = {};
  for (const c of CHANNELS) {
    const a = src.channelAnswers?.[c];
    if (a) channels[c] = toDraft(a);
  }
  return {
    question: src.question ?? '',
    similar: [...(src.similarQuestions ?? [])],
    answer: toDraft(src.answer),
    channels,
    validFrom: toLocalInput(src.validFrom),
    validUntil: toLocalInput(src.validUntil),
    tags: [...(src.tags ?? [])],
    categoryId: src.categoryId ?? null,
    locale: (src.locale as Locale | undefined) ?? currentLocale(),
    enabled: src.enabled ?? true,
  };
}

function toInput(f: FormState): FaqInput {
  const seen = new Set<string>();
  const similar = f.similar
    .map((s) => s.trim())
    .filter((s) => s && s !== f.question.trim() && !seen.has(s) && (seen.add(s), true));
  return {
    question: f.question.trim(),
    similarQuestions: similar,
    answer: fromDraft(f.answer),
    // always the whole set: a channel left out goes back to the standard answer
    channelAnswers: Object.fromEntries(
      CHANNELS.filter((c) => f.channels[c]).map((c) => [c, fromDraft(f.channels[c]!)]),
    ),
    categoryId: f.categoryId,
    locale: f.locale,
    tags: f.tags,
    enabled: f.enabled,
    validFrom: fromLocalInput(f.validFrom),
    validUntil: fromLocalInput(f.validUntil),
  };
}

/**
 * Field of a server error ("/answer/buttons/0/url", "body.question", "/channelAnswers/wechat/text") → our
 * error key ("buttons.0", "question", "channel.wechat.answer").
 */
function errorKey(field: string): string {
  const path = field
    .replace(/^\/?(body[./])?/, '')
    .replace(/\//g, '.')
    .split('.');
  const answerKey = (p: string[]) => (p[0] === 'buttons' ? `buttons.${p[1] ?? ''}` : 'answer');
  if (path[0] === 'answer') return answerKey(path.slice(1));
  if (path[0] === 'channelAnswers' && path[1]) return `channel.${path[1]}.${answerKey(path.slice(2))}`;
  return path[0];
}

const KNOWN = new Set([
  'question',
  'similarQuestions',
  'answer',
  'validFrom',
  'validUntil',
  'tags',
  'categoryId',
]);
const placed = (k: string) => KNOWN.has(k) || k.startsWith('buttons.') || k.startsWith('channel.');

function FaqForm({
  faq,
  initial,
  onClose,
  onSaved,
}: {
  faq: Faq | null;
  initial?: Partial<FaqInput>;
  onClose: () => void;
  onSaved?: (faq: Faq) => void;
}) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const categories = useCategories();
  const [form, setForm] = useState<FormState>(() => toForm(faq, initial));
  const [newSimilar, setNewSimilar] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<unknown>(null);
  const set = (patch: Partial<FormState>) => setForm((f) => ({ ...f, ...patch }));

  const save = useMutation({
    mutationFn: () => {
      const body = toInput(form);
      return faq
        ? api.patch<{ faq: Faq }>(`/kb/faqs/${faq.id}`, body)
        : api.post<{ faq: Faq }>('/kb/faqs', body);
    },
    onSuccess: ({ faq: saved }) => {
      qc.setQueryData(kbKeys.faq(saved.id), saved);
      void qc.invalidateQueries({ queryKey: kbKeys.faqs });
      void qc.invalidateQueries({ queryKey: kbKeys.categories });
      notifySuccess(t('common.saved'));
      onSaved?.(saved);
      onClose();
    },
    onError: (e) => {
      setGeneral(null);
      if (e instanceof ApiError && e.code === 'faq_question_taken') {
        setErrors({ question: t('kb.faq.questionTaken') });
        return;
      }
      if (e instanceof ApiError && e.fieldErrors.length) {
        const next: Record<string, string> = {};
        let unplaced = false;
        for (const f of e.fieldErrors) {
          const k = errorKey(f.field);
          if (placed(k)) next[k] = f.message;
          else unplaced = true;
        }
        setErrors(next);
        if (unplaced || Object.keys(next).length === 0) setGeneral(e);
        return;
      }
      setGeneral(e);
    },
  });

  const addSimilar = () => {
    const text = newSimilar.trim();
    if (!text) return;
    if (!form.similar.includes(text)) set({ similar: [...form.similar, text] });
    setNewSimilar('');
  };

  const validate = () => {
    const next: Record<string, string> = draftErrors(form.answer, t);
    for (const c of CHANNELS) {
      const draft = form.channels[c];
      if (draft) Object.assign(next, draftErrors(draft, t, `channel.${c}.`));
    }
    if (!form.question.trim()) next.question = t('validation.required');
    if (form.validFrom && form.validUntil && form.validUntil <= form.validFrom)
      next.validUntil = t('kb.faq.validRange');
    setErrors(next);
    return Object.keys(next).length === 0;
  };

  const options = categoryOptions(categories.data?.tree ?? [], i18n.language === 'en' ? 'en' : 'zh-CN');

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (validate()) save.mutate();
      }}
      data-testid="faq-form"
    >
      <Stack>
        <TextInput
          label={t('kb.faq.question')}
          description={t('kb.faq.questionHelp')}
          value={form.question}
          error={errors.question}
          maxLength={500}
          onChange={(e) => set({ question: e.currentTarget.value })}
          data-testid="faq-question"
          data-autofocus
        />
        <Stack gap={6}>
          <FieldHeading label={t('kb.faq.similar')} help={t('kb.faq.similarHelp')} />
          {form.similar.map((s, i) => (
            <Group key={i} gap={4} wrap="nowrap">
              <TextInput
                style={{ flex: 1 }}
                size="xs"
                value={s}
                aria-label={`${t('kb.faq.similar')} ${i + 1}`}
                maxLength={500}
                onChange={(e) => {
                  const similar = form.similar.slice();
                  similar[i] = e.currentTarget.value;
                  set({ similar });
                }}
                data-testid="faq-similar-item"
              />
              <Tooltip label={t('common.delete')}>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('kb.faq.removeSimilar')}
                  onClick={() => set({ similar: form.similar.filter((_, j) => j !== i) })}
                  data-testid="faq-similar-remove"
                >
                  <IconTrash size={14} />
                </ActionIcon>
              </Tooltip>
            </Group>
          ))}
          <Group gap={4} wrap="nowrap">
            <TextInput
              style={{ flex: 1 }}
              size="xs"
              placeholder={t('kb.faq.similarPlaceholder')}
              aria-label={t('kb.faq.similarPlaceholder')}
              value={newSimilar}
              error={errors.similarQuestions}
              maxLength={500}
              onChange={(e) => setNewSimilar(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
                  e.preventDefault();
                  addSimilar();
                }
              }}
              data-testid="faq-similar-input"
            />
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              onClick={addSimilar}
              disabled={!newSimilar.trim()}
              data-testid="faq-similar-add"
            >
              {t('kb.faq.addSimilar')}
            </Button>
          </Group>
        </Stack>
        <AnswerFields
          value={form.answer}
          onChange={(answer) => set({ answer })}
          errors={errors}
          label={t('kb.faq.answer')}
          testId="faq"
        />
        <ChannelAnswersField
          value={form.channels}
          onChange={(channels) => set({ channels })}
          errors={errors}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('kb.category')}
            placeholder={t('kb.noCategory')}
            clearable
            searchable
            value={form.categoryId}
            onChange={(v) => set({ categoryId: v })}
            data={options}
            error={errors.categoryId}
            data-testid="faq-category"
          />
          <Select
            label={t('kb.language')}
            value={form.locale}
            allowDeselect={false}
            onChange={(v) => v && set({ locale: v as Locale })}
            data={[
              { value: 'zh-CN', label: '中文' },
              { value: 'en', label: 'English' },
            ]}
            data-testid="faq-locale"
          />
          <TextInput
            type="datetime-local"
            label={t('kb.faq.validFrom')}
            value={form.validFrom}
            error={errors.validFrom}
            onChange={(e) => set({ validFrom: e.currentTarget.value })}
            data-testid="faq-valid-from"
          />
          <TextInput
            type="datetime-local"
            label={t('kb.faq.validUntil')}
            value={form.validUntil}
            error={errors.validUntil}
            onChange={(e) => set({ validUntil: e.currentTarget.value })}
            data-testid="faq-valid-until"
          />
        </SimpleGrid>
        <TagsInput
          label={t('kb.tags')}
          placeholder={t('kb.tagsPlaceholder')}
          value={form.tags}
          maxTags={20}
          error={errors.tags}
          onChange={(tags) => set({ tags: tags.map((x) => x.trim()).filter(Boolean) })}
          data-testid="faq-tags"
        />
        <Switch
          label={t('kb.faq.enabled')}
          description={t('kb.faq.enabledHelp')}
          checked={form.enabled}
          onChange={(e) => set({ enabled: e.currentTarget.checked })}
          data-testid="faq-enabled"
        />
        <FormError error={general} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="faq-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Drawer to create or edit an FAQ entry; `initial` prefills a new one (e.g. from the bot workbench). */
export function FaqEditor({
  opened,
  onClose,
  faq,
  initial,
  onSaved,
}: {
  opened: boolean;
  onClose: () => void;
  faq: Faq | null;
  initial?: Partial<FaqInput>;
  onSaved?: (faq: Faq) => void;
}) {
  const { t } = useTranslation();
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="lg"
      title={faq ? t('kb.faq.edit') : t('kb.faq.create')}
      data-testid="faq-editor"
    >
      {opened && (
        <FaqForm key={faq?.id ?? 'new'} faq={faq} initial={initial} onClose={onClose} onSaved={onSaved} />
      )}
    </Drawer>
  );
}

import {
  ActionIcon,
  Button,
  Drawer,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, type Locale } from '../../api';
import { currentLocale } from '../../i18n';
import { categoryOptions, kbKeys, useCategories } from '../../kb/api';
import { Markdown } from '../../kb/Markdown';
import type { Faq, FaqButton, FaqInput } from '../../kb/types';
import { notifySuccess } from '../../util';
import { FormError } from '../FormError';

interface ButtonRow {
  label: string;
  kind: 'reply' | 'url';
  value: string;
}

interface FormState {
  question: string;
  similar: string[];
  answer: string;
  buttons: ButtonRow[];
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
  return {
    question: src.question ?? '',
    similar: [...(src.similarQuestions ?? [])],
    answer: src.answer?.text ?? '',
    buttons: (src.answer?.buttons ?? []).map((b: FaqButton) =>
      b.url
        ? { label: b.label, kind: 'url', value: b.url }
        : { label: b.label, kind: 'reply', value: b.reply ?? '' },
    ),
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
    answer: {
      text: f.answer,
      buttons: f.buttons.map((b) =>
        b.kind === 'url'
          ? { label: b.label.trim(), url: b.value.trim() }
          : { label: b.label.trim(), ...(b.value.trim() ? { reply: b.value.trim() } : {}) },
      ),
    },
    categoryId: f.categoryId,
    locale: f.locale,
    tags: f.tags,
    enabled: f.enabled,
    validFrom: fromLocalInput(f.validFrom),
    validUntil: fromLocalInput(f.validUntil),
  };
}

/** Field of a server error ("/answer/buttons/0/url", "body.question") → our error key. */
function errorKey(field: string): string {
  const path = field
    .replace(/^\/?(body[./])?/, '')
    .replace(/\//g, '.')
    .split('.');
  if (path[0] === 'answer') return path[1] === 'buttons' ? `buttons.${path[2] ?? ''}` : 'answer';
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
  const [preview, setPreview] = useState(false);
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
          if (KNOWN.has(k) || k.startsWith('buttons.')) next[k] = f.message;
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
    const next: Record<string, string> = {};
    if (!form.question.trim()) next.question = t('validation.required');
    if (!form.answer.trim()) next.answer = t('validation.required');
    form.buttons.forEach((b, i) => {
      if (!b.label.trim()) next[`buttons.${i}`] = t('kb.faq.buttonLabelRequired');
      else if (b.kind === 'url' && !/^https?:\/\/\S+$/.test(b.value.trim()))
        next[`buttons.${i}`] = t('kb.faq.buttonUrlRule');
    });
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
          <Text size="sm" fw={500}>
            {t('kb.faq.similar')}
          </Text>
          <Text size="xs" c="dimmed" mt={-4}>
            {t('kb.faq.similarHelp')}
          </Text>
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
        <Stack gap={4}>
          <Group justify="space-between">
            <Text size="sm" fw={500}>
              {t('kb.faq.answer')}
            </Text>
            <SegmentedControl
              size="xs"
              value={preview ? 'preview' : 'write'}
              onChange={(v) => setPreview(v === 'preview')}
              data={[
                { value: 'write', label: t('kb.write') },
                { value: 'preview', label: t('kb.preview') },
              ]}
              data-testid="faq-answer-mode"
            />
          </Group>
          {preview ? (
            <Paper withBorder p="sm" mih={110}>
              {form.answer.trim() ? (
                <Markdown source={form.answer} />
              ) : (
                <Text size="sm" c="dimmed">
                  {t('kb.nothingToPreview')}
                </Text>
              )}
            </Paper>
          ) : (
            <Textarea
              description={t('kb.faq.answerHelp')}
              autosize
              minRows={4}
              maxRows={14}
              maxLength={5000}
              value={form.answer}
              error={errors.answer}
              aria-label={t('kb.faq.answer')}
              onChange={(e) => set({ answer: e.currentTarget.value })}
              data-testid="faq-answer"
            />
          )}
          {preview && errors.answer && (
            <Text size="xs" c="red">
              {errors.answer}
            </Text>
          )}
        </Stack>
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {t('kb.faq.buttons')}
          </Text>
          <Text size="xs" c="dimmed" mt={-4}>
            {t('kb.faq.buttonsHelp')}
          </Text>
          {form.buttons.map((b, i) => {
            const update = (patch: Partial<ButtonRow>) => {
              const buttons = form.buttons.slice();
              buttons[i] = { ...b, ...patch };
              set({ buttons });
            };
            return (
              <Paper key={i} withBorder p={6} data-testid="faq-button-row">
                <Group gap={6} wrap="nowrap" align="flex-start">
                  <TextInput
                    size="xs"
                    w={130}
                    placeholder={t('kb.faq.buttonLabel')}
                    aria-label={t('kb.faq.buttonLabel')}
                    value={b.label}
                    maxLength={40}
                    onChange={(e) => update({ label: e.currentTarget.value })}
                    data-testid="faq-button-label"
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
                    error={errors[`buttons.${i}`]}
                    onChange={(e) => update({ value: e.currentTarget.value })}
                    data-testid="faq-button-value"
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('kb.faq.removeButton')}
                    onClick={() => set({ buttons: form.buttons.filter((_, j) => j !== i) })}
                  >
                    <IconTrash size={14} />
                  </ActionIcon>
                </Group>
              </Paper>
            );
          })}
          {form.buttons.length < 10 && (
            <div>
              <Button
                size="xs"
                variant="subtle"
                leftSection={<IconPlus size={14} />}
                onClick={() => set({ buttons: [...form.buttons, { label: '', kind: 'reply', value: '' }] })}
                data-testid="faq-button-add"
              >
                {t('kb.faq.addButton')}
              </Button>
            </div>
          )}
        </Stack>
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

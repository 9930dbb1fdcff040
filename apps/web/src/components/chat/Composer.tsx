import {
  ActionIcon,
  Avatar,
  Box,
  Button,
  CloseButton,
  FileButton,
  Group,
  Kbd,
  Loader,
  Paper,
  Popover,
  ScrollArea,
  SimpleGrid,
  Text,
  Textarea,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconLock, IconMessage, IconMoodSmile, IconPaperclip, IconSend } from '@tabler/icons-react';
import { useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useCanned, uploadAttachment } from '../../chat/api';
import { outbox } from '../../chat/outbox';
import { useRealtime } from '../../chat/realtime';
import { fillTemplate, formatSize, initials, type TemplateVars } from '../../chat/text';
import type { Attachment, CannedResponse } from '../../chat/types';
import { useUsers } from '../../queries';
import { notifyError } from '../../util';

export type ComposerMode = 'reply' | 'note';

export interface ComposerHandle {
  focus: (mode?: ComposerMode) => void;
  openCanned: () => void;
  /** Puts text into the reply at the caret (nothing is sent). */
  insert: (text: string) => void;
}

const EMOJI = [
  '😀',
  '😄',
  '😊',
  '🙂',
  '😉',
  '😍',
  '🤔',
  '😅',
  '😂',
  '😢',
  '😮',
  '😎',
  '👍',
  '👎',
  '👌',
  '🙏',
  '👏',
  '💪',
  '🤝',
  '👋',
  '✅',
  '❌',
  '⚠️',
  '❓',
  '❤️',
  '🎉',
  '🔥',
  '⭐',
  '📦',
  '🚚',
  '💰',
  '📞',
  '📧',
  '🕒',
  '🎁',
  '😃',
];

function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

interface Draft {
  body: string;
  mode: ComposerMode;
}

const draftKey = (id: string) => `kefu.draft.${id}`;

function loadDraft(id: string): Draft {
  try {
    const raw = localStorage.getItem(draftKey(id));
    if (raw) {
      const d = JSON.parse(raw) as Draft;
      return { body: typeof d.body === 'string' ? d.body : '', mode: d.mode === 'note' ? 'note' : 'reply' };
    }
  } catch {
    // ignore
  }
  return { body: '', mode: 'reply' };
}

function saveDraft(id: string, d: Draft) {
  try {
    if (d.body) localStorage.setItem(draftKey(id), JSON.stringify(d));
    else localStorage.removeItem(draftKey(id));
  } catch {
    // ignore
  }
}

type Trigger = { kind: 'canned' | 'mention'; start: number; query: string } | null;

function findTrigger(text: string, caret: number, mode: ComposerMode): Trigger {
  const before = text.slice(0, caret);
  const slash = /(^|\s)\/([^\n/]{0,40})$/.exec(before);
  if (slash) return { kind: 'canned', start: caret - slash[2].length - 1, query: slash[2] };
  if (mode === 'note') {
    const at = /(^|\s)@([^\s@]{0,30})$/.exec(before);
    if (at) return { kind: 'mention', start: caret - at[2].length - 1, query: at[2] };
  }
  return null;
}

export function matchCanned(items: CannedResponse[], query: string, limit = 30): CannedResponse[] {
  const q = query.trim().toLowerCase();
  if (!q) return items.slice(0, limit);
  const words = q.split(/\s+/);
  const scored = items
    .map((c) => {
      const shortcut = c.shortcut.toLowerCase();
      const hay = `${shortcut} ${c.title} ${c.body} ${c.category}`.toLowerCase();
      if (!words.every((w) => hay.includes(w))) return null;
      const score = shortcut === q ? 0 : shortcut.startsWith(q) ? 1 : shortcut.includes(q) ? 2 : 3;
      return { c, score };
    })
    .filter((x): x is { c: CannedResponse; score: number } => !!x);
  scored.sort((a, b) => a.score - b.score || a.c.shortcut.localeCompare(b.c.shortcut));
  return scored.slice(0, limit).map((x) => x.c);
}

interface Props {
  conversationId: string;
  vars: TemplateVars;
  disabled?: boolean;
  handleRef?: Ref<ComposerHandle>;
}

export function Composer({ conversationId, vars, disabled, handleRef }: Props) {
  const { t } = useTranslation();
  const { emitTyping, status } = useRealtime();
  const canned = useCanned();
  const users = useUsers();
  const [draft, setDraft] = useState<Draft>(() => loadDraft(conversationId));
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [uploading, setUploading] = useState(0);
  const [mentioned, setMentioned] = useState<Record<string, string>>({}); // name → id
  const [trigger, setTrigger] = useState<Trigger>(null);
  const [highlight, setHighlight] = useState(0);
  const [emojiOpen, setEmojiOpen] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const typingState = useRef({
    last: 0,
    timer: undefined as ReturnType<typeof setTimeout> | undefined,
    on: false,
  });

  // switch drafts with the conversation
  const [current, setCurrent] = useState(conversationId);
  if (current !== conversationId) {
    setCurrent(conversationId);
    setDraft(loadDraft(conversationId));
    setAttachments([]);
    setMentioned({});
    setTrigger(null);
  }

  const stopTyping = () => {
    const s = typingState.current;
    clearTimeout(s.timer);
    if (s.on) {
      emitTyping(conversationId, false);
      s.on = false;
      s.last = 0;
    }
  };

  useEffect(() => () => stopTyping(), [conversationId]);

  const update = (next: Draft) => {
    setDraft(next);
    saveDraft(conversationId, next);
  };

  const noteTyping = (mode: ComposerMode, body: string) => {
    if (mode !== 'reply' || !body) {
      stopTyping();
      return;
    }
    const s = typingState.current;
    const now = Date.now();
    if (!s.on || now - s.last > 2_500) {
      emitTyping(conversationId, true);
      s.on = true;
      s.last = now;
    }
    clearTimeout(s.timer);
    s.timer = setTimeout(stopTyping, 3_000);
  };

  const options = useMemo(() => {
    if (!trigger) return [];
    if (trigger.kind === 'canned') return matchCanned(canned.data ?? [], trigger.query);
    const q = trigger.query.toLowerCase();
    return (users.data ?? [])
      .filter((u) => u.active && (u.name.toLowerCase().includes(q) || u.email.toLowerCase().includes(q)))
      .slice(0, 8);
  }, [trigger, canned.data, users.data]);

  const refreshTrigger = (text: string, caret: number, mode: ComposerMode) => {
    const next = findTrigger(text, caret, mode);
    setTrigger(next);
    if (!next || next.query !== trigger?.query || next.kind !== trigger?.kind) setHighlight(0);
  };

  const replaceTrigger = (insert: string) => {
    if (!trigger) return;
    const el = input.current;
    const caret = el?.selectionStart ?? draft.body.length;
    const body = draft.body.slice(0, trigger.start) + insert + draft.body.slice(caret);
    update({ ...draft, body });
    setTrigger(null);
    const pos = trigger.start + insert.length;
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(pos, pos);
    });
  };

  const pick = (index: number) => {
    if (!trigger) return;
    const option = options[index];
    if (!option) return;
    if (trigger.kind === 'canned') {
      replaceTrigger(fillTemplate((option as CannedResponse).body, vars));
    } else {
      const u = option as { id: string; name: string };
      setMentioned((m) => ({ ...m, [u.name]: u.id }));
      replaceTrigger(`@${u.name} `);
    }
  };

  const send = () => {
    const body = draft.body.trim();
    if ((!body && attachments.length === 0) || uploading > 0) return;
    const isNote = draft.mode === 'note';
    const mentions = isNote
      ? [
          ...new Set(
            Object.entries(mentioned)
              .filter(([name]) => body.includes(`@${name}`))
              .map(([, id]) => id),
          ),
        ]
      : [];
    outbox.add({
      clientId: uuid(),
      conversationId,
      body,
      private: isNote,
      mentions,
      attachments,
    });
    stopTyping();
    update({ ...draft, body: '' });
    setAttachments([]);
    setMentioned({});
    setTrigger(null);
  };

  const upload = async (files: File[]) => {
    for (const file of files) {
      setUploading((n) => n + 1);
      try {
        const a = await uploadAttachment(file);
        setAttachments((list) => [...list, a]);
      } catch (e) {
        notifyError(e);
      } finally {
        setUploading((n) => n - 1);
      }
    }
  };

  const setMode = (mode: ComposerMode) => {
    update({ ...draft, mode });
    if (mode === 'note') stopTyping();
  };

  useImperativeHandle(handleRef, () => ({
    focus: (mode) => {
      if (mode && mode !== draft.mode) setMode(mode);
      input.current?.focus();
    },
    insert: (text) => {
      const el = input.current;
      const caret =
        el && document.activeElement === el ? (el.selectionStart ?? draft.body.length) : draft.body.length;
      const before = draft.body.slice(0, caret);
      const sep = before && !before.endsWith('\n') ? '\n' : '';
      const body = `${before}${sep}${text}${draft.body.slice(caret)}`;
      update({ ...draft, mode: 'reply', body });
      const pos = before.length + sep.length + text.length;
      requestAnimationFrame(() => {
        el?.focus();
        el?.setSelectionRange(pos, pos);
      });
    },
    openCanned: () => {
      const el = input.current;
      if (!el) return;
      const caret = el.selectionStart ?? draft.body.length;
      const needsSpace = caret > 0 && !/\s/.test(draft.body[caret - 1]);
      const body = `${draft.body.slice(0, caret)}${needsSpace ? ' ' : ''}/${draft.body.slice(caret)}`;
      update({ ...draft, body });
      const pos = caret + (needsSpace ? 2 : 1);
      setTrigger({ kind: 'canned', start: pos - 1, query: '' });
      setHighlight(0);
      requestAnimationFrame(() => {
        el.focus();
        el.setSelectionRange(pos, pos);
      });
    },
  }));

  const note = draft.mode === 'note';
  const showPopover = !!trigger && (options.length > 0 || trigger.kind === 'canned');

  return (
    <Box
      p="sm"
      style={{
        borderTop: '1px solid var(--mantine-color-gray-3)',
        background: note ? 'var(--mantine-color-yellow-0)' : 'var(--mantine-color-white)',
        position: 'relative',
      }}
      data-testid="composer"
      data-mode={draft.mode}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        if (e.dataTransfer.files.length) void upload([...e.dataTransfer.files]);
      }}
    >
      {showPopover && (
        <Paper
          shadow="md"
          withBorder
          radius="md"
          style={{ position: 'absolute', bottom: '100%', left: 12, right: 12, zIndex: 20, marginBottom: 4 }}
          data-testid={trigger.kind === 'canned' ? 'canned-popover' : 'mention-popover'}
        >
          <Text size="xs" c="dimmed" px="sm" pt={6}>
            {trigger.kind === 'canned' ? t('chat.cannedHint') : t('chat.mentionHint')}
          </Text>
          <ScrollArea.Autosize mah={260} type="auto">
            {options.length === 0 && (
              <Text size="sm" c="dimmed" px="sm" py="xs">
                {canned.isPending ? t('common.loading') : t('chat.noCanned')}
              </Text>
            )}
            {options.map((o, i) => (
              <UnstyledButton
                key={o.id}
                w="100%"
                px="sm"
                py={6}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(i);
                }}
                onMouseEnter={() => setHighlight(i)}
                style={{
                  display: 'block',
                  background: i === highlight ? 'var(--mantine-color-teal-0)' : undefined,
                }}
                data-testid={trigger.kind === 'canned' ? 'canned-item' : 'mention-item'}
                data-active={i === highlight || undefined}
              >
                {trigger.kind === 'canned' ? (
                  <>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" fw={600} ff="monospace">
                        /{(o as CannedResponse).shortcut}
                      </Text>
                      <Text size="sm" truncate>
                        {(o as CannedResponse).title}
                      </Text>
                      {(o as CannedResponse).category && (
                        <Text size="xs" c="dimmed" ml="auto">
                          {(o as CannedResponse).category}
                        </Text>
                      )}
                    </Group>
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {(o as CannedResponse).body}
                    </Text>
                  </>
                ) : (
                  <Group gap={6} wrap="nowrap">
                    <Avatar size={22} radius="xl" color="teal">
                      {initials((o as { name: string }).name)}
                    </Avatar>
                    <Text size="sm">{(o as { name: string }).name}</Text>
                    <Text size="xs" c="dimmed">
                      {(o as { email: string }).email}
                    </Text>
                  </Group>
                )}
              </UnstyledButton>
            ))}
          </ScrollArea.Autosize>
        </Paper>
      )}
      <Group gap={4} mb={6}>
        <Button
          size="compact-xs"
          variant={note ? 'subtle' : 'light'}
          color="teal"
          leftSection={<IconMessage size={14} />}
          onClick={() => setMode('reply')}
          data-testid="composer-reply-toggle"
          aria-pressed={!note}
        >
          {t('chat.reply')}
        </Button>
        <Button
          size="compact-xs"
          variant={note ? 'light' : 'subtle'}
          color="yellow"
          leftSection={<IconLock size={14} />}
          onClick={() => setMode('note')}
          data-testid="composer-note-toggle"
          aria-pressed={note}
        >
          {t('chat.note')}
        </Button>
        {status !== 'connected' && (
          <Text size="xs" c="orange" ml="auto" data-testid="connection-status">
            {status === 'connecting' ? t('chat.connecting') : t('chat.offlineQueued')}
          </Text>
        )}
      </Group>
      {(attachments.length > 0 || uploading > 0) && (
        <Group gap={6} mb={6}>
          {attachments.map((a) => (
            <Paper key={a.id} withBorder px={6} py={2} radius="sm" data-testid="composer-attachment">
              <Group gap={4} wrap="nowrap">
                <IconPaperclip size={12} />
                <Text size="xs" maw={160} truncate>
                  {a.filename}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatSize(a.size)}
                </Text>
                <CloseButton
                  size="xs"
                  aria-label={t('common.delete')}
                  onClick={() => setAttachments((l) => l.filter((x) => x.id !== a.id))}
                />
              </Group>
            </Paper>
          ))}
          {uploading > 0 && <Loader size="xs" />}
        </Group>
      )}
      <Textarea
        ref={input}
        autosize
        minRows={2}
        maxRows={8}
        disabled={disabled}
        value={draft.body}
        placeholder={note ? t('chat.notePlaceholder') : t('chat.replyPlaceholder')}
        aria-label={note ? t('chat.notePlaceholder') : t('chat.replyPlaceholder')}
        data-testid="composer-input"
        styles={{ input: { background: note ? 'var(--mantine-color-yellow-0)' : undefined } }}
        onChange={(e) => {
          const body = e.currentTarget.value;
          update({ ...draft, body });
          refreshTrigger(body, e.currentTarget.selectionStart ?? body.length, draft.mode);
          noteTyping(draft.mode, body);
        }}
        onSelect={(e) => {
          const el = e.currentTarget;
          if (trigger) refreshTrigger(el.value, el.selectionStart ?? el.value.length, draft.mode);
        }}
        onBlur={() => {
          stopTyping();
          setTimeout(() => setTrigger(null), 150);
        }}
        onPaste={(e) => {
          const files = [...e.clipboardData.files];
          if (files.length) {
            e.preventDefault();
            void upload(files);
          }
        }}
        onKeyDown={(e) => {
          if (e.nativeEvent.isComposing || e.keyCode === 229) return; // IME (Chinese input) in progress
          if (showPopover) {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setHighlight((h) => (options.length ? (h + 1) % options.length : 0));
              return;
            }
            if (e.key === 'ArrowUp') {
              e.preventDefault();
              setHighlight((h) => (options.length ? (h - 1 + options.length) % options.length : 0));
              return;
            }
            if ((e.key === 'Enter' || e.key === 'Tab') && options.length > 0) {
              e.preventDefault();
              pick(highlight);
              return;
            }
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              setTrigger(null);
              return;
            }
          }
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            send();
          }
        }}
      />
      <Group justify="space-between" mt={6}>
        <Group gap={2}>
          <FileButton onChange={(files) => void upload(files)} multiple>
            {(props) => (
              <Tooltip label={t('chat.attach')}>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  {...props}
                  aria-label={t('chat.attach')}
                  data-testid="composer-attach"
                >
                  <IconPaperclip size={18} />
                </ActionIcon>
              </Tooltip>
            )}
          </FileButton>
          <Popover opened={emojiOpen} onChange={setEmojiOpen} position="top-start" shadow="md" withinPortal>
            <Popover.Target>
              <Tooltip label={t('chat.emoji')}>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  onClick={() => setEmojiOpen((o) => !o)}
                  aria-label={t('chat.emoji')}
                  data-testid="composer-emoji"
                >
                  <IconMoodSmile size={18} />
                </ActionIcon>
              </Tooltip>
            </Popover.Target>
            <Popover.Dropdown p={6}>
              <SimpleGrid cols={8} spacing={2}>
                {EMOJI.map((em) => (
                  <UnstyledButton
                    key={em}
                    p={4}
                    style={{ fontSize: 20, textAlign: 'center', borderRadius: 4 }}
                    onClick={() => {
                      const el = input.current;
                      const caret = el?.selectionStart ?? draft.body.length;
                      const body = draft.body.slice(0, caret) + em + draft.body.slice(caret);
                      update({ ...draft, body });
                      setEmojiOpen(false);
                      requestAnimationFrame(() => {
                        el?.focus();
                        el?.setSelectionRange(caret + em.length, caret + em.length);
                      });
                    }}
                    aria-label={em}
                    data-testid="emoji-item"
                  >
                    {em}
                  </UnstyledButton>
                ))}
              </SimpleGrid>
            </Popover.Dropdown>
          </Popover>
          <Text size="xs" c="dimmed" ml="xs" visibleFrom="md">
            <Kbd size="xs">Enter</Kbd> {t('chat.toSend')} · <Kbd size="xs">Shift</Kbd>+
            <Kbd size="xs">Enter</Kbd> {t('chat.newline')} · <Kbd size="xs">/</Kbd> {t('chat.cannedShort')}
          </Text>
        </Group>
        <Button
          size="xs"
          color={note ? 'yellow' : 'teal'}
          rightSection={<IconSend size={14} />}
          onClick={send}
          disabled={disabled || uploading > 0 || (!draft.body.trim() && attachments.length === 0)}
          data-testid="composer-send"
        >
          {note ? t('chat.addNote') : t('chat.send')}
        </Button>
      </Group>
    </Box>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api.js';
import type { Chat } from './chat.js';
import { EMOJI } from './emoji.js';

const MAX_FILE = 10 * 1024 * 1024;
// what the server accepts (it checks again, by content): images, PDF, office documents, text
const ACCEPT =
  'image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,text/csv,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.txt,.csv';
const ACCEPT_TYPE =
  /^(image\/(png|jpeg|gif|webp)|application\/pdf|text\/(plain|csv)|application\/(msword|vnd\.openxmlformats-officedocument\.[\w.]+|vnd\.ms-[\w.]+))$/;

export function Composer({ chat }: { chat: Chat }) {
  const t = chat.t;
  const [text, setText] = useState('');
  const [emojiOpen, setEmojiOpen] = useState(false);
  const [error, setError] = useState('');
  const [uploading, setUploading] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const open = chat.state.open;

  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);

  const send = () => {
    if (!text.trim()) return;
    chat.send(text);
    setText('');
    setEmojiOpen(false);
    input.current?.focus();
  };

  const insertEmoji = (emoji: string) => {
    const el = input.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    const next = text.slice(0, start) + emoji + text.slice(end);
    setText(next);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + emoji.length, start + emoji.length);
    });
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setError('');
    if (file.size > MAX_FILE) return setError(t('fileTooLarge'));
    if (file.type && !ACCEPT_TYPE.test(file.type)) return setError(t('fileType'));
    setUploading(true);
    try {
      const attachment = await chat.upload(file);
      chat.send(text, [attachment]);
      setText('');
    } catch (e) {
      setError(e instanceof ApiError && e.status !== 0 ? e.message : t('uploadFailed'));
    } finally {
      setUploading(false);
    }
  };

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {emojiOpen && (
        <div class="emoji-grid" role="group" aria-label={t('emoji')}>
          {EMOJI.map((emoji) => (
            <button type="button" key={emoji} aria-label={emoji} onClick={() => insertEmoji(emoji)}>
              {emoji}
            </button>
          ))}
        </div>
      )}
      <label class="sr-only" for="kefu-input">
        {t('inputLabel')}
      </label>
      <textarea
        id="kefu-input"
        ref={input}
        data-testid="kefu-input"
        rows={2}
        maxLength={10000}
        placeholder={t('inputPlaceholder')}
        value={text}
        onInput={(e) => {
          const value = e.currentTarget.value;
          setText(value);
          chat.typing(value.length > 0);
        }}
        onKeyDown={(e) => {
          // Enter sends, Shift+Enter breaks the line; never send while an input method is composing Chinese
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
            e.preventDefault();
            send();
          }
        }}
      />
      <div class="tools">
        <button
          type="button"
          class="icon-button"
          aria-label={t('emoji')}
          title={t('emoji')}
          aria-expanded={emojiOpen}
          onClick={() => setEmojiOpen(!emojiOpen)}
        >
          😊
        </button>
        <label class={`icon-button${uploading ? ' busy' : ''}`} title={t('attach')}>
          <span class="sr-only">{t('attach')}</span>
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6h-1.5z" />
          </svg>
          <input
            type="file"
            data-testid="kefu-file"
            accept={ACCEPT}
            class="sr-only"
            disabled={uploading}
            onChange={(e) => {
              const el = e.currentTarget;
              void onFile(el.files?.[0]).finally(() => (el.value = ''));
            }}
          />
        </label>
        <span class="spacer" />
        <button type="submit" class="send" data-testid="kefu-send" disabled={!text.trim()}>
          {t('send')}
        </button>
      </div>
    </form>
  );
}

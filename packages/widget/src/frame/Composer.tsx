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

/** How long typing must pause before the typeahead asks the server. */
const TYPEAHEAD_DELAY_MS = 250;

/**
 * 输入联想: until an agent takes the conversation, questions from the knowledge base that fit what the visitor is
 * typing, above the input. A click (or ↓/↑ and Enter) sends the question; Escape hides the list.
 */
function useTypeahead(chat: Chat, text: string) {
  const [items, setItems] = useState<{ id: string; label: string }[]>([]);
  const [active, setActive] = useState(-1);
  const [hidden, setHidden] = useState(false);
  const wanted =
    Boolean(chat.state.config?.bot?.typeahead) &&
    !chat.state.conversation?.assignee &&
    text.trim().length > 0 &&
    text.length <= 100 &&
    !text.includes('\n');
  useEffect(() => {
    setActive(-1);
    setHidden(false);
    if (!wanted) return setItems([]);
    let stale = false;
    const timer = setTimeout(() => {
      chat
        .typeahead(text)
        .then((found) => !stale && setItems(found))
        .catch(() => !stale && setItems([])); // a suggestion is never worth an error message
    }, TYPEAHEAD_DELAY_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [text, wanted]);
  const shown = wanted && !hidden ? items : [];
  return { items: shown, active, setActive, hide: () => setHidden(true) };
}

export function Composer({ chat }: { chat: Chat }) {
  const t = chat.t;
  const [text, setText] = useState('');
  const [emojiOpen, setEmojiOpen] = useState(false);
  const [error, setError] = useState('');
  const [uploading, setUploading] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const open = chat.state.open;
  const typeahead = useTypeahead(chat, text);

  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);

  const send = (body = text) => {
    if (!body.trim()) return;
    chat.send(body);
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
      {typeahead.items.length > 0 && (
        <div class="typeahead" data-testid="kefu-typeahead">
          <small id="kefu-typeahead-label">{t('typeahead')}</small>
          <ul id="kefu-typeahead" role="listbox" aria-labelledby="kefu-typeahead-label">
            {typeahead.items.map((item, i) => (
              <li
                key={item.id}
                id={`kefu-typeahead-${i}`}
                role="option"
                aria-selected={i === typeahead.active}
                class={i === typeahead.active ? 'active' : ''}
                // keep the focus in the input: the click must not blur it first
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => send(item.label)}
              >
                {item.label}
              </li>
            ))}
          </ul>
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
        aria-autocomplete="list"
        aria-controls={typeahead.items.length ? 'kefu-typeahead' : undefined}
        aria-activedescendant={typeahead.active >= 0 ? `kefu-typeahead-${typeahead.active}` : undefined}
        onKeyDown={(e) => {
          const composing = e.isComposing || e.keyCode === 229;
          const n = typeahead.items.length;
          if (n && !composing && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
            e.preventDefault();
            // -1 is the input itself: ↓ from the last item, or ↑ from the first, returns to it
            const next = typeahead.active + (e.key === 'ArrowDown' ? 1 : -1);
            typeahead.setActive(next >= n ? -1 : next < -1 ? n - 1 : next);
            return;
          }
          if (n && e.key === 'Escape') {
            e.stopPropagation(); // the first Escape hides the list, not the chat
            typeahead.hide();
            return;
          }
          // Enter sends, Shift+Enter breaks the line; never send while an input method is composing Chinese
          if (e.key === 'Enter' && !e.shiftKey && !composing) {
            e.preventDefault();
            send(typeahead.active >= 0 ? typeahead.items[typeahead.active].label : text);
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

import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { Attachment } from './api.js';
import { Avatar } from './App.js';
import type { Chat, ChatMessage } from './chat.js';

const URL_PATTERN = /(https?:\/\/[^\s<>"'）】，。]+)/g;

/** Text with its links made clickable; everything stays text, so nothing the sender wrote runs as markup. */
function Linkified({ text }: { text: string }) {
  const parts = text.split(URL_PATTERN);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part} target="_blank" rel="noopener noreferrer">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}

const formatSize = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${Math.round(n / 1024)} KB` : `${(n / 1048576).toFixed(1)} MB`;

function Attachments({ items, alt }: { items: Attachment[]; alt: string }) {
  return (
    <>
      {items.map((a) =>
        a.contentType.startsWith('image/') && a.url ? (
          <a key={a.id} href={a.url} target="_blank" rel="noopener noreferrer" class="image-link">
            <img data-testid="kefu-image" src={a.url} alt={a.filename || alt} loading="lazy" />
          </a>
        ) : (
          <a key={a.id} class="file" href={a.url || undefined} target="_blank" rel="noopener noreferrer">
            📎 {a.filename} <small>{formatSize(a.size)}</small>
          </a>
        ),
      )}
    </>
  );
}

function time(iso: string, locale: string) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? ''
    : d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
}

function Bubble({ chat, message, showStatus }: { chat: Chat; message: ChatMessage; showStatus: boolean }) {
  const t = chat.t;
  const mine = message.senderType === 'contact';
  const statusText =
    message.status === 'failed'
      ? t('failed')
      : message.status === 'sending'
        ? t('sending')
        : message.status === 'read'
          ? t('read')
          : t('sent');
  return (
    <li
      class={`message ${mine ? 'mine' : 'theirs'}`}
      data-testid="kefu-message"
      data-sender={message.senderType}
      data-status={message.status}
    >
      {!mine && (
        <Avatar
          name={message.sender?.name ?? t('agentFallback')}
          url={message.sender?.avatarUrl ?? chat.state.config?.avatarUrl ?? null}
        />
      )}
      <div class="bubble-wrap">
        {!mine && <span class="sender">{message.sender?.name ?? t('agentFallback')}</span>}
        <div class="bubble">
          {message.body && (
            <p>
              <Linkified text={message.body} />
            </p>
          )}
          <Attachments items={message.attachments} alt={t('image')} />
        </div>
        <span class="meta">
          <time dateTime={message.createdAt}>{time(message.createdAt, chat.state.locale)}</time>
          {mine && (showStatus || message.status === 'failed') && (
            <>
              {' · '}
              {message.status === 'failed' ? (
                <button type="button" class="link" onClick={() => chat.retry(message.clientId!)}>
                  {statusText}
                </button>
              ) : (
                <span data-testid="kefu-status">{statusText}</span>
              )}
            </>
          )}
        </span>
      </div>
    </li>
  );
}

export function MessageList({ chat }: { chat: Chat }) {
  const state = chat.state;
  const t = chat.t;
  const messages = chat.visibleMessages();
  const listRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const lastMine = [...messages].reverse().find((m) => m.senderType === 'contact');

  useLayoutEffect(() => {
    const el = listRef.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  });
  useEffect(() => {
    stick.current = true;
  }, [messages.length]);

  return (
    <div
      class="messages"
      ref={listRef}
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
    >
      {state.hasMore && (
        <button type="button" class="link earlier" onClick={() => void chat.loadEarlier()}>
          {t('loadEarlier')}
        </button>
      )}
      <div data-testid="kefu-messages" role="log" aria-live="polite" aria-relevant="additions">
        <ol>
          {state.config?.greeting && (
            <li class="message theirs greeting" data-testid="kefu-greeting">
              <Avatar name={state.config.title} url={state.config.avatarUrl} />
              <div class="bubble-wrap">
                <div class="bubble">
                  <p>{state.config.greeting}</p>
                </div>
              </div>
            </li>
          )}
          {messages.map((m) => (
            <Bubble key={m.clientId ?? m.id} chat={chat} message={m} showStatus={m === lastMine} />
          ))}
        </ol>
      </div>
      {state.conversation?.status === 'resolved' && <p class="notice subtle">{t('resolved')}</p>}
      {state.agentTyping && (
        <p class="typing" data-testid="kefu-typing" role="status">
          <span class="dots" aria-hidden="true">
            <i />
            <i />
            <i />
          </span>
          {t('typing', { name: state.agentTyping })}
        </p>
      )}
    </div>
  );
}

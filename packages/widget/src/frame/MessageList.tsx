import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { Attachment } from './api.js';
import { Avatar } from './App.js';
import type { Chat, ChatMessage } from './chat.js';

const URL_PATTERN = /(https?:\/\/[^\s<>"'）】，。]+)/g;
// the Markdown a knowledge-base answer may use: images, links, bold; anything else stays text
const MARKDOWN = /!\[([^\]]*)\]\(([^)\s]+)\)|\[([^\]]+)\]\(([^)\s]+)\)|\*\*([^*]+)\*\*/g;
const safeUrl = (url: string) => (/^(https?:\/\/|\/)/i.test(url) ? url : null);

/** Bot answers: a small, safe Markdown subset, built as elements (never as HTML). */
function RichText({ text }: { text: string }) {
  const out: preact.ComponentChildren[] = [];
  let last = 0;
  for (const m of text.matchAll(MARKDOWN)) {
    if (m.index > last) out.push(<Linkified key={last} text={text.slice(last, m.index)} />);
    const [, alt, src, label, href, bold] = m;
    if (src !== undefined) {
      const url = safeUrl(src);
      out.push(url ? <img key={m.index} src={url} alt={alt} loading="lazy" /> : m[0]);
    } else if (href !== undefined) {
      const url = safeUrl(href);
      out.push(
        url ? (
          <a key={m.index} href={url} target="_blank" rel="noopener noreferrer">
            {label}
          </a>
        ) : (
          label
        ),
      );
    } else out.push(<strong key={m.index}>{bold}</strong>);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(<Linkified key={last} text={text.slice(last)} />);
  return <>{out}</>;
}

/**
 * 「猜你想问」 under the greeting: the bot's popular or pinned questions in the visitor's language (or, when
 * the knowledge base has none in it, whatever it has); a click asks the question.
 */
function SuggestedQuestions({ chat }: { chat: Chat }) {
  const all = chat.state.config?.bot?.suggested ?? [];
  const own = all.filter((q) => q.locale === chat.state.locale);
  const shown = own.length ? own : all;
  return <QuestionList chat={chat} title={chat.t('suggested')} items={shown} testId="kefu-suggested" />;
}

/** Questions under a heading (猜你想问, 相关问题); a click asks the question. */
function QuestionList({
  chat,
  title,
  items,
  testId,
}: {
  chat: Chat;
  title: string;
  items: { faqId: string; label: string }[];
  testId: string;
}) {
  if (!items.length) return null;
  return (
    <div class="bot-actions suggested" data-testid={testId}>
      <small>{title}</small>
      <ul class="choices">
        {items.map((q) => (
          <li key={q.faqId}>
            <button type="button" onClick={() => chat.send(q.label)}>
              {q.label}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Buttons, "did you mean" choices and the solved / not solved question under a bot message. */
function BotActions({ chat, message }: { chat: Chat; message: ChatMessage }) {
  const t = chat.t;
  const content = message.content;
  if (!content) return null;
  const given = chat.feedbackGiven(message.id);
  return (
    <div class="bot-actions">
      {content.suggestions && content.suggestions.length > 0 && (
        <ul class="choices">
          {content.suggestions.map((s) => (
            <li key={s.faqId}>
              <button type="button" data-testid="kefu-choice" onClick={() => chat.send(s.label)}>
                {s.label}
              </button>
            </li>
          ))}
        </ul>
      )}
      <QuestionList chat={chat} title={t('related')} items={content.related ?? []} testId="kefu-related" />
      {content.buttons && content.buttons.length > 0 && (
        <div class="buttons">
          {content.buttons.map((b, i) => {
            const url = b.url ? safeUrl(b.url) : null;
            return url ? (
              <a
                key={i}
                class="chip"
                href={url}
                target="_blank"
                rel="noopener noreferrer"
                data-testid="kefu-button"
              >
                {b.label}
              </a>
            ) : (
              <button
                key={i}
                type="button"
                class="chip"
                data-testid="kefu-button"
                onClick={() => chat.send(b.reply || b.label)}
              >
                {b.label}
              </button>
            );
          })}
        </div>
      )}
      {content.citations && content.citations.length > 0 && (
        <div class="sources" data-testid="kefu-sources">
          <span>{t('sources')}:</span>
          {content.citations.map((c) => {
            const url = c.url ? safeUrl(c.url) : null;
            return url ? (
              <a key={c.n} href={url} target="_blank" rel="noopener noreferrer">
                [{c.n}] {c.title}
              </a>
            ) : (
              <span key={c.n}>
                [{c.n}] {c.title}
              </span>
            );
          })}
        </div>
      )}
      {content.feedback &&
        (given === undefined ? (
          <div class="feedback" data-testid="kefu-feedback">
            <span>{t('solvedQuestion')}</span>
            <button type="button" class="chip" onClick={() => void chat.botFeedback(message.id, true)}>
              {t('solved')}
            </button>
            <button type="button" class="chip" onClick={() => void chat.botFeedback(message.id, false)}>
              {t('notSolved')}
            </button>
          </div>
        ) : (
          <small class="feedback-done">{t('thanks')}</small>
        ))}
    </div>
  );
}

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
  const isBot = message.senderType === 'bot';
  const bot = chat.state.config?.bot;
  const name = isBot ? (bot?.name ?? t('botFallback')) : (message.sender?.name ?? t('agentFallback'));
  const avatar = isBot ? (bot?.avatarUrl ?? null) : (message.sender?.avatarUrl ?? null);
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
      {!mine && <Avatar name={name} url={avatar ?? chat.state.config?.avatarUrl ?? null} />}
      <div class="bubble-wrap">
        {!mine && <span class="sender">{name}</span>}
        <div class="bubble">
          {message.body && (
            <p>{isBot ? <RichText text={message.body} /> : <Linkified text={message.body} />}</p>
          )}
          <Attachments items={message.attachments} alt={t('image')} />
        </div>
        {isBot && <BotActions chat={chat} message={message} />}
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
                <SuggestedQuestions chat={chat} />
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

import { useEffect, useState } from 'preact/hooks';
import type { Chat } from './chat.js';
import { Composer } from './Composer.js';
import { OfflineNotice, PrechatForm } from './Forms.js';
import { MessageList } from './MessageList.js';

function useChat(chat: Chat) {
  const [, setTick] = useState(0);
  useEffect(() => chat.subscribe(() => setTick((n) => n + 1)), [chat]);
  return chat.state;
}

export function Avatar({ name, url }: { name: string; url: string | null }) {
  return url ? (
    <img class="avatar" src={url} alt="" />
  ) : (
    <span class="avatar" aria-hidden="true">
      {[...name.trim()][0]?.toUpperCase() ?? '?'}
    </span>
  );
}

export function App({ chat }: { chat: Chat }) {
  const state = useChat(chat);
  const { config, locale } = state;
  const t = chat.t;

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = config?.title ?? 'Kefu';
  }, [locale, config]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') chat.requestOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [chat]);

  if (state.phase === 'loading' || !config) {
    return (
      <main class="shell" aria-busy="true">
        {state.phase === 'error' && (
          <p class="notice" role="alert">
            {t('loadFailed')}
          </p>
        )}
      </main>
    );
  }

  const agentName = state.agent?.name;
  return (
    <div
      class="shell"
      role="dialog"
      aria-label={config.title}
      style={{ '--brand': config.brandColor } as Record<string, string>}
    >
      <header class="header">
        <Avatar name={agentName ?? config.title} url={state.agent?.avatarUrl ?? config.avatarUrl} />
        <div class="header-text">
          <h1>{config.title}</h1>
          <p data-testid="kefu-agent">
            {agentName
              ? t('assigned', { name: agentName })
              : config.online
                ? config.greeting
                : t('offlineTitle')}
          </p>
        </div>
        <button
          type="button"
          class="icon-button"
          aria-label={t('minimize')}
          title={t('minimize')}
          onClick={() => chat.requestOpen(false)}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M5 11h14v2H5z" />
          </svg>
        </button>
      </header>
      {!config.online && <OfflineNotice chat={chat} />}
      {!state.connected && state.phase === 'ready' && state.contact && (
        <p class="notice reconnecting" role="status">
          {t('reconnecting')}
        </p>
      )}
      {state.prechatNeeded ? (
        <PrechatForm chat={chat} />
      ) : (
        <>
          <MessageList chat={chat} />
          <Composer chat={chat} />
        </>
      )}
    </div>
  );
}

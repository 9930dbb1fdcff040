import { render } from 'preact';
import { isKefuMessage, type FromFrame, type ToFrame } from '../protocol.js';
import { App } from './App.js';
import { Chat } from './chat.js';
import './styles.css';

// The frame learns its inbox and the page's origin from its own URL; it only talks to its parent window.
const params = new URLSearchParams(location.hash.slice(1));
const inbox = params.get('inbox') ?? '';
// Chromium tells us the embedding page's origin for certain; elsewhere we take what the loader passed
const ancestors = (location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
const hostOrigin = ancestors?.length ? ancestors[0] : (params.get('host') ?? '');
const toLoader = (message: FromFrame) => window.parent.postMessage(message, hostOrigin || '*');

const chat = new Chat(inbox, hostOrigin, toLoader);
let started = false;

window.addEventListener('message', (event) => {
  if (event.source !== window.parent || !isKefuMessage(event.data)) return;
  const m = event.data as ToFrame;
  if (m.type === 'init') {
    if (started) return;
    started = true;
    void chat.start({ page: m.page, locale: m.locale, open: m.open });
  } else if (m.type === 'page') chat.setPage(m.page);
  else if (m.type === 'visibility') chat.setOpen(m.open);
  else if (m.type === 'call') {
    const run = m.method === 'identify' ? chat.identify(m.args) : Promise.resolve(chat.setLocale(m.args));
    run.then(
      (value) => toLoader({ kefu: 1, type: 'result', id: m.id, ok: true, value }),
      (error: { code?: string; message?: string }) =>
        toLoader({
          kefu: 1,
          type: 'result',
          id: m.id,
          ok: false,
          error: { code: error.code ?? 'failed', message: error.message ?? 'failed' },
        }),
    );
  }
});

// opened directly (not inside a page): run as a full-page chat, handy for links and for testing
if (window.parent === window) {
  started = true;
  void chat.start({
    page: { url: location.href, title: document.title, referrer: document.referrer },
    open: true,
  });
}

render(<App chat={chat} />, document.getElementById('app')!);

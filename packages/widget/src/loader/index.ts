// The script customers paste into their pages:
//   <script src="https://kefu.example.com/widget.js" data-inbox="PUBLIC_ID" async></script>
// It stays tiny and dependency-free: a launcher button and an iframe that holds the real chat app, so
// neither the page's CSS nor its scripts can reach into the chat, and the chat's cannot reach the page.
import { isKefuMessage, type FromFrame, type IdentifyInput, type Locale, type ToFrame } from '../protocol.js';

type Listener = (data?: unknown) => void;
type Queued = [string, ...unknown[]];
interface KefuApi {
  open(): void;
  close(): void;
  toggle(): void;
  identify(input: IdentifyInput): Promise<unknown>;
  setLocale(locale: Locale): Promise<unknown>;
  on(name: 'message' | 'open' | 'close', fn: Listener): void;
  off(name: 'message' | 'open' | 'close', fn: Listener): void;
}

const w = window as unknown as { Kefu?: KefuApi | (((...args: unknown[]) => void) & { q?: Queued[] }) };

function boot(script: HTMLScriptElement) {
  const inbox = script.dataset.inbox;
  if (!inbox) return console.warn('[kefu] the widget script needs data-inbox="…"');
  const server = new URL(script.src, location.href).origin;
  const startLocale = script.dataset.locale as Locale | undefined;

  let open = false;
  let ready = false;
  let unread = 0;
  let labels = { open: 'Chat', close: 'Close', unread: 'unread' };
  const listeners: Record<string, Listener[]> = { message: [], open: [], close: [] };
  const pending = new Map<number, [(v: unknown) => void, (e: unknown) => void]>();
  const outbox: ToFrame[] = [];
  let nextId = 1;

  const host = document.createElement('div');
  host.setAttribute('data-kefu', '');
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = `<style>
:host{all:initial}
.l{position:fixed;bottom:20px;right:20px;z-index:2147483000;width:56px;height:56px;border-radius:50%;border:0;cursor:pointer;
box-shadow:0 4px 16px rgba(0,0,0,.25);display:none;align-items:center;justify-content:center;color:#fff;background:#1c7ed6;padding:0}
.l:focus-visible{outline:3px solid #fab005;outline-offset:2px}
.l svg{width:28px;height:28px;fill:currentColor}
.b{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;border-radius:10px;background:#e03131;color:#fff;
font:600 12px/20px system-ui,sans-serif;text-align:center;padding:0 5px;box-sizing:border-box}
.b[hidden]{display:none}
.f{position:fixed;bottom:88px;right:20px;z-index:2147483000;width:380px;height:min(640px,calc(100vh - 108px));border:0;
border-radius:12px;box-shadow:0 8px 32px rgba(0,0,0,.25);background:#fff;color-scheme:normal;
visibility:hidden;opacity:0;transform:translateY(12px);transition:opacity .15s,transform .15s}
.f.o{visibility:visible;opacity:1;transform:none}
.left{left:20px;right:auto}

.l.r{display:flex}
@media (max-width:480px){.f{inset:0;width:100%;height:100%;border-radius:0}.f.o+.l{display:none}}
</style>`;
  const frame = document.createElement('iframe');
  frame.className = 'f';
  frame.setAttribute('data-testid', 'kefu-frame');
  frame.setAttribute('title', 'Chat');
  frame.setAttribute('allow', 'clipboard-write');
  frame.src = `${server}/widget/frame/index.html#inbox=${encodeURIComponent(inbox)}&host=${encodeURIComponent(location.origin)}`;
  const launcher = document.createElement('button');
  launcher.className = 'l';
  launcher.type = 'button';
  launcher.setAttribute('data-testid', 'kefu-launcher');
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-haspopup', 'dialog');
  const chatIcon =
    '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 3C6.5 3 2 6.6 2 11c0 2.4 1.3 4.6 3.4 6.1L4.5 21l4.3-2.3c1 .2 2.1.3 3.2.3 5.5 0 10-3.6 10-8s-4.5-8-10-8z"/></svg>';
  const closeIcon =
    '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M18.3 5.7 12 12l6.3 6.3-1.4 1.4L10.6 13.4 4.3 19.7 2.9 18.3 9.2 12 2.9 5.7l1.4-1.4 6.3 6.3 6.3-6.3z"/></svg>';
  const badge = document.createElement('span');
  badge.className = 'b';
  badge.setAttribute('data-testid', 'kefu-badge');
  badge.hidden = true;
  root.append(frame, launcher);

  const pageInfo = () => ({ url: location.href, title: document.title, referrer: document.referrer });
  const post = (message: ToFrame) => {
    if (ready) frame.contentWindow?.postMessage(message, server);
    else outbox.push(message);
  };
  const emit = (name: string, data?: unknown) => {
    for (const fn of listeners[name] ?? []) {
      try {
        fn(data);
      } catch (e) {
        console.error(e);
      }
    }
  };
  const render = () => {
    frame.classList.toggle('o', open);
    launcher.innerHTML = open ? closeIcon : chatIcon;
    launcher.append(badge);
    badge.textContent = unread > 99 ? '99+' : String(unread);
    badge.hidden = open || unread === 0;
    launcher.setAttribute('aria-expanded', String(open));
    launcher.setAttribute(
      'aria-label',
      open ? labels.close : unread ? `${labels.open} (${unread} ${labels.unread})` : labels.open,
    );
  };
  const setOpen = (value: boolean) => {
    if (value === open) return;
    open = value;
    render();
    post({ kefu: 1, type: 'visibility', open });
    if (open) frame.focus();
    else launcher.focus();
    emit(open ? 'open' : 'close');
  };
  const call = (method: 'identify' | 'setLocale', args: unknown) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, [resolve, reject]);
      post({ kefu: 1, type: 'call', id, method, args } as ToFrame);
    });

  window.addEventListener('message', (event) => {
    if (event.source !== frame.contentWindow || event.origin !== server || !isKefuMessage(event.data)) return;
    const m = event.data as FromFrame;
    if (m.type === 'ready') {
      ready = true;
      labels = m.labels;
      launcher.style.background = m.brandColor;
      if (m.position === 'left') {
        frame.classList.add('left');
        launcher.classList.add('left');
      }
      launcher.classList.add('r');
      render();
      for (const queued of outbox.splice(0)) frame.contentWindow?.postMessage(queued, server);
    } else if (m.type === 'disabled') {
      host.remove();
      for (const [, reject] of pending.values()) reject(new Error(m.reason));
    } else if (m.type === 'unread') {
      unread = m.count;
      render();
    } else if (m.type === 'request') {
      setOpen(m.open);
    } else if (m.type === 'emit') {
      emit(m.name, m.data);
    } else if (m.type === 'result') {
      const entry = pending.get(m.id);
      pending.delete(m.id);
      if (entry) {
        if (m.ok) entry[0](m.value);
        else entry[1](Object.assign(new Error(m.error?.message ?? 'failed'), { code: m.error?.code }));
      }
    }
  });
  frame.addEventListener('load', () => {
    frame.contentWindow?.postMessage(
      { kefu: 1, type: 'init', page: pageInfo(), locale: startLocale, open } satisfies ToFrame,
      server,
    );
  });
  launcher.addEventListener('click', () => setOpen(!open));

  // single-page sites change the URL without reloading: keep the agent's view of the page current
  let lastUrl = location.href;
  const watchPage = () => {
    if (location.href === lastUrl) return;
    lastUrl = location.href;
    post({ kefu: 1, type: 'page', page: pageInfo() });
  };
  window.addEventListener('popstate', watchPage);
  window.addEventListener('hashchange', watchPage);
  setInterval(watchPage, 2000);

  const api: KefuApi = {
    open: () => setOpen(true),
    close: () => setOpen(false),
    toggle: () => setOpen(!open),
    identify: (input) => call('identify', input),
    setLocale: (locale) => call('setLocale', locale),
    on: (name, fn) => void listeners[name]?.push(fn),
    off: (name, fn) => {
      listeners[name] = (listeners[name] ?? []).filter((f) => f !== fn);
    },
  };
  // calls made before the script loaded: window.Kefu = window.Kefu || function () { (Kefu.q = Kefu.q || []).push(arguments) }
  const early = typeof w.Kefu === 'function' ? (w.Kefu.q ?? []) : [];
  w.Kefu = api;
  for (const [method, ...args] of early) {
    const fn = (api as unknown as Record<string, (...a: unknown[]) => unknown>)[method];
    if (typeof fn === 'function') void Promise.resolve(fn(...args)).catch(() => undefined);
  }
  render();
  (document.body ?? document.documentElement).append(host);
}

const current =
  (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>('script[data-inbox][src*="widget.js"]');
if (current && !document.querySelector('[data-kefu]')) {
  if (document.body) boot(current);
  else document.addEventListener('DOMContentLoaded', () => boot(current));
}

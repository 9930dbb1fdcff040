// The demo shop's own script: a Chinese/English switch and two buttons that use the widget's JS API.
window.Kefu =
  window.Kefu ||
  function () {
    (window.Kefu.q = window.Kefu.q || []).push(arguments);
  };

// calls before the widget has loaded are queued and replayed by it
const kefu = (method, ...args) =>
  typeof window.Kefu[method] === 'function'
    ? window.Kefu[method](...args)
    : void window.Kefu(method, ...args);

const EN = {
  shop: 'Little Deer Tea',
  'nav.teas': 'Teas',
  'nav.shipping': 'Shipping',
  'hero.title': "This year's spring teas are in",
  'hero.text':
    'This is the Kefu demo shop. Click the button in the corner to chat; sign in to the workspace with the demo agent account to answer live on the other side.',
  'hero.hint': 'Try asking: "Hi, when will my order ship?"',
  'hero.open': 'Contact us',
  'hero.identify': 'Pretend to be a signed-in member',
  tea1: 'Longjing, pre-Qingming · 100 g',
  tea2: 'Lapsang Souchong · 150 g',
  tea3: 'Phoenix Dancong · 100 g',
  'ship.title': 'Shipping',
  'ship.text': 'Orders ship within 24 hours, free delivery; remote areas take 3–5 days.',
  footer: 'A demo page: no real orders are placed.',
};
const zh = {};
let locale = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh-CN';

function apply() {
  document.documentElement.lang = locale;
  for (const el of document.querySelectorAll('[data-i18n]')) {
    const key = el.getAttribute('data-i18n');
    if (!(key in zh)) zh[key] = el.textContent.trim();
    el.textContent = locale === 'en' ? EN[key] : zh[key];
  }
  document.getElementById('lang').textContent = locale === 'en' ? '中文' : 'English';
  document.title = locale === 'en' ? 'Little Deer Tea · Kefu demo shop' : '小鹿茶铺 · Kefu 演示商店';
}

document.addEventListener('DOMContentLoaded', () => {
  apply();
  if (locale === 'en') kefu('setLocale', 'en');
  document.getElementById('lang').addEventListener('click', () => {
    locale = locale === 'en' ? 'zh-CN' : 'en';
    apply();
    void kefu('setLocale', locale);
  });
  document.getElementById('open-chat').addEventListener('click', () => {
    kefu('open');
  });
  document.getElementById('identify').addEventListener('click', () => {
    Promise.resolve(
      kefu('identify', {
        userId: 'demo-member-1001',
        name: locale === 'en' ? 'Demo member' : '演示会员',
        email: 'member@demo.kefu.local',
        attributes: { plan: 'VIP', orders: 3 },
      }),
    ).then(
      () => kefu('open'),
      (error) => alert(error.message),
    );
  });
});

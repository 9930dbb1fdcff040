import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en';
import zhCN from './locales/zh-CN';
import type { Locale } from './api';

export const LOCALES: Locale[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'kefu.locale';

function isLocale(v: unknown): v is Locale {
  return v === 'zh-CN' || v === 'en';
}

/** Locale explicitly chosen in this browser (language switch), if any. */
export function storedLocale(): Locale | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLocale(v) ? v : null;
  } catch {
    return null;
  }
}

export function browserLocale(): Locale {
  const langs = navigator.languages?.length ? navigator.languages : [navigator.language];
  return (langs[0] ?? '').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

function applyHtmlLang(lng: string): void {
  document.documentElement.lang = lng;
  document.title = i18n.t('brand');
}

/** Switch the UI language; `persist` stores the choice in localStorage. */
export function setLocale(lng: Locale, persist = true): void {
  if (persist) {
    try {
      localStorage.setItem(STORAGE_KEY, lng);
    } catch {
      // storage unavailable
    }
  }
  if (i18n.language !== lng) void i18n.changeLanguage(lng);
}

/** Apply the user's preferred locale unless the browser has an explicit choice. */
export function applyUserLocale(lng: Locale | undefined): void {
  if (!storedLocale() && isLocale(lng)) setLocale(lng, false);
}

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : 'en';
}

void i18n.use(initReactI18next).init({
  resources: {
    en: { translation: en },
    'zh-CN': { translation: zhCN },
  },
  lng: storedLocale() ?? browserLocale(),
  fallbackLng: 'en',
  supportedLngs: LOCALES,
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
});

i18n.on('languageChanged', applyHtmlLang);
applyHtmlLang(i18n.language);

export default i18n;

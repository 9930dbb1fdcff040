// Browser test of the web shell: signup → workspace → members → logout → login,
// once in Chinese and once in English, against a real `kefu serve` process.
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SCREENSHOT_DIR, describeBrowser, launchBrowser, startServer, type KefuServer } from './support.js';

let server: KefuServer | undefined;
let browser: Browser | undefined;
let baseUrl = '';

interface Lang {
  locale: 'zh-CN' | 'en';
  switchLabel: string;
  members: string;
  home: string;
  settings: string;
  signupTitle: string;
  loginTitle: string;
  htmlLang: string;
  screenshot: string;
}

const LANGS: Lang[] = [
  {
    locale: 'zh-CN',
    switchLabel: '中文',
    members: '团队成员',
    home: '首页',
    settings: '设置',
    signupTitle: '创建你的工作区',
    loginTitle: '登录 Kefu',
    htmlLang: 'zh-CN',
    screenshot: 'kefu-app-zh.png',
  },
  {
    locale: 'en',
    switchLabel: 'English',
    members: 'Team members',
    home: 'Home',
    settings: 'Settings',
    signupTitle: 'Create your workspace',
    loginTitle: 'Sign in to Kefu',
    htmlLang: 'en',
    screenshot: 'kefu-app-en.png',
  },
];

async function newPage(lang: Lang): Promise<Page> {
  const context = await browser!.newContext({
    baseURL: baseUrl,
    viewport: { width: 1280, height: 800 },
    // start from the other language so the switch really has to do something
    locale: lang.locale === 'en' ? 'zh-CN' : 'en-US',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

describeBrowser('web shell', () => {
  beforeAll(async () => {
    server = await startServer({ name: 'shell' });
    baseUrl = server.baseUrl;
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  }, 30_000);

  for (const lang of LANGS) {
    it(`signup, members, logout and login (${lang.locale})`, { timeout: 120_000 }, async () => {
      const page = await newPage(lang);
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      try {
        const unique = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
        const email = `owner-${lang.locale.toLowerCase()}-${unique}@example.com`;
        const password = 'correct-horse-42';
        const workspace = lang.locale === 'zh-CN' ? `测试客服中心 ${unique}` : `Acme Support ${unique}`;
        const name = lang.locale === 'zh-CN' ? '张伟' : 'Ada Lovelace';

        // unauthenticated access to the workspace redirects to the login page
        await page.goto('/app/members');
        await page.waitForURL('**/login');

        await page.goto('/signup');
        await page.getByTestId('lang-switch').getByText(lang.switchLabel, { exact: true }).click();
        await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang.htmlLang);
        await page.getByRole('heading', { name: lang.signupTitle }).waitFor();
        expect(await page.evaluate(() => localStorage.getItem('kefu.locale'))).toBe(lang.locale);

        await page.getByTestId('signup-workspace').fill(workspace);
        await page.getByTestId('signup-name').fill(name);
        await page.getByTestId('signup-email').fill(email);
        await page.getByTestId('signup-password').fill(password);
        await page.getByTestId('signup-submit').click();

        await page.waitForURL((url) => url.pathname === '/app', { timeout: 30_000 });
        await expect.poll(() => page.getByTestId('workspace-name').textContent()).toBe(workspace);
        await expect.poll(() => page.getByTestId('nav-members').textContent()).toContain(lang.members);
        await expect.poll(() => page.getByTestId('nav-home').textContent()).toContain(lang.home);
        await expect.poll(() => page.getByTestId('nav-settings').textContent()).toContain(lang.settings);
        await expect.poll(() => page.getByTestId('home-workspace').textContent()).toBe(workspace);
        await page.waitForLoadState('networkidle').catch(() => undefined);
        await page.screenshot({ path: join(SCREENSHOT_DIR, lang.screenshot), fullPage: false });

        // members page lists me
        await page.getByTestId('nav-members').click();
        await page.waitForURL('**/app/members');
        const row = page.getByTestId(`member-row-${email}`);
        await row.waitFor();
        expect(await row.textContent()).toContain(name);

        // log out
        await page.getByTestId('user-menu').click();
        await page.getByTestId('logout').click();
        await page.waitForURL('**/login');
        await page.getByRole('heading', { name: lang.loginTitle }).waitFor();

        // the session is really gone
        await page.goto('/app');
        await page.waitForURL('**/login');

        // log in again
        await page.getByTestId('login-email').fill(email);
        await page.getByTestId('login-password').fill(password);
        await page.getByTestId('login-submit').click();
        await page.waitForURL((url) => url.pathname === '/app', { timeout: 30_000 });
        await expect.poll(() => page.getByTestId('workspace-name').textContent()).toBe(workspace);
        await expect.poll(() => page.getByTestId('nav-members').textContent()).toContain(lang.members);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang.htmlLang);

        // the header switch changes the language in place and remembers it
        const other = LANGS.find((l) => l.locale !== lang.locale)!;
        await page.getByTestId('lang-switch').getByText(other.switchLabel, { exact: true }).click();
        await expect.poll(() => page.getByTestId('nav-members').textContent()).toContain(other.members);
        expect(await page.evaluate(() => localStorage.getItem('kefu.locale'))).toBe(other.locale);
        await page.getByTestId('lang-switch').getByText(lang.switchLabel, { exact: true }).click();
        await expect.poll(() => page.getByTestId('nav-members').textContent()).toContain(lang.members);
        expect(pageErrors).toEqual([]);
      } finally {
        await page.context().close();
      }
    });
  }
});

import { describe, expect, it } from 'vitest';
import { originAllowed, resolveSettings, withinBusinessHours } from './settings.js';
import { highlight } from '../conversations/index.js';

describe('widget settings rules', () => {
  it('allowed domains: exact hosts, *.wildcards, and an empty list for any site', () => {
    expect(originAllowed([], 'https://anything.example')).toBe(true);
    expect(originAllowed(['shop.example.com'], 'https://shop.example.com')).toBe(true);
    expect(originAllowed(['shop.example.com'], 'https://evil-shop.example.com')).toBe(false);
    expect(originAllowed(['*.example.cn'], 'https://m.example.cn')).toBe(true);
    expect(originAllowed(['*.example.cn'], 'https://example.cn')).toBe(true);
    expect(originAllowed(['*.example.cn'], 'https://example.cn.evil.io')).toBe(false);
    expect(originAllowed(['localhost:8080'], 'http://localhost:8080')).toBe(true);
    expect(originAllowed(['shop.example.com'], undefined)).toBe(false);
    expect(originAllowed(['shop.example.com'], 'not a url')).toBe(false);
  });

  it('business hours are judged in the workspace time zone', () => {
    const hours = [{ day: 1, open: '09:00', close: '18:00' }];
    // Monday 2026-11-23 02:00 UTC = 10:00 in Shanghai, 02:00 in London
    const at = new Date('2026-11-23T02:00:00Z');
    expect(withinBusinessHours(hours, 'Asia/Shanghai', at)).toBe(true);
    expect(withinBusinessHours(hours, 'Europe/London', at)).toBe(false);
    expect(withinBusinessHours(hours, 'Asia/Shanghai', new Date('2026-11-23T10:00:00Z'))).toBe(false); // 18:00 is closing time
  });

  it('fills defaults for a new inbox', () => {
    expect(resolveSettings({})).toMatchObject({
      position: 'right',
      language: 'auto',
      enforceIdentity: false,
      preChatForm: { name: 'off' },
    });
  });

  it('highlights search hits as ranges in a plain-text snippet (never markup)', () => {
    const { snippet, highlights } = highlight('我的订单什么时候发货？<b>急</b>', ['发货']);
    expect(highlights.map(([a, b]) => snippet.slice(a, b))).toEqual(['发货']);
    expect(snippet).toContain('<b>急</b>');
    const long = highlight(`${'x'.repeat(100)} refund please`, ['refund']);
    expect(long.snippet.startsWith('…')).toBe(true);
    expect(long.highlights.map(([a, b]) => long.snippet.slice(a, b))).toEqual(['refund']);
  });
});

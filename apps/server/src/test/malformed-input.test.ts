import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODE, openTestEnv, signupWorkspace, type Client, type TestEnv } from './harness.js';
import { fillPath, queryProperties, sampleFor } from './samples.js';
import type { KefuServer } from '../app.js';

const ODD_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u202dRTL',
  '\u200b\u200c\u200d\ufeff',
  '🙂👩‍👩‍👧‍👦',
  'Z͑ͫ̓ͪ̂ͫ̽͏̴̙̤̞͉͚̯̞̠͍',
  '<script>alert(1)</script>',
  "'; DROP TABLE users; --",
  '\uFFFF\uFFFE',
  '𠜎𠜱𠝹',
];

function wrongTypeFor(schema: any): unknown[] {
  if (schema?.anyOf) return [{ not: 'any of these' }];
  switch (schema?.type) {
    case 'string':
      return [12345, true, null, { a: 1 }, ['x']];
    case 'integer':
    case 'number':
      return ['abc', '12', true, 1.5e308 * 10, null];
    case 'boolean':
      return ['yes', 1, null];
    case 'array':
      return ['x', 1, { 0: 'x' }];
    case 'object':
      return ['x', 1, []];
    default:
      return [];
  }
}

const percentEncode = (s: string) =>
  [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');

/**
 * Sends every route wrong types, missing fields, oversized and odd Unicode values, broken JSON and bad
 * params. Expected: a 4xx with the error envelope for bad input, never a 5xx, for every route.
 */
describe(`malformed input on every route (${MODE})`, () => {
  let env: TestEnv;
  let server: KefuServer;
  let client: Client;
  let publicId: string;
  let visitorHeaders: Record<string, string>;
  beforeAll(async () => {
    env = await openTestEnv({ authRateLimitPerMinute: 100_000 });
    server = await env.node();
    client = (await signupWorkspace(server)).client;
    // widget routes authenticate visitors by header: give the walker a real visitor so validation is reached
    publicId = (await client.get('/api/v1/inboxes')).body.items[0].publicId;
    const session = await client.post(`/api/v1/widget/inboxes/${publicId}/sessions`, {});
    visitorHeaders = { 'x-visitor-token': session.body.visitorToken };
  });
  afterAll(() => env.close());

  const check = (failures: string[], label: string, res: { status: number; body: any }, must4xx: boolean) => {
    if (res.status >= 500)
      failures.push(`${label} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    else if (must4xx && (res.status < 400 || res.status >= 500))
      failures.push(`${label} → ${res.status}, want 4xx`);
    if (
      res.status >= 400 &&
      !(typeof res.body?.error?.code === 'string' && typeof res.body?.error?.message === 'string')
    ) {
      failures.push(`${label} → ${res.status} without error envelope`);
    }
  };

  it('answers bad input with 4xx and the error envelope, never 5xx', async () => {
    const routes = server.app.routeTable.filter(
      (r) => r.url.startsWith('/api/v1/') && !r.url.includes('openapi'),
    );
    const failures: string[] = [];
    let sent = 0;
    for (const route of routes) {
      const fakeId = '00000000-0000-4000-8000-000000000000';
      const url = fillPath(route.url, (name) => (name === 'publicId' ? publicId : fakeId));
      const send = async (
        label: string,
        body: unknown,
        must4xx: boolean,
        target = url,
        headers: Record<string, string> = {},
      ) => {
        sent++;
        const res = await client.request(route.method as any, target, body, {
          ...visitorHeaders,
          ...headers,
        });
        check(failures, `${route.method} ${target} ${label}`, res, must4xx);
      };
      // params: not a uuid, absurdly long, odd unicode
      if (route.url.includes(':')) {
        for (const bad of ['not-a-uuid', 'x'.repeat(300), '%00', '\u202e', '1 OR 1=1']) {
          await send(
            `param ${bad.slice(0, 10)}`,
            route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
            true,
            fillPath(route.url, () => bad),
          );
        }
      }
      // query strings
      const queryProps = queryProperties(route.schema?.querystring);
      const badQueries = [
        ...(queryProps.has('limit') ? ['limit=abc', 'limit=-1', 'limit=100000'] : []),
        ...(queryProps.has('cursor') ? ['cursor=garbage', 'cursor=%00', `cursor=${'x'.repeat(500)}`] : []),
        ...(queryProps.has('q') ? [`q=${'搜'.repeat(5000)}`, 'q=%00', 'q=a%00b'] : []),
      ];
      for (const q of badQueries) await send(`?${q.slice(0, 20)}`, undefined, true, `${url}?${q}`);
      // search texts: odd Unicode, LIKE and tsquery syntax are text to look for, never an error
      if (queryProps.has('q')) {
        const texts = [...ODD_STRINGS.filter((o) => !o.includes('\u0000')), '%_\\', "a & b | !c:* ('"];
        // percent-encoded UTF-8 (lone surrogates become U+FFFD), and bytes that are no UTF-8 at all
        const encoded = [...texts.map(percentEncode), '%FF%FE', '%ED%A0%80', '%E6%90'];
        for (const q of encoded) await send(`?q odd ${q.slice(0, 12)}`, undefined, false, `${url}?q=${q}`);
      }
      const schema = route.schema?.body;
      if (!schema || route.method === 'GET') continue;
      const valid = sampleFor(schema, () => fakeId) as Record<string, unknown>;
      // not an object at all, and broken JSON
      for (const body of ['just a string', 42, [], null])
        await send(`body ${JSON.stringify(body)}`, JSON.stringify(body), true, url, {
          'content-type': 'application/json',
        });
      await send('broken json', '{"a": ', true, url, { 'content-type': 'application/json' });
      await send('wrong content type', 'a=b', true, url, { 'content-type': 'text/plain' });
      for (const [key, prop] of Object.entries<any>(schema.properties ?? {})) {
        for (const wrong of wrongTypeFor(prop))
          await send(`${key}=${JSON.stringify(wrong)}`, { ...valid, [key]: wrong }, true);
        if ((schema.required ?? []).includes(key)) {
          const { [key]: _omit, ...rest } = valid;
          await send(`missing ${key}`, rest, true);
        }
        if (prop.type === 'string' || prop.anyOf) {
          await send(`${key} oversized`, { ...valid, [key]: 'x'.repeat(100_000) }, true);
          for (const odd of ODD_STRINGS)
            await send(
              `${key} odd ${JSON.stringify(odd).slice(0, 12)}`,
              { ...valid, [key]: odd },
              odd.includes('\u0000'),
            );
        }
        if (prop.type === 'array') {
          await send(`${key} huge array`, { ...valid, [key]: Array.from({ length: 5000 }, () => 'x') }, true);
        }
      }
      await send('body over 1 MB', { ...valid, padding: 'x'.repeat(1_200_000) }, true);
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(300);
  });
});

import crypto from 'node:crypto';
import { eventually } from './harness.js';
import type { KefuServer } from '../app.js';

/** A website visitor for bot tests: starts a widget session, writes, and waits for the bot's replies. */
export async function widgetVisitor(server: KefuServer, publicId: string) {
  const session = JSON.parse(
    (
      await server.app.inject({
        method: 'POST',
        url: `/api/v1/widget/inboxes/${publicId}/sessions`,
        payload: {},
      })
    ).body,
  );
  const headers = { 'x-visitor-token': session.visitorToken as string };
  return {
    say: (body: string) =>
      server.app.inject({
        method: 'POST',
        url: '/api/v1/widget/messages',
        headers,
        payload: { clientId: crypto.randomUUID(), body },
      }),
    /** The bot's messages, once there are at least `n`. */
    botReplies: (n: number) =>
      eventually(async () => {
        const res = await server.app.inject({
          method: 'GET',
          url: '/api/v1/widget/messages?limit=100',
          headers,
        });
        const items = (JSON.parse(res.body).items as any[]).filter((m) => m.senderType === 'bot');
        return items.length >= n ? items : null;
      }),
  };
}

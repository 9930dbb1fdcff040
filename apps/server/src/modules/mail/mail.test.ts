import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { Client, MODE, eventually, openTestEnv, signupWorkspace, type TestEnv } from '../../test/harness.js';
import type { KefuServer } from '../../app.js';

/** Mail goes over real SMTP to a real (local) SMTP server when SMTP_URL is set. */
describe(`mail over SMTP (${MODE})`, () => {
  let smtp: SMTPServer;
  const received: { to: string; raw: string }[] = [];
  let env: TestEnv;
  let server: KefuServer;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk) => (raw += chunk.toString('utf8')));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    env = await openTestEnv({ smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: 'Kefu <kefu@example.test>' });
    server = await env.node();
  });
  afterAll(async () => {
    await env.close();
    await new Promise<void>((resolve) => smtp.close(resolve));
  });

  it('sends the password-reset mail over SMTP and keeps no sign-in link in the outbox', async () => {
    const { client, email } = await signupWorkspace(server, '邮件测试', 'zh-CN');
    expect((await new Client(server).post('/api/v1/auth/password/forgot', { email })).status).toBe(202);
    const mail = await eventually(() => received.find((m) => m.to === email));
    expect(mail.raw).toMatch(/reset-password\?token=/);
    expect(mail.raw).toContain('From: Kefu <kefu@example.test>');
    const outbox = await eventually(async () => {
      const items = (await client.get('/api/v1/mail-outbox')).body.items;
      return items[0]?.status === 'sent' ? items : null;
    });
    expect(outbox[0].to).toBe(email);
    expect(outbox[0].text).toBe('');
  });
});

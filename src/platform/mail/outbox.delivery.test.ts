import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.js';
import { multipart, urlencoded, validFields } from '../../rights/public/test-helpers.js';
import { smtpMailer } from './mailer.js';
import { MAX_ATTEMPTS, OutboxDelivery } from './outbox.delivery.js';
import { OutboxRepository } from './outbox.repository.js';

/*
 * Delivery of the outbox to a real SMTP server on this machine (the smtp-server package): the person
 * receives the code by mail and enters it in the privacy-centre form; failures are retried with back-off,
 * given up after MAX_ATTEMPTS (audited), and a sent message is never sent again.
 */

interface Received {
  to: string[];
  raw: string;
}

let t: TestApp;
let server: SMTPServer;
let port = 0;
let now = new Date('2026-05-01T01:00:00Z');
const received: Received[] = [];
let rejectRecipients = false;

function startSmtp(): Promise<void> {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (rejectRecipients) {
        const error = new Error('mailbox unavailable') as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      port = (server.server.address() as AddressInfo).port;
      resolve();
    });
  });
}

const delivery = () =>
  new OutboxDelivery(
    t.mamori.database.db,
    new OutboxRepository(),
    t.mamori.secrets,
    t.mamori.audit,
    smtpMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Privacy Office <privacy@mamori.test>' }),
    () => now,
  );

beforeAll(async () => {
  t = await testApp({ clock: () => now });
  await startSmtp();
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t?.close();
});

describe('outbox delivery by SMTP', () => {
  it('without a mailer nothing is sent and the outbox stays readable by admins', async () => {
    const none = new OutboxDelivery(
      t.mamori.database.db,
      new OutboxRepository(),
      t.mamori.secrets,
      t.mamori.audit,
      undefined,
    );
    expect(await none.deliver()).toEqual({ sent: 0, failed: 0, dead: 0 });
  });

  it('the person receives the code by mail, enters it in the form, and gets the acknowledgement', async () => {
    const from = '10.6.0.1';
    const res = await t.app.inject({
      method: 'POST',
      url: '/privacy/request',
      remoteAddress: from,
      ...multipart(validFields('mail-person@example.com', [['lang', 'en']])),
    });
    expect(res.statusCode).toBe(303);
    const reference = /(R-[A-Z0-9]{10})/.exec(String(res.headers.location))?.[1] as string;
    const mailer = delivery();
    expect(await mailer.deliver()).toEqual({ sent: 1, failed: 0, dead: 0 });
    const mail = received.find((m) => m.to.includes('mail-person@example.com'));
    expect(mail?.raw).toContain(`Subject: Your confirmation code (${reference})`);
    expect(mail?.raw).toMatch(/Message-ID: <[0-9a-f-]{36}@mamori\.test>/i);
    expect(mail?.raw).not.toMatch(/Content-Type: text\/html/i);
    const code = /confirmation code is (\d{6})/.exec(mail?.raw ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    const done = await t.app.inject({
      method: 'POST',
      url: `/privacy/request/${reference}/verify`,
      remoteAddress: from,
      ...urlencoded([
        ['lang', 'en'],
        ['code', code as string],
      ]),
    });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain(reference);
    expect(await mailer.deliver()).toEqual({ sent: 1, failed: 0, dead: 0 });
    expect(received.at(-1)?.raw).toContain(`We have received your request (${reference})`);
    // Sent is sent: another run sends nothing again.
    const before = received.length;
    expect(await mailer.deliver()).toEqual({ sent: 0, failed: 0, dead: 0 });
    expect(received.length).toBe(before);
    const unsent = await t.mamori.database.db
      .selectFrom('outbox_messages')
      .select('id')
      .where('sent_at', 'is', null)
      .execute();
    expect(unsent).toEqual([]);
  });

  it('a refused recipient is retried after a back-off; the stored error holds no address', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/privacy/request',
      remoteAddress: '10.6.0.2',
      ...multipart(validFields('retry-me@example.com')),
    });
    expect(res.statusCode).toBe(303);
    const mailer = delivery();
    rejectRecipients = true;
    expect(await mailer.deliver()).toEqual({ sent: 0, failed: 1, dead: 0 });
    const row = await t.mamori.database.db
      .selectFrom('outbox_deliveries')
      .selectAll()
      .where('last_error', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/550/);
    expect(row.last_error).not.toContain('retry-me');
    rejectRecipients = false;
    // Not due yet: nothing happens.
    expect(await mailer.deliver()).toEqual({ sent: 0, failed: 0, dead: 0 });
    now = new Date(now.getTime() + 61_000);
    expect(await mailer.deliver()).toEqual({ sent: 1, failed: 0, dead: 0 });
    const mail = received.at(-1);
    expect(mail?.to).toEqual(['retry-me@example.com']);
    // Japanese text travels encoded; the subject is a MIME encoded-word.
    expect(mail?.raw).toMatch(/Subject: =\?UTF-8\?/i);
  });

  it('gives up after the last attempt, audited, and never tries again', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/privacy/request',
      remoteAddress: '10.6.0.3',
      ...multipart(validFields('never-arrives@example.com')),
    });
    expect(res.statusCode).toBe(303);
    const mailer = delivery();
    rejectRecipients = true;
    const totals = { sent: 0, failed: 0, dead: 0 };
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      const r = await mailer.deliver();
      totals.sent += r.sent;
      totals.failed += r.failed;
      totals.dead += r.dead;
      now = new Date(now.getTime() + 3_600_000);
    }
    rejectRecipients = false;
    expect(totals).toEqual({ sent: 0, failed: MAX_ATTEMPTS - 1, dead: 1 });
    const dead = await t.mamori.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'outbox.dead')
      .execute();
    expect(dead).toHaveLength(1);
    expect(JSON.stringify(dead)).not.toContain('never-arrives');
  });
});

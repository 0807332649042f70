import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { close, listen } from '../src/http-util.ts';
import { SesEmulator } from '../src/ses-emulator.ts';

const simple = (subject: string, text: string, html?: string) => ({
  Simple: {
    Subject: { Data: subject, Charset: 'UTF-8' },
    Body: { Text: { Data: text, Charset: 'UTF-8' }, ...(html ? { Html: { Data: html, Charset: 'UTF-8' } } : {}) },
  },
});

describe('SESv2 emulator, through the real SESv2Client', () => {
  const dir = mkdtempSync(join(tmpdir(), 'devstack-ses-'));
  const file = join(dir, 'mail.json');
  let emulator: SesEmulator;
  let ses: SESv2Client;

  beforeAll(async () => {
    emulator = new SesEmulator(file);
    const port = await listen(emulator.server, 0);
    ses = new SESv2Client({
      region: 'eu-central-1',
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });
  afterAll(async () => {
    ses.destroy();
    await close(emulator.server);
    rmSync(dir, { recursive: true, force: true });
  });

  it('given SendEmail with simple content, then it answers a MessageId and the outbox holds the email, newest first', async () => {
    const first = await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'Parley <no-reply@parley.example>',
        Destination: { ToAddresses: ['ana@example.com'] },
        Content: simple('First', 'Hello Ana'),
      }),
    );
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'no-reply@parley.example',
        Destination: { ToAddresses: ['bea@example.com'] },
        Content: simple('Second', 'Hola Bea', '<p>Hola Bea</p>'),
      }),
    );
    expect(first.MessageId).toBeTruthy();
    const [newest, older] = emulator.outbox();
    expect(newest).toMatchObject({
      to: 'bea@example.com',
      subject: 'Second',
      text: 'Hola Bea',
      html: '<p>Hola Bea</p>',
    });
    expect(older).toMatchObject({
      id: first.MessageId,
      to: 'ana@example.com',
      from: 'Parley <no-reply@parley.example>',
      subject: 'First',
      text: 'Hello Ana',
    });
    expect(older?.html).toBeUndefined();
    expect(Date.parse(older?.sentAt ?? '')).not.toBeNaN();
  });

  it('keeps the outbox across restarts (the file)', () => {
    expect(new SesEmulator(file).outbox().map((m) => m.subject)).toEqual(['Second', 'First']);
  });

  it.each([
    [
      'no recipient',
      { FromEmailAddress: 'a@parley.example', Destination: { ToAddresses: [] }, Content: simple('S', 'T') },
    ],
    [
      'a bad sender',
      { FromEmailAddress: 'nobody', Destination: { ToAddresses: ['a@b.co'] }, Content: simple('S', 'T') },
    ],
    [
      'no subject',
      { FromEmailAddress: 'a@parley.example', Destination: { ToAddresses: ['a@b.co'] }, Content: simple('', 'T') },
    ],
  ])('given %s, then the SDK sees a BadRequestException and nothing is captured', async (_case, input) => {
    const before = emulator.outbox().length;
    const err = await ses.send(new SendEmailCommand(input)).catch((e: unknown) => e);
    expect((err as Error).name).toBe('BadRequestException');
    expect(emulator.outbox()).toHaveLength(before);
  });
});

/**
 * What the SMA driver's contract tests share: a real HTTP server speaking the Lambda Invoke REST
 * path that plays a scripted handler (invoked by the driver through the real LambdaClient), a real
 * VoiceEmulator provisioned through the real Chime SDK Voice client, a real s3rver, a recording
 * MeetingDirectory, and a clock at 1/10 of real time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChimeSDKVoiceClient,
  CreatePhoneNumberOrderCommand,
  CreateSipMediaApplicationCommand,
  CreateSipRuleCommand,
  SearchAvailablePhoneNumbersCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { MeetingDirectory, PstnLegEnded } from '../src/chime/ports.ts';
import { type PstnCall, PstnCalls } from '../src/chime/pstn-calls.ts';
import { dial, type PstnRouteDeps } from '../src/chime/pstn-routes.ts';
import { PstnTrunks } from '../src/chime/pstn-trunks.ts';
import { scaledClock } from '../src/chime/sma-clock.ts';
import { SmaDriver } from '../src/chime/sma-driver.ts';
import { functionNameOf, invokeOnce } from '../src/chime/sma-lambda.ts';
import { toneWav } from '../src/chime/sma-media.ts';
import type { SmaEvent } from '../src/chime/sma-types.ts';
import { VoiceEmulator } from '../src/chime/voice.ts';
import { close, listen, readBody } from '../src/http-util.ts';
import { startS3 } from '../src/s3.ts';

export const SCALE = 0.1;
export const LAMBDA_ARN = 'arn:aws:lambda:eu-central-1:000000000000:function:parley-calling-local-smaHandler';
export const BUCKET = 'calling-prompts';
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** What the scripted handler answers: a response, or it throws (a function error). */
export type Script = (event: SmaEvent, attempt: number) => unknown | Promise<unknown>;

export const respond = (actions: unknown[] = [], attributes?: Record<string, string> | null) => ({
  SchemaVersion: '1.0',
  Actions: actions,
  ...(attributes !== undefined ? { TransactionAttributes: attributes } : {}),
});
export const sleep = (realMs: number) => new Promise((r) => setTimeout(r, realMs));

/** Meetings as the driver sees them: join tokens of known attendees; joins, leaves and mutes recorded. */
export class RecordingMeetings implements MeetingDirectory {
  readonly joins: { meetingId: string; attendeeId: string }[] = [];
  readonly leaves: { meetingId: string; attendeeId: string }[] = [];
  readonly mutes: { meetingId: string; operation: string; attendeeIds: string[] }[] = [];
  readonly tokens = new Map<string, { meetingId: string; attendeeId: string }>();
  private readonly listeners = new Set<(e: PstnLegEnded) => void>();

  joinWithToken(meetingId: string, joinToken: string) {
    const attendee = this.tokens.get(joinToken);
    if (!attendee || attendee.meetingId !== meetingId) return { ok: false as const, message: 'unknown token' };
    this.joins.push(attendee);
    return { ok: true as const, attendeeId: attendee.attendeeId, externalUserId: `phone-${attendee.attendeeId}` };
  }
  leave(meetingId: string, attendeeId: string) {
    this.leaves.push({ meetingId, attendeeId });
  }
  modifyAttendees(meetingId: string, operation: 'Mute' | 'Unmute', attendeeIds: string[]) {
    this.mutes.push({ meetingId, operation, attendeeIds });
    const known = [...this.tokens.values()].filter((a) => a.meetingId === meetingId).map((a) => a.attendeeId);
    return { ok: true as const, unknown: attendeeIds.filter((id) => !known.includes(id)) };
  }
  onLegEnded(listener: (e: PstnLegEnded) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  /** The meetings emulator's side: the meeting was deleted. */
  end(meetingId: string, attendeeId: string) {
    for (const l of this.listeners) l({ meetingId, attendeeId, reason: 'MeetingDeleted' });
  }
}

export interface Harness<M extends MeetingDirectory = RecordingMeetings> {
  events: SmaEvent[];
  script: { current: Script };
  driver: SmaDriver;
  phone: PstnCalls;
  meetings: M;
  voice: ChimeSDKVoiceClient;
  s3: S3Client;
  smaId: string;
  /** Our number (ToPhoneNumber SIP rule → the SMA). */
  number: string;
  routes: PstnRouteDeps;
  /** The virtual phone dials `to`. */
  dial(from: string, to?: string): PstnCall;
  /** Waits (real time) until `check` returns something truthy. */
  until<T>(check: () => T | undefined | false, what: string, timeoutMs?: number): Promise<T>;
  /** Events of one transaction without the retried duplicates: `TYPE` or `TYPE:ActionData.Type`. */
  sequence(transactionId: string): string[];
  close(): Promise<void>;
}

/** The harness around a recording MeetingDirectory, or around `meetings` (the real meetings emulator). */
export async function startHarness(): Promise<Harness>;
export async function startHarness<M extends MeetingDirectory>(meetings: M): Promise<Harness<M>>;
export async function startHarness(given?: MeetingDirectory): Promise<Harness<MeetingDirectory>> {
  const dir = mkdtempSync(join(tmpdir(), 'devstack-sma-'));
  const events: SmaEvent[] = [];
  const script: { current: Script } = { current: () => respond() };
  const attempts = new Map<string, number>();
  const lambdaServer: Server = createServer((req, res) => {
    void (async () => {
      const event = JSON.parse(await readBody(req)) as SmaEvent;
      events.push(event);
      const key = `${event.CallDetails.TransactionId}#${event.Sequence}`;
      const attempt = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, attempt);
      try {
        const body = JSON.stringify(await script.current(event, attempt));
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      } catch (err) {
        const body = JSON.stringify({ errorType: 'Error', errorMessage: (err as Error).message });
        res.writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' }).end(body);
      }
    })();
  });
  const lambdaPort = await listen(lambdaServer, 0);
  const lambda = new LambdaClient({
    region: 'eu-central-1',
    endpoint: `http://127.0.0.1:${lambdaPort}`,
    credentials: CREDENTIALS,
    maxAttempts: 1,
  });

  const s3Server = await startS3({ port: 0, dir: join(dir, 's3') });
  const s3 = new S3Client({
    region: 'eu-central-1',
    endpoint: `http://127.0.0.1:${s3Server.port}`,
    credentials: CREDENTIALS,
    forcePathStyle: true,
  });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'ringback.wav', Body: toneWav(4000) }));

  const emulator = new VoiceEmulator({
    file: join(dir, 'chime-voice.json'),
    region: 'eu-central-1',
    accountId: '000000000000',
    orderDelayMs: 0,
  });
  const voicePort = await listen(emulator.server, 0);
  const voice = new ChimeSDKVoiceClient({
    region: 'eu-central-1',
    endpoint: `http://127.0.0.1:${voicePort}`,
    credentials: CREDENTIALS,
    maxAttempts: 1,
  });
  const found = await voice.send(new SearchAvailablePhoneNumbersCommand({ Country: 'US', State: 'WA', MaxResults: 1 }));
  const number = found.E164PhoneNumbers?.[0] ?? '';
  await voice.send(
    new CreatePhoneNumberOrderCommand({ ProductType: 'SipMediaApplicationDialIn', E164PhoneNumbers: [number] }),
  );
  const { SipMediaApplication } = await voice.send(
    new CreateSipMediaApplicationCommand({
      AwsRegion: 'eu-central-1',
      Name: 'calling',
      Endpoints: [{ LambdaArn: LAMBDA_ARN }],
    }),
  );
  const smaId = SipMediaApplication?.SipMediaApplicationId ?? '';
  await sleep(20); // the order completes on the next read of the emulator's clock
  await voice.send(
    new CreateSipRuleCommand({
      Name: 'our number',
      TriggerType: 'ToPhoneNumber',
      TriggerValue: number,
      TargetApplications: [{ SipMediaApplicationId: smaId, Priority: 1, AwsRegion: 'eu-central-1' }],
    }),
  );

  const clock = scaledClock(SCALE);
  const phone = new PstnCalls(clock);
  const meetings = given ?? new RecordingMeetings();
  const driver = new SmaDriver({
    voice: emulator,
    meetings,
    invoke: (arn, payload) => invokeOnce(lambda, functionNameOf(arn), payload),
    s3,
    phone,
    publicOrigin: () => 'http://localhost:3000',
    clock,
  });
  emulator.attachCalls(driver);
  const routes: PstnRouteDeps = {
    phone,
    trunks: new PstnTrunks(join(dir, 'pstn-trunks.json')),
    voice: emulator,
    driver,
  };

  const harness: Harness<MeetingDirectory> = {
    events,
    script,
    driver,
    phone,
    meetings,
    voice,
    s3,
    smaId,
    number,
    routes,
    dial: (from, to = number) => dial(routes, from, to),
    async until(check, what, timeoutMs = 8000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = check();
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await sleep(10);
      }
    },
    sequence(transactionId) {
      const seen = new Set<number>();
      return events
        .filter((e) => e.CallDetails.TransactionId === transactionId && !seen.has(e.Sequence) && seen.add(e.Sequence))
        .map((e) => {
          const type = e.ActionData?.Type;
          return type && e.InvocationEventType.startsWith('ACTION_')
            ? `${e.InvocationEventType}:${String(type)}`
            : e.InvocationEventType;
        });
    },
    async close() {
      driver.close();
      lambda.destroy();
      voice.destroy();
      s3.destroy();
      await close(lambdaServer);
      await close(emulator.server);
      await s3Server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

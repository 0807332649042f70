/**
 * devstack: the whole of Parley on one machine, behind one origin (`npm start`).
 * See tools/devstack/README.md for what runs where.
 */
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { buildWebIfStale } from '@parley/web/build-if-stale';
import { parseArgs } from './args.ts';
import { buildFolderFor, removeBuildFolders } from './build-folder.ts';
import { ChimeStack } from './chime/devstack.ts';
import { CREDENTIALS, REGION, SIGNING_KEYS_PARAMETER, STAGE } from './constants.ts';
import { ownOrigins } from './dev-guard.ts';
import { checkJava, startDynamoDb } from './dynamodb.ts';
import { DevstackError, describeFailure } from './errors.ts';
import { EventTail } from './event-tail.ts';
import { close, listen } from './http-util.ts';
import { MessagingStack } from './messaging/devstack.ts';
import { originHandlers } from './origin.ts';
import { freePorts } from './ports.ts';
import { Supervisor, terminalSink } from './processes.ts';
import { startS3 } from './s3.ts';
import {
  discoverServices,
  type Endpoints,
  type OfflinePorts,
  SERVICE_ORDER,
  type ServiceName,
  type StackLayout,
  startOffline,
} from './services.ts';
import { SesEmulator } from './ses-emulator.ts';
import { generateSigningKeys } from './signing-keys.ts';
import { SsmEmulator } from './ssm-emulator.ts';
import { stackHealth } from './stack-health.ts';
import { assertDataDirFree, type DevstackState, writeState } from './state.ts';
import { TraceCollector } from './traces/collector.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const READY_BUDGET_MS = 60_000;
const sink = terminalSink();
const say = (text: string) => sink.line('devstack', text);

/** Binds the public origin on loopback (IPv4, and IPv6 when the machine has it) before anything else starts. */
async function bindOrigin(
  port: number,
  handlers: ReturnType<typeof originHandlers>,
): Promise<{ port: number; servers: Server[] }> {
  const make = () => {
    const server = createServer((req, res) => void handlers.request(req, res));
    server.on('upgrade', (req, socket, head) => handlers.upgrade(req, socket, head));
    return server;
  };
  const v4 = make();
  let bound: number;
  try {
    bound = await listen(v4, port, '127.0.0.1');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new DevstackError(
        `Port ${port} is already in use, so devstack cannot serve http://localhost:${port}.`,
        `Stop whatever uses it (\`ss -ltnp 'sport = :${port}'\` shows it), or pick another port: \`npm start -- --port ${port + 1}\` (or PARLEY_PORT).`,
      );
    }
    throw err;
  }
  const servers = [v4];
  const v6 = make();
  try {
    await listen(v6, bound, '::1');
    servers.push(v6);
  } catch {
    // no IPv6 loopback here: browsers fall back to 127.0.0.1
  }
  return { port: bound, servers };
}

async function run(): Promise<void> {
  const startedAt = new Date();
  const t0 = performance.now();
  const options = parseArgs(process.argv.slice(2), process.env, process.cwd());
  checkJava();
  assertDataDirFree(options.dataDir);
  if (options.fresh) rmSync(options.dataDir, { recursive: true, force: true });

  const supervisor = new Supervisor(sink, options.verbose);
  const tail = new EventTail();
  // The X-Ray collector; PARLEY_TRACES=off runs without it (tracing off in the services, as a baseline).
  const traces = process.env.PARLEY_TRACES === 'off' ? undefined : new TraceCollector();
  // Texts: the SNS outbox, Twilio, End User Messaging Social, SNS HTTP deliveries (/_dev/sms, /_dev/sns, /_dev/twilio).
  const texts = new MessagingStack({
    dataDir: options.dataDir,
    provider: options.messagingProvider,
    publicOrigin: () => layout.publicOrigin,
    log: (line) => sink.line('texts', line),
  });
  const sns = texts.sns;
  const ses = new SesEmulator(join(options.dataDir, 'mail.json'));
  const ssm = new SsmEmulator(join(options.dataDir, 'ssm.json'), REGION);
  const present = discoverServices(ROOT);
  const layout: StackLayout & { services: Record<ServiceName, OfflinePorts> } = {
    publicOrigin: '',
    buildFolder: buildFolderFor(options.dataDir, ROOT),
    endpoints: {} as Endpoints,
    eventBridge: { port: 0, pubSubPort: 0 },
    services: {} as Record<ServiceName, OfflinePorts>,
  };
  const runningServices: Parameters<typeof stackHealth>[0]['services'] = [];
  let state: DevstackState | undefined;
  let eventBridge: EventBridgeClient | undefined;
  let health: ReturnType<typeof stackHealth> | undefined;
  let textsSubscribed = false;
  // Meetings, voice, the SIP media application driver and the virtual phone (/_dev/pstn, /_dev/phone).
  const chime = new ChimeStack({
    dataDir: options.dataDir,
    publicOrigin: () => layout.publicOrigin,
    log: (line) => sink.line('chime', line),
  });

  const handlers = originHandlers({
    webDist: join(ROOT, 'clients', 'web', 'dist'),
    httpPortOf: (name) =>
      present.includes(name as ServiceName) ? layout.services[name as ServiceName]?.http : undefined,
    websocketPort: () => (present.includes('notifications') ? layout.services.notifications?.websocket : undefined),
    chimeMeetingsPort: () => chime.signalingPort(),
    ownOrigins: () => (layout.publicOrigin ? ownOrigins(layout.publicOrigin) : []),
    pstn: (req, res, url) => chime.route(req, res, url),
    health: async () => {
      if (!health) return { status: 'unavailable', services: {}, infrastructure: {} };
      const report = await health();
      // Ready once notifications' SNS endpoints have been sent their SubscriptionConfirmations too.
      if (report.status === 'ok' && !textsSubscribed)
        return {
          ...report,
          status: 'unavailable',
          infrastructure: { ...report.infrastructure, 'sns-subscriptions': { status: 'starting', port: origin.port } },
        };
      return report;
    },
    tail,
    outbox: () => sns.outbox(),
    texts,
    mail: () => ses.outbox(),
    publish: async (request) => {
      if (!eventBridge) throw new Error('the event bus is not up yet');
      const out = await eventBridge.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: request.eventBusName ?? `parley-${STAGE}`,
              Source: request.source,
              DetailType: request.detailType,
              Detail: JSON.stringify(request.detail),
            },
          ],
        }),
      );
      return { eventId: out.Entries?.[0]?.EventId, failedEntryCount: out.FailedEntryCount ?? 0 };
    },
    info: () => state,
    traces,
  });
  const origin = await bindOrigin(options.port, handlers);
  // The web client builds beside the services (it is served from dist/ on every request).
  const webBuild = buildWebIfStale({ log: say }).catch((e) => say(`web client not built: ${(e as Error).message}`));
  const publicOrigin = `http://${options.host}:${origin.port}`;
  layout.publicOrigin = publicOrigin;

  let stopping = false;
  let s3: Awaited<ReturnType<typeof startS3>> | undefined;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    tail.close();
    traces?.close();
    eventBridge?.destroy();
    chime.close();
    await Promise.all(
      [...origin.servers, ssm.server, ...texts.servers, ses.server, ...chime.servers].map((s) =>
        s.listening ? close(s) : undefined,
      ),
    );
    await supervisor.stopAll();
    removeBuildFolders(ROOT, present, layout.buildFolder);
    await s3?.close().catch(() => {});
    if (state) writeState({ ...state, stoppedAt: new Date().toISOString() });
    say('stopped.');
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(0));

  try {
    supervisor.startWatchdog();
    const taken = new Set<number>([origin.port]);
    const infra = await freePorts(
      [
        'dynamodb',
        's3',
        'ssm',
        'sns',
        'ses',
        'socialMessaging',
        'smsVoice',
        'chimeMeetings',
        'chimeVoice',
        'eventBridge',
        'eventBridgePubSub',
        'xray',
      ],
      taken,
    );
    // The X-Ray collector (UDP) first: every service process is told its address.
    if (traces) {
      infra.xray = await traces.listen(infra.xray).catch(() => traces.listen(0));
      layout.xrayDaemon = `127.0.0.1:${infra.xray}`;
    }
    for (const name of SERVICE_ORDER) layout.services[name] = await freePorts(['http', 'lambda', 'websocket'], taken);
    layout.eventBridge = { port: infra.eventBridge, pubSubPort: infra.eventBridgePubSub };
    const local = (port: number) => `http://127.0.0.1:${port}`;
    layout.endpoints = {
      AWS_ENDPOINT_URL_DYNAMODB: local(infra.dynamodb),
      AWS_ENDPOINT_URL_S3: local(infra.s3),
      AWS_ENDPOINT_URL_EVENTBRIDGE: local(infra.eventBridge),
      AWS_ENDPOINT_URL_SSM: local(infra.ssm),
      AWS_ENDPOINT_URL_SNS: local(infra.sns),
      AWS_ENDPOINT_URL_SESV2: local(infra.ses),
      AWS_ENDPOINT_URL_SOCIALMESSAGING: local(infra.socialMessaging),
      AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2: local(infra.smsVoice),
      AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI: local(layout.services.notifications.websocket),
      AWS_ENDPOINT_URL_CHIME_SDK_VOICE: local(infra.chimeVoice),
      AWS_ENDPOINT_URL_CHIME_SDK_MEETINGS: local(infra.chimeMeetings),
    };
    layout.messaging = texts.environment();
    state = {
      pid: process.pid,
      messagingProvider: texts.provider,
      url: publicOrigin,
      startedAt: startedAt.toISOString(),
      dataDir: options.dataDir,
      region: REGION,
      stage: STAGE,
      credentials: { ...CREDENTIALS },
      ports: { origin: origin.port, ...infra },
      services: Object.fromEntries(present.map((name) => [name, layout.services[name]])),
      endpoints: layout.endpoints,
    };
    writeState(state);

    // Infrastructure first (DynamoDB Local's JVM is the slowest part; the services' plugin waits for it).
    const dynamodb = startDynamoDb(supervisor, {
      port: infra.dynamodb,
      dir: join(options.dataDir, 'dynamodb'),
      inMemory: options.inMemory,
    });
    const [s3Server] = await Promise.all([
      startS3({ port: infra.s3, dir: join(options.dataDir, 's3') }),
      listen(ssm.server, infra.ssm),
      listen(sns.server, infra.sns),
      listen(ses.server, infra.ses),
      listen(texts.social.server, infra.socialMessaging),
      listen(texts.smsVoice.server, infra.smsVoice),
      chime.listen({
        meetingsPort: infra.chimeMeetings,
        voicePort: infra.chimeVoice,
        s3Endpoint: layout.endpoints.AWS_ENDPOINT_URL_S3,
        lambdaPortOf: (service) =>
          present.includes(service as ServiceName) ? layout.services[service as ServiceName]?.lambda : undefined,
      }),
      seedSigningKeys(ssm),
      texts.seedParameters(ssm),
    ]);
    s3 = s3Server;
    // What the stage's infrastructure supplies to numbers and calling (SMA, carrier, SSM configuration).
    await chime.provision({
      voice: layout.endpoints.AWS_ENDPOINT_URL_CHIME_SDK_VOICE,
      ssm: layout.endpoints.AWS_ENDPOINT_URL_SSM,
    });

    if (present.length === 0) throw new DevstackError('No service has a serverless.yml yet (looked in services/*).');
    for (const name of present) {
      runningServices.push({
        name,
        ports: layout.services[name],
        process: startOffline(supervisor, ROOT, name, layout),
      });
    }
    health = stackHealth({
      services: runningServices,
      brokerPort: infra.eventBridge,
      dynamodb: { port: infra.dynamodb, process: dynamodb },
      s3Port: infra.s3,
      ssmPort: infra.ssm,
      snsPort: infra.sns,
      sesPort: infra.ses,
      socialMessagingPort: infra.socialMessaging,
      smsVoicePort: infra.smsVoice,
      chimeMeetingsPort: infra.chimeMeetings,
      chimeVoicePort: infra.chimeVoice,
      endpoints: {
        'chime-sdk-meetings': layout.endpoints.AWS_ENDPOINT_URL_CHIME_SDK_MEETINGS,
        'chime-sdk-voice': layout.endpoints.AWS_ENDPOINT_URL_CHIME_SDK_VOICE,
        dynamodb: layout.endpoints.AWS_ENDPOINT_URL_DYNAMODB,
        s3: layout.endpoints.AWS_ENDPOINT_URL_S3,
        ssm: layout.endpoints.AWS_ENDPOINT_URL_SSM,
        sns: layout.endpoints.AWS_ENDPOINT_URL_SNS,
        sesv2: layout.endpoints.AWS_ENDPOINT_URL_SESV2,
        socialmessaging: layout.endpoints.AWS_ENDPOINT_URL_SOCIALMESSAGING,
        'pinpoint-sms-voice-v2': layout.endpoints.AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2,
        eventbridge: layout.endpoints.AWS_ENDPOINT_URL_EVENTBRIDGE,
      },
    });
    eventBridge = new EventBridgeClient({
      region: REGION,
      endpoint: layout.endpoints.AWS_ENDPOINT_URL_EVENTBRIDGE,
      credentials: CREDENTIALS,
    });
    tail.connect(infra.eventBridgePubSub);
    for (const p of [dynamodb, ...runningServices.map((s) => s.process)]) {
      if (!p) continue;
      void p.exited.then((code) => {
        if (!stopping) say(`${p.name} exited (${code}). Its last lines are above; /_dev/health reports it as exited.`);
      });
    }

    if (!(await untilHealthy(health, t0, () => stopping))) return;
    chime.busIsUp(eventBridge);
    // SNS subscribes notifications' endpoints once they answer (a signed SubscriptionConfirmation each).
    if (present.includes('notifications')) await texts.subscribeEndpoints();
    textsSubscribed = true;
    await webBuild;
    const readyInMs = Math.round(performance.now() - t0);
    state = { ...state, readyInMs };
    writeState(state);
    say(`services: ${present.join(', ')}; data in ${options.dataDir}`);
    say(`Parley is running at ${publicOrigin} (ready in ${(readyInMs / 1000).toFixed(1)} s)`);
    if (readyInMs > READY_BUDGET_MS) say(`warning: slower than the ${READY_BUDGET_MS / 1000} s budget.`);
  } catch (err) {
    console.error(`\ndevstack could not start: ${describeFailure(err)}\n`);
    await stop(1);
  }
}

/** Waits until every component is up; says once what is missing when the budget is spent. false if stopped first. */
async function untilHealthy(
  check: ReturnType<typeof stackHealth>,
  t0: number,
  stopped: () => boolean,
): Promise<boolean> {
  let warned = false;
  while (!stopped()) {
    const report = await check();
    if (report.status === 'ok') return true;
    if (!warned && performance.now() - t0 > READY_BUDGET_MS) {
      warned = true;
      const notUp = [...Object.entries(report.services), ...Object.entries(report.infrastructure)].filter(
        ([, c]) => c.status !== 'up',
      );
      say(
        `not ready after ${READY_BUDGET_MS / 1000} s: ${notUp.map(([n, c]) => `${n} ${c.status}${c.detail ? ` (${c.detail})` : ''}`).join(', ')}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** First start: an ES256 key pair for identity's tokens, as the SecureString identity reads. */
async function seedSigningKeys(ssm: SsmEmulator): Promise<void> {
  if (ssm.has(SIGNING_KEYS_PARAMETER)) return;
  ssm.put(SIGNING_KEYS_PARAMETER, JSON.stringify(await generateSigningKeys()), 'SecureString');
  say(`generated identity signing keys into ${SIGNING_KEYS_PARAMETER}`);
}

run().catch((err) => {
  console.error(`\ndevstack could not start: ${describeFailure(err)}\n`);
  process.exit(1);
});

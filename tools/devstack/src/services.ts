import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BUILD_FOLDER_ENV } from './build-folder.ts';
import { CREDENTIALS, REGION, STAGE } from './constants.ts';
import { ORIGIN_VERIFY_SECRET } from './origin-verify.ts';
import type { ManagedProcess, Supervisor } from './processes.ts';

/** Start order: platform first (it hosts the EventBridge broker), then the six services. */
export const SERVICE_ORDER = [
  'platform',
  'identity',
  'messaging',
  'notifications',
  'numbers',
  'calling',
  'usage',
] as const;
export type ServiceName = (typeof SERVICE_ORDER)[number];

/** The service whose offline process hosts the EventBridge broker (mock server + MQTT). */
export const BROKER_SERVICE: ServiceName = 'platform';

export interface OfflinePorts {
  http: number;
  lambda: number;
  websocket: number;
}

/** Every AWS endpoint devstack injects (the SDK reads AWS_ENDPOINT_URL_<SERVICE> itself). */
export type Endpoints = Record<
  | 'AWS_ENDPOINT_URL_DYNAMODB'
  | 'AWS_ENDPOINT_URL_S3'
  | 'AWS_ENDPOINT_URL_EVENTBRIDGE'
  | 'AWS_ENDPOINT_URL_SSM'
  | 'AWS_ENDPOINT_URL_SNS'
  | 'AWS_ENDPOINT_URL_SESV2'
  | 'AWS_ENDPOINT_URL_SOCIALMESSAGING'
  | 'AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2'
  | 'AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI'
  | 'AWS_ENDPOINT_URL_CHIME_SDK_VOICE'
  | 'AWS_ENDPOINT_URL_CHIME_SDK_MEETINGS',
  string
>;

export interface StackLayout {
  publicOrigin: string;
  /** serverless-esbuild's work folder in each service, this devstack's own (`buildFolderFor`) */
  buildFolder: string;
  endpoints: Endpoints;
  eventBridge: { port: number; pubSubPort: number };
  services: Partial<Record<ServiceName, OfflinePorts>>;
  /** `127.0.0.1:<port>` of devstack's X-Ray collector (src/traces), when it runs */
  xrayDaemon?: string;
  /** the messaging provider's settings (`MessagingStack.environment()`: PARLEY_MESSAGING_PROVIDER, …) */
  messaging?: Record<string, string>;
}

/**
 * What the X-Ray SDK and the Powertools tracer need to trace as in Lambda: the daemon address, the
 * execution environment (without it Powertools turns tracing off), the SDK's Lambda mode
 * (LAMBDA_TASK_ROOT, set before the devstack plugin loads the SDK). The per-invocation segment and
 * `_X_AMZN_TRACE_ID` come from the plugin (plugin/tracing.cjs).
 */
export function tracingEnvironment(daemon: string | undefined): NodeJS.ProcessEnv {
  if (!daemon) return { POWERTOOLS_TRACE_ENABLED: 'false' };
  return {
    AWS_XRAY_DAEMON_ADDRESS: daemon,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    LAMBDA_TASK_ROOT: '/var/task',
    POWERTOOLS_TRACE_ENABLED: 'true',
  };
}

/** Services present in this checkout (those with a serverless.yml), in start order. */
export function discoverServices(root: string): ServiceName[] {
  return SERVICE_ORDER.filter((name) => existsSync(join(root, 'services', name, 'serverless.yml')));
}

/**
 * The environment of one serverless-offline process. serverless-offline hands handlers only the
 * AWS_* variables of this environment (plus what serverless.yml declares), so every endpoint is
 * an AWS_ENDPOINT_URL_*; PARLEY_* values are read by serverless.yml (`${env:…}`). Any AWS_* of
 * the caller's shell (profiles, real keys) is dropped: devstack never talks to AWS.
 */
export function offlineEnvironment(name: ServiceName, layout: StackLayout, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const ports = layout.services[name];
  if (!ports) throw new Error(`no ports allocated for ${name}`);
  const identity = layout.services.identity;
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(base).filter(([key]) => !key.startsWith('AWS_')));
  return {
    ...env,
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
    // Node 20 runs devstack; Lambda runs nodejs22.x. The SDK's "needs Node 22 from 2027" notice is noise here.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...layout.endpoints,
    ...tracingEnvironment(layout.xrayDaemon),
    PARLEY_OFFLINE_HTTP_PORT: String(ports.http),
    PARLEY_OFFLINE_LAMBDA_PORT: String(ports.lambda),
    PARLEY_OFFLINE_WS_PORT: String(ports.websocket),
    PARLEY_EVENTBRIDGE_PORT: String(layout.eventBridge.port),
    PARLEY_EVENTBRIDGE_PUBSUB_PORT: String(layout.eventBridge.pubSubPort),
    PARLEY_EVENTBRIDGE_BROKER: name === BROKER_SERVICE ? 'true' : 'false',
    PARLEY_AUTH_JWKS_URL: `http://127.0.0.1:${identity?.http ?? 0}/.well-known/jwks.json`,
    PARLEY_AUTH_ISSUER: `${layout.publicOrigin}/api/identity`,
    PARLEY_PUBLIC_ORIGIN: layout.publicOrigin,
    PARLEY_ORIGIN_VERIFY_SECRET: ORIGIN_VERIFY_SECRET,
    ...layout.messaging,
    [BUILD_FOLDER_ENV]: layout.buildFolder,
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
  };
}

/** The osls CLI entry (`serverless` is `npm:osls@4.3.1` in the root package.json). */
export function serverlessBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('serverless/package.json')), 'bin', 'serverless.js');
}

/** Starts `serverless offline start --stage local` in services/<name>. */
export function startOffline(
  supervisor: Supervisor,
  root: string,
  name: ServiceName,
  layout: StackLayout,
): ManagedProcess {
  return supervisor.spawn(name, process.execPath, [serverlessBin(), 'offline', 'start', '--stage', STAGE], {
    cwd: join(root, 'services', name),
    env: offlineEnvironment(name, layout, process.env),
  });
}

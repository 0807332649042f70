'use strict';
/**
 * @parley/devstack Serverless plugin. Listed last in every service's `plugins`.
 *
 * On `serverless offline start` only (hook `before:offline:start:init`, which finishes before
 * serverless-offline opens its HTTP server), it creates the service's DynamoDB tables and S3
 * buckets in DynamoDB Local and s3rver from the resolved `resources.Resources` (the very
 * definitions CloudFormation deploys), then resolves `Ref`/`Fn::GetAtt` of those resources in
 * function environments. Endpoints come from AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_S3,
 * which devstack sets; without them it does nothing. The same hook patches serverless-offline to
 * answer HTTP API requests as API Gateway does (plugin/api-gateway.cjs) and, with devstack's trace
 * collector, to trace every invocation as Lambda does (plugin/tracing.cjs); on `offline` its
 * constructor makes early schedule deliveries wait for their functions (plugin/eventbridge.cjs).
 * It registers no other hook, so `package` and `deploy` are unaffected.
 */
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { answerFailuresAs500, cacheAuthorizerResults, patchHttpApiEvents } = require('./plugin/api-gateway.cjs');
const { deliverOnlyOnceLambdasExist } = require('./plugin/eventbridge.cjs');
const { plan, provision, referenceTable, resolveEnvironment } = require('./plugin/provision.cjs');
const { patchEventBridgeDeliveries, traceInvocations } = require('./plugin/tracing.cjs');
const { answerMockRoutes } = require('./plugin/websocket-mock-routes.cjs');

class ParleyDevstackPlugin {
  constructor(serverless, options, utils) {
    this.serverless = serverless;
    this.options = options ?? {};
    this.log = utils?.log ?? { notice: console.log, warning: console.warn, error: console.error };
    this.hooks = {
      'before:offline:start:init': () => this.prepare(),
    };
    if (serverless.processedInput?.commands?.[0] === 'offline') {
      this.tuneOfflineBuild();
      this.scheduleSafely();
    }
  }

  /** Before any hook: schedules that fire while offline starts wait for their functions (plugin/eventbridge.cjs). */
  scheduleSafely() {
    try {
      const entry = require.resolve('serverless-offline-aws-eventbridge', {
        paths: [this.serverless.serviceDir ?? process.cwd()],
      });
      deliverOnlyOnceLambdasExist(require(entry));
    } catch {
      // no EventBridge plugin in this service: no schedules to guard
    }
  }

  /**
   * Offline-only build settings, for a 2-core machine to be ready within a minute (measured on
   * identity's 19 handlers: 12 s of CPU bundled as for AWS, 1.6 s with these packages external):
   * - the heavy, single-copy packages stay in node_modules, where Node loads the very same versions
   *   the AWS bundles contain (never one that a workspace pins a different copy of, like jose);
   * - at most PARLEY_ESBUILD_CONCURRENCY (default 2) functions build at a time, without incremental
   *   contexts (they kept ~3 GB in esbuild for identity) and without a file watcher
   *   (serverless-offline caches handler modules, so a rebuild would not be picked up anyway:
   *   restart devstack after a change); the esbuild process is stopped after the build (prepare).
   * - the bundles go to the launcher's own work folder (PARLEY_ESBUILD_WORK_FOLDER, see
   *   offlineWorkFolder), not `.esbuild`, which `serverless package` empties and deletes.
   * package and deploy never run this: their bundles are complete, as configured in common.yml.
   */
  tuneOfflineBuild() {
    const esbuild = this.serverless.service.custom?.esbuild;
    if (!esbuild || typeof esbuild !== 'object') return;
    const workFolder = offlineWorkFolder(process.env.PARLEY_ESBUILD_WORK_FOLDER);
    if (workFolder) esbuild.outputWorkFolder = workFolder;
    esbuild.skipRebuild = true;
    if (esbuild.concurrency === undefined) esbuild.concurrency = Number(process.env.PARLEY_ESBUILD_CONCURRENCY || 2);
    esbuild.watch = { ...(esbuild.watch ?? {}), pattern: [] };
    const exclude = Array.isArray(esbuild.exclude) ? esbuild.exclude : esbuild.exclude ? [esbuild.exclude] : [];
    esbuild.exclude = [...new Set([...exclude, ...singleCopyPackages(this.serverless.serviceDir ?? process.cwd())])];
  }

  /** Stops serverless-esbuild's esbuild process once the bundles are built (a later rebuild restarts it). */
  async stopEsbuild() {
    try {
      const plugin = require.resolve('serverless-esbuild/package.json', {
        paths: [this.serverless.serviceDir ?? process.cwd()],
      });
      const esbuild = require(require.resolve('esbuild', { paths: [plugin] }));
      await esbuild.stop?.();
    } catch {
      // no serverless-esbuild in this service: nothing to stop
    }
  }

  /**
   * Where serverless-offline answers HTTP API (payload 2.0) requests unlike API Gateway, devstack
   * patches it (plugin/api-gateway.cjs): a unique requestContext.requestId per request (offline gives
   * all the same one; handlers use it as the default correlation id), 500
   * `{"message":"Internal Server Error"}` when the handler throws or fails to load (offline answers
   * 200 with the Lambda error object), and authorizer results kept for their `resultTtlInSeconds`
   * (offline invokes the authorizer on every request). The modules are loaded by file URL from the serverless-offline
   * this service resolves, which is the instance serverless already loaded.
   */
  async answerLikeApiGateway() {
    try {
      patchHttpApiEvents(await this.offlineModule('events/http/lambda-events/LambdaProxyIntegrationEventV2.js'));
      const LambdaFunction = await this.offlineModule('lambda/LambdaFunction.js');
      answerFailuresAs500(LambdaFunction, (name, err) =>
        this.log.error(`devstack: ${name} failed, answered 500 as API Gateway does: ${err?.stack ?? err}`),
      );
      cacheAuthorizerResults(LambdaFunction, this.authorizerTtls());
    } catch (err) {
      this.log.warning(`devstack: could not make HTTP API answers match API Gateway (${err.message})`);
    }
  }

  /**
   * The WebSocket routes API Gateway answers itself (`custom.websocketMockRoutes`, ADR 0035), answered
   * in the offline WebSocket server from the same templates (plugin/websocket-mock-routes.cjs).
   */
  async answerMockWebSocketRoutes() {
    const routes = this.serverless.service.custom?.websocketMockRoutes;
    if (!routes) return;
    try {
      answerMockRoutes(await this.offlineModule('events/websocket/WebSocketClients.js'), routes);
    } catch (err) {
      this.log.warning(`devstack: WebSocket mock routes are not answered (${err.message})`);
    }
  }

  /**
   * A module of the serverless-offline this service resolves (the instance serverless already loaded),
   * by file URL: its default export.
   */
  async offlineModule(file) {
    const entry = require.resolve('serverless-offline', { paths: [this.serverless.serviceDir ?? process.cwd()] });
    return (await import(pathToFileURL(path.join(path.dirname(entry), file)).href)).default;
  }

  /** Each HTTP API Lambda authorizer's deployed function name → its resultTtlInSeconds (0: none). */
  authorizerTtls() {
    const service = this.serverless.service;
    const ttls = new Map();
    for (const authorizer of Object.values(service.provider?.httpApi?.authorizers ?? {})) {
      if (authorizer?.type !== 'request' || !authorizer.functionName) continue;
      const name = service.getFunction?.(authorizer.functionName)?.name;
      if (name) ttls.set(name, Number(authorizer.resultTtlInSeconds ?? 0));
    }
    return ttls;
  }

  /**
   * With AWS_XRAY_DAEMON_ADDRESS set (devstack's trace collector), gives every invocation what Lambda
   * gives it for X-Ray: its function segment and trace id, continuing the event's trace
   * (plugin/tracing.cjs). Applied before answerLikeApiGateway, so the function segment sees a
   * handler's error before it is turned into API Gateway's 500.
   */
  async traceLikeLambda() {
    if (!process.env.AWS_XRAY_DAEMON_ADDRESS) return;
    const serviceDir = this.serverless.serviceDir ?? process.cwd();
    const resolve = (id) => require.resolve(id, { paths: [serviceDir] });
    try {
      const xray = require(resolve('aws-xray-sdk-core'));
      const { InvokeStore } = require(resolve('@aws/lambda-invoke-store'));
      const invokeStore = await InvokeStore.getInstanceAsync(true);
      const LambdaFunction = await this.offlineModule('lambda/LambdaFunction.js');
      const service = String(this.serverless.service.service ?? '').replace(/^parley-/, '');
      traceInvocations(LambdaFunction, { xray, invokeStore, service });
      if (!patchEventBridgeDeliveries(require(resolve('serverless-offline-aws-eventbridge'))))
        this.log.warning('devstack: EventBridge deliveries do not continue their trace (plugin not patched)');
    } catch (err) {
      this.log.warning(`devstack: invocations are not traced (${err.message})`);
    }
  }

  async prepare() {
    await this.stopEsbuild();
    await this.traceLikeLambda();
    await this.answerLikeApiGateway();
    await this.answerMockWebSocketRoutes();
    const dynamoEndpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB;
    const s3Endpoint = process.env.AWS_ENDPOINT_URL_S3;
    if (!dynamoEndpoint || !s3Endpoint) {
      this.log.warning(
        'devstack: AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_S3 are not set; tables and buckets are not created. Run `npm start` at the repo root.',
      );
      return;
    }
    const service = this.serverless.service;
    const context = {
      service: service.service,
      stage: this.options.stage ?? service.provider.stage,
      region: this.options.region ?? service.provider.region,
      publicOrigin: process.env.PARLEY_PUBLIC_ORIGIN,
    };
    const planned = plan(service.resources?.Resources, context);
    const started = Date.now();
    if (planned.tables.length + planned.buckets.length > 0) {
      const clientOptions = { region: context.region, credentials: credentials() };
      const dynamodbSdk = require('@aws-sdk/client-dynamodb');
      const s3Sdk = require('@aws-sdk/client-s3');
      const dynamodb = new dynamodbSdk.DynamoDBClient({ ...clientOptions, endpoint: dynamoEndpoint });
      const s3 = new s3Sdk.S3Client({ ...clientOptions, endpoint: s3Endpoint, forcePathStyle: true });
      try {
        await provision(planned, { dynamodb, s3, dynamodbSdk, s3Sdk, log: (m) => this.log.notice(`devstack: ${m}`) });
      } finally {
        dynamodb.destroy();
        s3.destroy();
      }
    }
    const references = referenceTable(planned, context);
    const resolved = resolveEnvironment(service.provider.environment, references);
    for (const name of service.getAllFunctions()) {
      resolved.push(...resolveEnvironment(service.getFunction(name).environment, references));
    }
    this.log.notice(
      `devstack: ${planned.tables.length} table(s), ${planned.buckets.length} bucket(s) ready in ${Date.now() - started} ms` +
        (resolved.length ? `; resolved ${[...new Set(resolved)].join(', ')}` : ''),
    );
  }
}

/** Packages worth leaving out of offline bundles (they are most of each bundle's size and build time). */
const HEAVY_PACKAGES = [
  '@aws-sdk/*',
  '@smithy/*',
  '@aws-crypto/*',
  '@aws-lambda-powertools/*',
  '@middy/*',
  'aws-xray-sdk-core',
  'electrodb',
  'zod',
];

/**
 * HEAVY_PACKAGES minus any that a workspace (services/*, shared/*, tools/*, clients/*) has its own
 * copy of: esbuild would bundle that copy for code in that workspace, while Node resolving from the
 * bundle's location would find the root one. Only the root copy exists for those left.
 */
function singleCopyPackages(serviceDir) {
  const fs = require('node:fs');
  const root = path.resolve(serviceDir, '../..');
  const workspaces = ['services', 'shared', 'tools', 'clients'].flatMap((group) => {
    try {
      return fs.readdirSync(path.join(root, group)).map((name) => path.join(root, group, name));
    } catch {
      return [];
    }
  });
  return HEAVY_PACKAGES.filter((pattern) => {
    const top = pattern.replace(/\/\*$/, '');
    return !workspaces.some((ws) => fs.existsSync(path.join(ws, 'node_modules', top)));
  });
}

/**
 * serverless-esbuild's work folder for this offline run: the launcher's PARLEY_ESBUILD_WORK_FOLDER
 * (one per data dir, `.esbuild-devstack[-<hash>]`), or undefined (serverless-esbuild's `.esbuild`)
 * when it is not set. It must be a plain `.esbuild-…` name: it is created and deleted inside the
 * service directory, where the bundles resolve node_modules and every ignore list skips `.esbuild*`.
 */
function offlineWorkFolder(value) {
  if (value === undefined || value === '') return undefined;
  if (!/^\.esbuild-[A-Za-z0-9_-]+$/.test(value))
    throw new Error(
      `PARLEY_ESBUILD_WORK_FOLDER must be a folder name like .esbuild-devstack (inside the service directory), not "${value}".`,
    );
  return value;
}

function credentials() {
  return {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'local',
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
  };
}

module.exports = ParleyDevstackPlugin;
module.exports.offlineWorkFolder = offlineWorkFolder;

'use strict';
/**
 * Makes serverless-offline answer HTTP API (payload 2.0) requests the way API Gateway does where the
 * two differ and Parley's code depends on it. Applied by the devstack plugin on `offline start` only.
 */
const { randomUUID } = require('node:crypto');

/**
 * What API Gateway's HTTP API answers when the Lambda integration fails (a handler that throws or
 * cannot be loaded, a function timeout): 500 and this body. serverless-offline instead wraps the
 * Lambda error object `{errorMessage, errorType, stackTrace}` in a 200, which a client would take for
 * success and which leaks the stack trace.
 */
const INTERNAL_SERVER_ERROR = Object.freeze({
  statusCode: 500,
  headers: { 'Content-Type': 'application/json' },
  body: '{"message":"Internal Server Error"}',
  isBase64Encoded: false,
});

/** The header devstack's origin passes the request's API Gateway request id in (src/traces/gateway.ts). */
const REQUEST_ID_HEADER = 'x-parley-devstack-request-id';
/** What serverless-offline puts in every authorizer event's requestContext.requestId. */
const OFFLINE_AUTHORIZER_REQUEST_ID = 'random-request-id';

/**
 * Gives an event the request id API Gateway would: the one the origin chose for the request (so the
 * authorizer's event and the route's carry the same `requestContext.requestId`, as on AWS), and the
 * header removed (no handler sees it). An authorizer event that did not come through the origin
 * gets an id of its own instead of offline's constant. Returns the event.
 */
function shareRequestId(event) {
  if (!event || typeof event !== 'object') return event;
  let requestId;
  for (const bag of [event.headers, event.multiValueHeaders]) {
    if (!bag || typeof bag !== 'object') continue;
    for (const name of Object.keys(bag)) {
      if (name.toLowerCase() !== REQUEST_ID_HEADER) continue;
      const value = bag[name];
      requestId ??= Array.isArray(value) ? value[0] : value;
      delete bag[name];
    }
  }
  const context = event.requestContext;
  if (context && typeof context === 'object') {
    if (typeof requestId === 'string' && requestId !== '') context.requestId = requestId;
    else if (context.requestId === OFFLINE_AUTHORIZER_REQUEST_ID) context.requestId = randomUUID();
  }
  return event;
}

/** Events built for an HTTP API 2.0 route (and only those: Lambda invokes and WebSocket events keep their answers). */
const httpApiEvents = new WeakSet();
/** Set on a LambdaFunction by setEvent: whether its next run serves an HTTP API 2.0 route. */
const SERVES_HTTP_API = Symbol('parleyDevstackServesHttpApi');
const PATCHED = Symbol.for('parleyDevstackPatched');

/**
 * Patches serverless-offline's LambdaProxyIntegrationEventV2: each event gets its own
 * requestContext.requestId (offline gives every one "offlineContext_resourceId"; handlers use it as the
 * default correlation id), and is remembered as an HTTP API event for `answerFailuresAs500`.
 */
function patchHttpApiEvents(EventV2) {
  const create = EventV2.prototype.create;
  if (create[PATCHED]) return;
  const patched = function create_() {
    const event = create.call(this);
    if (event?.requestContext?.requestId === 'offlineContext_resourceId') event.requestContext.requestId = randomUUID();
    if (event && typeof event === 'object') httpApiEvents.add(event);
    return event;
  };
  patched[PATCHED] = true;
  EventV2.prototype.create = patched;
}

/**
 * Patches serverless-offline's LambdaFunction so that every event gets its request id
 * (`shareRequestId`), and a run for an HTTP API 2.0 event that fails returns INTERNAL_SERVER_ERROR
 * instead of throwing (offline turns a thrown error into that 200).
 * `onError(functionName, error)` is told, so the failure still shows in devstack's log.
 * serverless-offline calls setEvent and then runHandler without yielding in between, so the flag
 * read at the start of runHandler is the one for this run.
 */
function answerFailuresAs500(LambdaFunction, onError) {
  const { setEvent, runHandler } = LambdaFunction.prototype;
  if (runHandler[PATCHED]) return;
  const setEvent_ = function setEvent_(event) {
    shareRequestId(event);
    this[SERVES_HTTP_API] = Boolean(event && typeof event === 'object' && httpApiEvents.has(event));
    return setEvent.call(this, event);
  };
  const runHandler_ = async function runHandler_() {
    if (!this[SERVES_HTTP_API]) return runHandler.call(this);
    try {
      return await runHandler.call(this);
    } catch (err) {
      onError(this.functionName, err);
      return { ...INTERNAL_SERVER_ERROR, headers: { ...INTERNAL_SERVER_ERROR.headers } };
    }
  };
  runHandler_[PATCHED] = true;
  LambdaFunction.prototype.setEvent = setEvent_;
  LambdaFunction.prototype.runHandler = runHandler_;
}

/** Set on a LambdaFunction by setEvent: the cache key of its next run when it is an HTTP API authorizer event. */
const AUTHORIZER_CACHE_KEY = Symbol('parleyDevstackAuthorizerCacheKey');
const CACHING = Symbol.for('parleyDevstackCachesAuthorizers');

/**
 * Answers HTTP API Lambda authorizers from a cache, as API Gateway does and serverless-offline 14
 * does not (it invokes the authorizer on every request, ignoring `resultTtlInSeconds`).
 * `ttlSeconds` maps an authorizer's deployed function name to its `resultTtlInSeconds`; only those
 * functions, and only for a REQUEST event of payload 2.0 with an identity source, are cached: by
 * function and identity source (API Gateway's key: the `Authorization` header here), for the TTL,
 * allow and deny alike. A run that throws or answers no `isAuthorized` is not kept, and a
 * WebSocket `$connect` authorizer is never named here (ADR 0006). A hit is no invocation: no
 * trace, no log, no session check, as on AWS. Applied after the other LambdaFunction patches, so a
 * miss runs through them.
 */
function cacheAuthorizerResults(LambdaFunction, ttlSeconds, now = () => Date.now()) {
  const { setEvent, runHandler } = LambdaFunction.prototype;
  if (runHandler[CACHING]) return;
  /** @type {Map<string, { until: number, result: unknown }>} */
  const cache = new Map();
  const setEvent_ = function setEvent_(event) {
    const ttl = ttlSeconds.get(this.functionName);
    const request = event !== null && typeof event === 'object' && event.type === 'REQUEST' && event.version === '2.0';
    const source = request ? event.identitySource : undefined;
    this[AUTHORIZER_CACHE_KEY] =
      ttl > 0 && Array.isArray(source) && source.join('') !== ''
        ? `${this.functionName}\n${source.join(',')}`
        : undefined;
    return setEvent.call(this, event);
  };
  const runHandler_ = async function runHandler_() {
    const key = this[AUTHORIZER_CACHE_KEY];
    if (key === undefined) return runHandler.call(this);
    const hit = cache.get(key);
    if (hit && hit.until > now()) return structuredClone(hit.result);
    const result = await runHandler.call(this);
    if (result && typeof result === 'object' && typeof result.isAuthorized === 'boolean') {
      if (cache.size >= 10_000) cache.clear();
      cache.set(key, { until: now() + ttlSeconds.get(this.functionName) * 1000, result: structuredClone(result) });
    } else cache.delete(key);
    return result;
  };
  runHandler_[CACHING] = true;
  LambdaFunction.prototype.setEvent = setEvent_;
  LambdaFunction.prototype.runHandler = runHandler_;
}

module.exports = {
  INTERNAL_SERVER_ERROR,
  REQUEST_ID_HEADER,
  answerFailuresAs500,
  cacheAuthorizerResults,
  patchHttpApiEvents,
  shareRequestId,
};

'use strict';
/**
 * What Lambda supplies to the X-Ray SDK on AWS, supplied by devstack inside serverless-offline
 * (applied by the devstack plugin on `offline start`, only when AWS_XRAY_DAEMON_ADDRESS is set):
 *
 * - each invocation gets its function segment (`AWS::Lambda::Function`, named after the function)
 *   and `_X_AMZN_TRACE_ID` = `Root=…;Parent=<that segment>;Sampled=1`, continuing the trace the
 *   invocation came with: an EventBridge entry's `TraceHeader` (as EventBridge → Lambda does). Every
 *   other invocation starts a trace of its own, as Lambda does when invoked without a trace header:
 *   API Gateway's HTTP and WebSocket APIs invoke the authorizer and the route so (X-Ray traces REST
 *   APIs only), whatever `X-Amzn-Trace-Id` the request carries (ADR 0031);
 * - serverless-offline runs every function of a service in one process (`useInProcess`), so several
 *   invocations can be in flight at once, which never happens in one Lambda sandbox. The trace id is
 *   therefore also kept per invocation, in the Lambda runtime's `InvokeStore` (an AsyncLocalStorage,
 *   as Lambda's multi-concurrency runtime has it), which the X-Ray SDK, Powertools and the AWS SDK
 *   read before the environment; and the function segment is the invocation's own current segment
 *   in the X-Ray SDK's context (instead of the process-wide facade Lambda's sandbox has), so each
 *   invocation's subsegments name their own trace and parent.
 *
 * The segment is sent by the X-Ray SDK itself to AWS_XRAY_DAEMON_ADDRESS (devstack's collector)
 * when the invocation ends, with the error when the handler threw.
 */
const { randomBytes } = require('node:crypto');

const PATCHED = Symbol.for('parleyDevstackTracingPatched');
const TRACE_CONTEXT = Symbol('parleyDevstackTraceContext');
const X_RAY_TRACE_ID = Symbol.for('_AWS_LAMBDA_X_RAY_TRACE_ID');
/** event → the TraceHeader of the EventBridge entry it was made from */
const entryTraceHeaders = new WeakMap();

const TRACE_ID = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;
const SEGMENT_ID = /^[0-9a-f]{16}$/;

/** `Root=…;Parent=…;Sampled=…` → `{root?, parent?}` (malformed parts are ignored). */
function parseTraceHeader(header) {
  const out = {};
  if (typeof header !== 'string') return out;
  for (const part of header.split(';')) {
    const [key, value] = part.split('=').map((s) => s.trim());
    if (key === 'Root' && TRACE_ID.test(value ?? '')) out.root = value;
    else if (key === 'Parent' && SEGMENT_ID.test(value ?? '')) out.parent = value;
  }
  return out;
}

function newTraceId(now = Date.now()) {
  return `1-${Math.floor(now / 1000)
    .toString(16)
    .padStart(8, '0')}-${randomBytes(12).toString('hex')}`;
}

/**
 * The trace header Lambda would be invoked with for this event: its EventBridge entry's TraceHeader.
 * Never an HTTP or WebSocket request's `X-Amzn-Trace-Id` header: API Gateway's HTTP and WebSocket
 * APIs do not pass it on to Lambda as the invocation's trace (it stays a header in the event).
 */
function traceHeaderOf(event) {
  if (!event || typeof event !== 'object') return undefined;
  return entryTraceHeaders.get(event);
}

/**
 * Patches serverless-offline-aws-eventbridge so that the event built from a PutEvents entry remembers
 * the entry's TraceHeader (the broker hands subscribers the whole entry; the event has no field for it).
 */
function patchEventBridgeDeliveries(Plugin) {
  const convert = Plugin?.prototype?.convertEntryAndInputToEvent;
  if (typeof convert !== 'function' || convert[PATCHED]) return false;
  const patched = function convertEntryAndInputToEvent_(entry, input) {
    const event = convert.call(this, entry, input);
    if (event && typeof event === 'object' && typeof entry?.TraceHeader === 'string')
      entryTraceHeaders.set(event, entry.TraceHeader);
    return event;
  };
  patched[PATCHED] = true;
  Plugin.prototype.convertEntryAndInputToEvent = patched;
  return true;
}

/**
 * Keeps `globalThis.awslambda.InvokeStore` in place: serverless-offline's in-process runner replaces
 * `globalThis.awslambda` with a fresh `{HttpResponseStream, streamifyResponse}` each time it loads a
 * handler, which would drop the store. Whatever object is assigned gets the store added.
 */
function keepInvokeStore(invokeStore) {
  let current = globalThis.awslambda;
  const adopt = (value) => {
    if (value && typeof value === 'object' && value.InvokeStore === undefined) value.InvokeStore = invokeStore;
    return value;
  };
  if (!current) current = {};
  adopt(current);
  Object.defineProperty(globalThis, 'awslambda', {
    configurable: true,
    enumerable: false,
    get: () => current,
    set: (value) => {
      current = adopt(value);
    },
  });
}

/**
 * Patches serverless-offline's LambdaFunction: setEvent reads the event's trace header, runHandler
 * runs the handler with its function segment and trace id (see the top of this file).
 * `xray` is the aws-xray-sdk-core the handlers load, `invokeStore` the InvokeStore installed on
 * `globalThis.awslambda`, `service` the service's name (its `Service` annotation).
 * serverless-offline calls setEvent and then runHandler without yielding in between.
 */
function traceInvocations(LambdaFunction, { xray, invokeStore, service }) {
  const { setEvent, runHandler } = LambdaFunction.prototype;
  if (runHandler[PATCHED]) return;
  if (invokeStore) keepInvokeStore(invokeStore);
  const setEvent_ = function setEvent_(event) {
    this[TRACE_CONTEXT] = parseTraceHeader(traceHeaderOf(event));
    return setEvent.call(this, event);
  };
  const runHandler_ = function runHandler_() {
    const incoming = this[TRACE_CONTEXT] ?? {};
    this[TRACE_CONTEXT] = undefined;
    const segment = new xray.Segment(this.functionName, incoming.root ?? newTraceId(), incoming.parent);
    segment.origin = 'AWS::Lambda::Function';
    if (service) segment.addAnnotation('Service', service);
    const header = `Root=${segment.trace_id};Parent=${segment.id};Sampled=1`;
    // Read by code that looks only at the environment; right for all but overlapping invocations.
    process.env._X_AMZN_TRACE_ID = header;
    const namespace = xray.getNamespace();
    const run = () =>
      namespace.runAndReturn(() => {
        xray.setSegment(segment);
        return runHandler.call(this);
      });
    return Promise.resolve(invokeStore ? invokeStore.run({ [X_RAY_TRACE_ID]: header }, run) : run()).then(
      (result) => {
        segment.close();
        return result;
      },
      (err) => {
        segment.close(err instanceof Error || typeof err === 'string' ? err : String(err));
        throw err;
      },
    );
  };
  setEvent_[PATCHED] = true;
  runHandler_[PATCHED] = true;
  LambdaFunction.prototype.setEvent = setEvent_;
  LambdaFunction.prototype.runHandler = runHandler_;
}

module.exports = { parseTraceHeader, patchEventBridgeDeliveries, traceHeaderOf, traceInvocations };

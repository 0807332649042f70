'use strict';
/**
 * What API Gateway does for a WebSocket route with a MOCK integration (ADR 0035), which
 * serverless-offline does not know: the stack's `custom.websocketMockRoutes` (the same config
 * @parley/serverless compiles into the route, its MOCK integration and its `$default` responses) are
 * answered here, in the offline WebSocket server, by rendering the route's mapping template with
 * Velocity (velocityjs, the engine serverless-offline itself uses for REST API templates) over a
 * `$context` as API Gateway fills it for a WebSocket message. No Lambda runs, none is traced.
 *
 * API Gateway also counts such a message as activity on the connection: it resets the 10-minute idle
 * timeout. serverless-offline resets its own idle timer only for the messages it routes, so the
 * devstack plugin turns that timer off (`webSocketIdleTimeout` beyond the 2-hour connection limit,
 * shared/serverless/common.yml) and keeps the idle timeout here, for every message.
 */
const crypto = require('node:crypto');
const { render } = require('velocityjs');

/** API Gateway's idle timeout of a WebSocket connection (its quotas page: 10 minutes). */
const IDLE_TIMEOUT_MS = 10 * 60_000;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n) => String(n).padStart(2, '0');

/** `$context.requestTime`: CLF, `dd/MMM/yyyy:HH:mm:ss +0000`, in UTC as API Gateway gives it. */
function clfTime(date) {
  return (
    `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

/** The `$context` of a WebSocket MESSAGE, as API Gateway's mapping templates see it. */
function messageContext({ connectionId, routeKey, now = new Date(), requestId = crypto.randomUUID() }) {
  return {
    connectionId,
    routeKey,
    eventType: 'MESSAGE',
    messageId: crypto.randomUUID(),
    requestId,
    extendedRequestId: requestId,
    requestTime: clfTime(now),
    requestTimeEpoch: now.getTime(),
    stage: 'local',
    apiId: 'local',
  };
}

/** The route a message selects with `$request.body.action` (serverless' default), if it is JSON. */
function selectedRoute(text) {
  try {
    const body = JSON.parse(text);
    return body && typeof body === 'object' && typeof body.action === 'string' ? body.action : undefined;
  } catch {
    return undefined;
  }
}

/** The answer to a message of a mock route (`routes[route].response` rendered), or undefined for any other. */
function mockAnswer(routes, text, context) {
  const routeKey = selectedRoute(text);
  const route = routeKey !== undefined && Object.hasOwn(routes, routeKey) ? routes[routeKey] : undefined;
  if (!route) return undefined;
  return render(route.response, { context: messageContext({ ...context, routeKey }) });
}

/**
 * Patches serverless-offline's `WebSocketClients` so that each client's messages of a mock route are
 * answered from its template and never reach serverless-offline's routing (which would give them to
 * `$default`), and every message resets the idle timeout.
 */
function answerMockRoutes(WebSocketClients, routes, { idleTimeoutMs = IDLE_TIMEOUT_MS } = {}) {
  const original = WebSocketClients.prototype.addClient;
  if (original.parleyMockRoutes) return;
  function addClient(client, connectionId, ...rest) {
    let idle;
    const touch = () => {
      clearTimeout(idle);
      idle = setTimeout(() => client.close(1001, 'Going away'), idleTimeoutMs);
    };
    touch();
    client.on('close', () => clearTimeout(idle));
    const on = client.on;
    client.on = function (event, listener) {
      if (event !== 'message') return on.call(this, event, listener);
      return on.call(this, event, (data, isBinary) => {
        touch();
        const answer = isBinary ? undefined : mockAnswer(routes, String(data), { connectionId });
        if (answer === undefined) return listener(data, isBinary);
        client.send(answer);
      });
    };
    try {
      return original.call(this, client, connectionId, ...rest);
    } finally {
      client.on = on;
    }
  }
  addClient.parleyMockRoutes = true;
  WebSocketClients.prototype.addClient = addClient;
}

module.exports = { answerMockRoutes, clfTime, mockAnswer };

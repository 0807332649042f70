import { once } from '@parley/lambda/once';
import { apiGatewayConnectionGateway, managementApiClient } from '../adapters/gateway.ts';
import { config } from '../config.ts';
import { ids, presence } from './index.ts';

/** Pushes frames to and closes WebSocket connections, through the management API. */
export const gateway = /* @__PURE__ */ once(() =>
  apiGatewayConnectionGateway(managementApiClient(config.WEBSOCKET_API_ENDPOINT)),
);

/** `$connect`: presence plus the gateway that closes a user's oldest sockets past the limit. */
export const connecting = /* @__PURE__ */ once(() => ({ ...presence(), gateway: gateway() }));
/** Fan-out of frames to users' live connections (and closing a revoked session's). */
export const fanOut = /* @__PURE__ */ once(() => ({ ...presence(), gateway: gateway() }));
/** Typing and call signalling relayed from one connection to others. */
export const relay = /* @__PURE__ */ once(() => ({ ...presence(), gateway: gateway(), ids }));
/** Every event with an audience, delivered to its live connections. */
export const audience = /* @__PURE__ */ once(() => ({ ...presence(), gateway: gateway() }));

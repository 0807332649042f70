'use strict';
/**
 * `@parley/serverless`: the plugin every stack lists. It composes what Parley adds to each stack's
 * CloudFormation at package time: the alarms and the dashboard (observability.cjs) and the WebSocket
 * routes API Gateway answers itself (websocket-mock-routes.cjs).
 */
const ParleyObservability = require('./observability.cjs');
const { WebSocketMockRoutes } = require('./websocket-mock-routes.cjs');

class ParleyStack {
  constructor(serverless, options) {
    const parts = [new ParleyObservability(serverless, options), new WebSocketMockRoutes(serverless, options)];
    this.hooks = {};
    for (const part of parts) {
      for (const [hook, run] of Object.entries(part.hooks)) {
        const before = this.hooks[hook];
        this.hooks[hook] = before
          ? async () => {
              await before();
              await run();
            }
          : run;
      }
    }
  }
}

module.exports = ParleyStack;

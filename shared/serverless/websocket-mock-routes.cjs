'use strict';
/**
 * WebSocket routes that API Gateway answers itself, with no Lambda behind them (ADR 0035): a MOCK
 * integration whose integration response renders a mapping template, returned to the client by the
 * route's `$default` route response. A stack lists them in `custom.websocketMockRoutes`:
 *
 *     custom:
 *       websocketMockRoutes:
 *         ping:
 *           response: '{"type":"pong", …}'   # an API Gateway (Velocity) mapping template
 *
 * serverless compiles only Lambda-backed `websocket` events, so this adds, per route, the
 * `AWS::ApiGatewayV2::Integration` (MOCK), its `IntegrationResponse`, the `Route` and its
 * `RouteResponse`, and makes the stage's deployment depend on them: serverless names its deployment
 * `WebsocketsDeployment<hash of the WebSocket resources it compiled>`, so the id is re-hashed with
 * these routes in it, and a changed template deploys again. devstack answers the same routes from the
 * same templates (tools/devstack/plugin/websocket-mock-routes.cjs).
 */
const crypto = require('node:crypto');

const API = { Ref: 'WebsocketsApi' };

/** A route key as a logical-id part: `ping` → `Ping` (route keys of letters and digits only). */
function logicalName(route) {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(route))
    throw new Error(`custom.websocketMockRoutes: route "${route}" must be letters and digits`);
  return route[0].toUpperCase() + route.slice(1);
}

/** The CloudFormation resources of one mock route, by logical id. */
function mockRouteResources(route, { response }) {
  if (typeof response !== 'string' || response.length === 0)
    throw new Error(`custom.websocketMockRoutes.${route}.response must be a mapping template`);
  const name = logicalName(route);
  const integration = `${name}WebsocketsMockIntegration`;
  const routeId = `${name}WebsocketsMockRoute`;
  return {
    [integration]: {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: {
        ApiId: API,
        IntegrationType: 'MOCK',
        // a MOCK integration answers with the status code its request template names
        RequestTemplates: { $default: '{"statusCode": 200}' },
        TemplateSelectionExpression: '\\$default',
      },
    },
    [`${name}WebsocketsMockIntegrationResponse`]: {
      Type: 'AWS::ApiGatewayV2::IntegrationResponse',
      Properties: {
        ApiId: API,
        IntegrationId: { Ref: integration },
        IntegrationResponseKey: '$default',
        TemplateSelectionExpression: '\\$default',
        ResponseTemplates: { $default: response },
      },
    },
    [routeId]: {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: {
        ApiId: API,
        RouteKey: route,
        AuthorizationType: 'NONE',
        RouteResponseSelectionExpression: '$default',
        Target: { 'Fn::Join': ['/', ['integrations', { Ref: integration }]] },
      },
    },
    [`${name}WebsocketsMockRouteResponse`]: {
      Type: 'AWS::ApiGatewayV2::RouteResponse',
      Properties: { ApiId: API, RouteId: { Ref: routeId }, RouteResponseKey: '$default' },
    },
  };
}

/**
 * Adds the mock routes of `routes` to `resources` (a compiled template's), and moves the WebSocket
 * deployment to a logical id that hashes them in, depending on them. Returns the new deployment id.
 */
function addMockRoutes(resources, routes) {
  const added = {};
  for (const [route, config] of Object.entries(routes)) Object.assign(added, mockRouteResources(route, config));
  const deploymentId = Object.keys(resources).find((id) => resources[id].Type === 'AWS::ApiGatewayV2::Deployment');
  if (!deploymentId) throw new Error('custom.websocketMockRoutes needs a WebSocket API (no websocket event compiled)');
  Object.assign(resources, added);
  const deployment = resources[deploymentId];
  delete resources[deploymentId];
  const hash = crypto
    .createHash('sha256')
    .update(deploymentId)
    .update(JSON.stringify(added))
    .digest('base64')
    .replace(/[^0-9a-z]/gi, '');
  const movedId = `WebsocketsDeployment${hash}`;
  resources[movedId] = {
    ...deployment,
    DependsOn: [...(deployment.DependsOn ?? []), ...Object.keys(added)],
  };
  const stage = resources.WebsocketsDeploymentStage;
  if (stage?.Properties?.DeploymentId) stage.Properties.DeploymentId = { Ref: movedId };
  return movedId;
}

class WebSocketMockRoutes {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = {
      // after serverless' own compileEvents (core plugins' hooks run first), so its deployment exists
      'package:compileEvents': () => {
        const routes = this.serverless.service.custom?.websocketMockRoutes;
        if (!routes) return;
        addMockRoutes(this.serverless.service.provider.compiledCloudFormationTemplate.Resources, routes);
      },
    };
  }
}

module.exports = { WebSocketMockRoutes, addMockRoutes, mockRouteResources };

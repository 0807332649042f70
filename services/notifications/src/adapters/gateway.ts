import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { awsClient } from '@parley/lambda/clients';
import type { ConnectionGateway } from '../domain/ports.ts';

/**
 * The management API client, on the endpoint configuration names (WEBSOCKET_API_ENDPOINT): the
 * management API has no regional default, so unlike the other clients it always gets one. On AWS
 * it is the WebSocket API's own `https://<domain>/<stage>`; on devstack serverless.yml passes
 * AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI (serverless-offline's WebSocket server) into it. An
 * explicit endpoint wins over the SDK's AWS_ENDPOINT_URL_* lookup, so no code path differs.
 */
export function managementApiClient(endpoint: string) {
  return awsClient(ApiGatewayManagementApiClient, { endpoint });
}

/** 410 Gone: the connection is dead. Offline reports it with the name `Unknown`, so test the status. */
export function isGone(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.$metadata?.httpStatusCode === 410 || e?.name === 'GoneException';
}

export function apiGatewayConnectionGateway(client: Pick<ApiGatewayManagementApiClient, 'send'>): ConnectionGateway {
  const encoder = new TextEncoder();
  return {
    async post(connectionId, payload) {
      try {
        await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: encoder.encode(payload) }));
        return 'sent';
      } catch (err) {
        if (isGone(err)) return 'gone';
        throw err;
      }
    },
    async close(connectionId) {
      try {
        await client.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
      } catch (err) {
        if (!isGone(err)) throw err;
      }
    },
  };
}

import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { awsClient } from '@parley/lambda/clients';
import type { ConnectionGateway } from '../domain/ports.ts';

/**
 * The management API client. On devstack the SDK takes its endpoint from
 * AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI (serverless-offline's WebSocket port); on AWS that variable is
 * absent and the endpoint is the API's own `https://<api>.execute-api.<region>.amazonaws.com/<stage>`,
 * built by CloudFormation into WEBSOCKET_API_ENDPOINT.
 */
export function managementApiClient(apiEndpoint: string | undefined, env: NodeJS.ProcessEnv = process.env) {
  const fromEnvironment = Boolean(env.AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI);
  if (!fromEnvironment && !apiEndpoint)
    throw new Error('Set WEBSOCKET_API_ENDPOINT or AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI.');
  return awsClient(ApiGatewayManagementApiClient, fromEnvironment ? {} : { endpoint: apiEndpoint });
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

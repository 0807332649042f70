import { describe, expect, it } from 'vitest';
import { apiGatewayConnectionGateway, managementApiClient } from '../src/adapters/gateway.ts';

/** A client whose every call fails like the management API does for a dead connection. */
function failingClient(error: object) {
  const calls: string[] = [];
  return {
    calls,
    send: async (command: { constructor: { name: string } }) => {
      calls.push(command.constructor.name);
      throw Object.assign(new Error('failed'), error);
    },
  };
}

describe('management API gateway', () => {
  it('given a 410 (offline names it Unknown), when posting, then the connection is reported gone', async () => {
    const gateway = apiGatewayConnectionGateway(
      failingClient({ name: 'Unknown', $metadata: { httpStatusCode: 410 } }) as never,
    );
    await expect(gateway.post('c-1', '{}')).resolves.toBe('gone');
  });

  it('given GoneException from AWS, when closing, then it is not an error', async () => {
    const gateway = apiGatewayConnectionGateway(
      failingClient({ name: 'GoneException', $metadata: { httpStatusCode: 410 } }) as never,
    );
    await expect(gateway.close('c-1')).resolves.toBeUndefined();
  });

  it('given a throttle, when posting, then the error surfaces (the fan-out counts it as failed)', async () => {
    const gateway = apiGatewayConnectionGateway(
      failingClient({ name: 'LimitExceededException', $metadata: { httpStatusCode: 429 } }) as never,
    );
    await expect(gateway.post('c-1', '{}')).rejects.toThrow('failed');
  });

  it('given neither the AWS endpoint nor the devstack variable, when building the client, then it fails with a clear message', () => {
    expect(() => managementApiClient(undefined, {})).toThrow(/WEBSOCKET_API_ENDPOINT/);
  });

  it('given the devstack variable, when building the client, then no explicit endpoint is passed (the SDK reads it)', async () => {
    const client = managementApiClient('https://ignored.example/x', {
      AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI: 'http://127.0.0.1:4300',
    });
    expect(await client.config.endpoint?.()).toBeUndefined();
  });
});

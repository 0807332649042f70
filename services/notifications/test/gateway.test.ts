import { afterEach, describe, expect, it, vi } from 'vitest';
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

  it('given the configured endpoint, when building the client, then the SDK sends to it, stage path included', async () => {
    const client = managementApiClient('https://abc123.execute-api.eu-central-1.amazonaws.com/ci');
    expect(await client.config.endpoint?.()).toMatchObject({
      protocol: 'https:',
      hostname: 'abc123.execute-api.eu-central-1.amazonaws.com',
      path: '/ci',
    });
  });
});

describe('notifications configuration', () => {
  const load = async (env: Record<string, string>) => {
    vi.resetModules();
    vi.stubEnv('TABLE_NAME', 't');
    vi.stubEnv('EVENT_BUS_NAME', 'b');
    vi.stubEnv('WEBSOCKET_API_ENDPOINT', undefined);
    for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
    return (await import('../src/config.ts')).config;
  };
  afterEach(() => vi.unstubAllEnvs());

  it('given no management API endpoint, when loaded at init, then it fails naming WEBSOCKET_API_ENDPOINT', async () => {
    await expect(load({ AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI: 'http://127.0.0.1:4300' })).rejects.toThrow(
      /WEBSOCKET_API_ENDPOINT/,
    );
  });

  it('given the devstack endpoint, when loaded, then it is the endpoint, whatever else is set', async () => {
    const config = await load({
      WEBSOCKET_API_ENDPOINT: 'http://127.0.0.1:4300',
      AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI: 'http://127.0.0.1:9999',
    });
    expect(config.WEBSOCKET_API_ENDPOINT).toBe('http://127.0.0.1:4300');
  });

  it('given an endpoint that is not http(s), when loaded, then it is refused', async () => {
    await expect(load({ WEBSOCKET_API_ENDPOINT: 'wss://abc123.example/ci' })).rejects.toThrow(/WEBSOCKET_API_ENDPOINT/);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';

describe('notifications configuration', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  const base = () => {
    vi.resetModules();
    vi.stubEnv('TABLE_NAME', 'unit-test-table');
    vi.stubEnv('EVENT_BUS_NAME', 'unit-test-bus');
    vi.stubEnv('WEBSOCKET_API_ENDPOINT', 'http://127.0.0.1:4300');
  };

  it('given MESSAGING_PROVIDER names no provider, when the function starts, then it fails naming the allowed values', async () => {
    base();
    vi.stubEnv('MESSAGING_PROVIDER', 'vonage');
    await expect(import('../src/config.ts')).rejects.toThrow(
      'MESSAGING_PROVIDER: MESSAGING_PROVIDER must be one of: aws, twilio',
    );
  });

  it('given the devstack certificate origin, when the stage is not local, then it is ignored', async () => {
    base();
    vi.stubEnv('STAGE', 'prod');
    vi.stubEnv('SNS_DEV_CERT_ORIGIN', 'http://localhost:3000/_dev/sns/cert');
    expect((await import('../src/config.ts')).snsDevCertOrigin).toBeUndefined();
    base();
    vi.stubEnv('STAGE', 'local');
    vi.stubEnv('SNS_DEV_CERT_ORIGIN', 'http://localhost:3000/_dev/sns/cert');
    expect((await import('../src/config.ts')).snsDevCertOrigin).toBe('http://localhost:3000/_dev/sns/cert');
  });
});

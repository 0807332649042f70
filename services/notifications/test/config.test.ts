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

  it('given WHATSAPP_PHONE_NUMBER_IDS, when the function starts, then a JSON map of E.164 numbers is read and anything else fails', async () => {
    base();
    expect((await import('../src/config.ts')).config.WHATSAPP_PHONE_NUMBER_IDS).toEqual({});
    base();
    vi.stubEnv('WHATSAPP_PHONE_NUMBER_IDS', '{"+50760001234":"phone-number-id-5076"}');
    expect((await import('../src/config.ts')).config.WHATSAPP_PHONE_NUMBER_IDS).toEqual({
      '+50760001234': 'phone-number-id-5076',
    });
    for (const bad of ['not json', '["phone-number-id-1"]', '{"50760001234":"id"}', '{"+50760001234":""}']) {
      base();
      vi.stubEnv('WHATSAPP_PHONE_NUMBER_IDS', bad);
      await expect(import('../src/config.ts')).rejects.toThrow('WHATSAPP_PHONE_NUMBER_IDS');
    }
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

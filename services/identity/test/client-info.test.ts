import { describe, expect, it } from 'vitest';
import { clientInfo } from '../src/handlers/http/request-helpers.ts';

const request = (headers: Record<string, string>) => ({
  requestContext: { http: { sourceIp: '130.176.0.9' } } as never,
  headers: { 'user-agent': 'Firefox', ...headers },
});

describe('clientInfo behind the public origin', () => {
  it("given the origin's secret, when the viewer header is present, then the viewer's address counts", () => {
    const info = clientInfo(
      request({ 'x-parley-origin-verify': 's3cret', 'x-parley-viewer-ip': '203.0.113.7' }),
      's3cret',
    );
    expect(info).toEqual({ ipAddress: '203.0.113.7', userAgent: 'Firefox' });
  });

  it("given a wrong, missing or unconfigured secret, or a forged X-Forwarded-For, then only API Gateway's source address counts", () => {
    const forged = { 'x-parley-viewer-ip': '203.0.113.7', 'x-forwarded-for': '198.51.100.1' };
    expect(clientInfo(request({ ...forged, 'x-parley-origin-verify': 'guess' }), 's3cret').ipAddress).toBe(
      '130.176.0.9',
    );
    expect(clientInfo(request(forged), 's3cret').ipAddress).toBe('130.176.0.9');
    expect(clientInfo(request({ ...forged, 'x-parley-origin-verify': 's3cret' }), undefined).ipAddress).toBe(
      '130.176.0.9',
    );
  });
});

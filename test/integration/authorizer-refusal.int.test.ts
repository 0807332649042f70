import { describe, expect, inject, it } from 'vitest';
import { registerUser } from '../support/users.ts';

// What a refused token looks like to the web client on every service: API Gateway's own 403
// `{"message":"Forbidden"}` (HTTP APIs have no gateway responses to reshape it), which the client
// recognises as "renew the token, then sign out if that fails" (clients/web/src/lib/api-client.ts).
const { url } = inject('devstack');
const ROUTES = [
  '/api/identity/me',
  '/api/messaging/conversations',
  '/api/notifications/preferences',
  '/api/numbers/numbers/countries',
  '/api/calling/calls',
];

describe('a refused token', () => {
  it('given a forged or expired-looking token, when any service is called, then 403 with the gateway’s body, never the API’s error shape', async () => {
    const user = await registerUser(url);
    const [header, payload] = user.tokens.accessToken.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(86)}`;
    for (const route of ROUTES) {
      const res = await fetch(`${url}${route}`, { headers: { authorization: `Bearer ${forged}` } });
      const body = await res.json();
      expect([route, res.status, body]).toEqual([route, 403, { message: 'Forbidden' }]);
    }
  });
});

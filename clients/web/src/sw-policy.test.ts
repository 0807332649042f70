import { describe, expect, it } from 'vitest';
import { classify, dataCacheKey, dataCacheName, fallbackUser, mayStore, userOfAuthorization } from './sw-policy.ts';

const origin = 'https://parley.example';

/** An unsigned JWT with these claims (the worker never checks signatures: it only picks a cache). */
function jwt(claims: Record<string, unknown>): string {
  const part = (o: unknown) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${part({ alg: 'EdDSA' })}.${part(claims)}.sig`;
}

describe('what the service worker caches', () => {
  it.each([
    [{ method: 'GET', url: `${origin}/`, mode: 'navigate' }, 'navigation'],
    [{ method: 'GET', url: `${origin}/chats/c1`, mode: 'navigate' }, 'navigation'],
    [{ method: 'GET', url: `${origin}/assets/index-1a2b.js` }, 'asset'],
    [{ method: 'GET', url: `${origin}/assets/index-1a2b.js.map` }, 'network'],
    [{ method: 'GET', url: `${origin}/manifest.webmanifest` }, 'shell-file'],
    [{ method: 'GET', url: `${origin}/theme-init.js` }, 'shell-file'],
    [{ method: 'GET', url: `${origin}/api/messaging/conversations` }, 'api-offline'],
    [{ method: 'GET', url: `${origin}/api/messaging/conversations/c1/messages?limit=50` }, 'api-offline'],
    [{ method: 'GET', url: `${origin}/api/identity/users/u1` }, 'api-offline'],
    [{ method: 'POST', url: `${origin}/api/messaging/conversations/c1/messages` }, 'network'],
    [{ method: 'GET', url: `${origin}/api/calling/calls` }, 'network'],
    [{ method: 'GET', url: `${origin}/api/identity/sessions` }, 'network'],
    [{ method: 'GET', url: 'https://bucket.s3.amazonaws.com/a.png' }, 'network'],
    [{ method: 'GET', url: `${origin}/api/messaging/conversations`, mode: 'navigate' }, 'network'],
  ])('given %o, then %s', (request, kind) => {
    expect(classify(request, origin)).toBe(kind);
  });

  it('reads the user from the bearer token, and nothing from a broken one', () => {
    expect(userOfAuthorization(`Bearer ${jwt({ sub: 'user-ada', sid: 's1' })}`)).toBe('user-ada');
    expect(userOfAuthorization(`bearer ${jwt({ sub: 'user-bob' })}`)).toBe('user-bob');
    expect(userOfAuthorization(`Bearer ${jwt({ sid: 's1' })}`)).toBeUndefined();
    expect(userOfAuthorization('Bearer not-a-jwt')).toBeUndefined();
    expect(userOfAuthorization(null)).toBeUndefined();
  });

  it("never stores one user's answer for another, nor an error", () => {
    expect(mayStore(200, 'ada', 'ada')).toBe(true);
    expect(mayStore(200, 'ada', 'bob')).toBe(false);
    expect(mayStore(200, 'ada', undefined)).toBe(false);
    expect(mayStore(200, undefined, 'ada')).toBe(false);
    expect(mayStore(401, 'ada', 'ada')).toBe(false);
    expect(mayStore(304, 'ada', 'ada')).toBe(false);
  });

  it("answers offline only from the signed-in user's cache", () => {
    // an offline reload has no access token yet: the page's signed-in user decides
    expect(fallbackUser(undefined, 'ada')).toBe('ada');
    expect(fallbackUser('ada', 'ada')).toBe('ada');
    // a token of someone else, or nobody signed in: nothing from any cache
    expect(fallbackUser('bob', 'ada')).toBeUndefined();
    expect(fallbackUser('ada', undefined)).toBeUndefined();
    expect(dataCacheName('ada')).not.toBe(dataCacheName('bob'));
  });

  it('keys an answer by path and query, not host or token', () => {
    expect(dataCacheKey(`${origin}/api/messaging/conversations/c1/messages?limit=50`)).toBe(
      '/api/messaging/conversations/c1/messages?limit=50',
    );
  });
});

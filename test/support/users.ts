import { randomBytes } from 'node:crypto';

/** What POST /api/identity/auth/register answers (the fields tests use). */
export interface RegisteredUser {
  user: { id: string; email: string; displayName: string; roles: string[]; [field: string]: unknown };
  tokens: { accessToken: string; refreshToken: string; expiresIn: number; sessionId: string; tokenType: 'Bearer' };
  email: string;
  password: string;
}

export interface RegisterOverrides {
  email?: string;
  password?: string;
  displayName?: string;
}

/**
 * Registers a fresh user through the real identity API of a running devstack (`baseUrl` is its
 * origin, e.g. `inject('devstack').url`) and returns the profile, tokens and credentials.
 * Emails are unique per call, so tests never collide. The first user of a fresh stack is admin.
 */
export async function registerUser(baseUrl: string, overrides: RegisterOverrides = {}): Promise<RegisteredUser> {
  const tag = randomBytes(6).toString('hex');
  const email = overrides.email ?? `user-${tag}@parley.test`;
  const password = overrides.password ?? `pw-${randomBytes(12).toString('base64url')}`;
  const displayName = overrides.displayName ?? `Test User ${tag}`;
  const res = await fetch(`${baseUrl.replace(/\/$/, '')}/api/identity/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, displayName }),
  });
  const body = (await res.json()) as Omit<RegisteredUser, 'email' | 'password'>;
  if (res.status !== 201) throw new Error(`register ${email} answered ${res.status}: ${JSON.stringify(body)}`);
  return { ...body, email, password };
}

/** `Authorization` header for a registered user. */
export function authHeader(user: Pick<RegisteredUser, 'tokens'>): { authorization: string } {
  return { authorization: `Bearer ${user.tokens.accessToken}` };
}

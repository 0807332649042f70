import type { ApiClient } from './api-client.ts';
import { type Profile, readProfile } from './model.ts';

/** What identity hands out on sign-in and renewal. */
export interface Tokens {
  accessToken: string;
  refreshToken: string;
  /** seconds */
  expiresIn: number;
}

/** A sign-in's answer; `user` is undefined when the server sent none the client can read. */
export interface SignedIn {
  user: Profile | undefined;
  tokens: Tokens;
}

/**
 * The identity routes behind the session (a port, like `messaging-api.ts`). They run on an API
 * client without a token source: the session store *is* the token source, so these requests
 * carry no token, or the one given, and never trigger a renewal.
 */
export interface AuthApi {
  register(input: { email: string; password: string; displayName: string }): Promise<SignedIn>;
  login(input: { email: string; password: string }): Promise<SignedIn>;
  refresh(refreshToken: string): Promise<Tokens>;
  /** ends the session of `refreshToken` on the server; `accessToken` authorises it when known */
  logout(refreshToken: string, accessToken?: string): Promise<void>;
  me(accessToken: string | undefined): Promise<Profile | undefined>;
}

export function authApi(api: ApiClient): AuthApi {
  const signIn = async (path: string, body: unknown): Promise<SignedIn> => {
    const answer = await api.request<{ user: unknown; tokens: Tokens }>('POST', path, { body, auth: false });
    return { user: readProfile(answer.user), tokens: answer.tokens };
  };
  return {
    register: (input) => signIn('/identity/auth/register', input),
    login: (input) => signIn('/identity/auth/login', input),
    async refresh(refreshToken) {
      const body = await api.request<{ tokens: Tokens }>('POST', '/identity/auth/refresh', {
        body: { refreshToken },
        auth: false,
      });
      return body.tokens;
    },
    async logout(refreshToken, accessToken) {
      await api.request('POST', '/identity/auth/logout', {
        body: { refreshToken },
        token: accessToken,
        auth: Boolean(accessToken),
      });
    },
    async me(accessToken) {
      return readProfile(await api.request<unknown>('GET', '/identity/me', { token: accessToken }));
    },
  };
}

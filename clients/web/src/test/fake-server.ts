import type { ServerFrame } from '@parley/realtime/frames';
import { FakeCalling } from './fake-calling.ts';
import { error, FakeWorld, json } from './fake-http.ts';
import { FakeMessaging, type StoredMessage } from './fake-messaging.ts';
import { FakeNumbers } from './fake-numbers.ts';
import { FakeUsage } from './fake-usage.ts';

/**
 * An in-memory Parley API behind a `fetch` function, for store and view tests: the HTTP routes the
 * client uses, with the documented shapes (messages by seq, idempotent clientMessageId, read
 * markers, refresh-token rotation). Each call is recorded so tests can assert on what was asked.
 * Its frames are built with `frames.ts`, so they match what the services send.
 */

export { eventFrame, typingFrame } from './frames.ts';

interface User {
  id: string;
  email: string;
  password: string;
  displayName: string;
  statusMessage?: string;
  locale?: string;
  timeZone?: string;
  mobileNumber?: string;
  /** `['admin', 'user']` for an admin; `['user']` when unset */
  roles?: string[];
  /** the public URL of their picture, when they set one */
  avatarUrl?: string;
}

interface StoredSession {
  sessionId: string;
  userId: string;
  userAgent: string;
  createdAt: string;
  lastUsedAt?: string;
}

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  user?: string;
}

export class FakeServer {
  readonly users = new Map<string, User>();
  readonly calls: Call[] = [];
  /** refresh token → user id; rotated on use */
  readonly refreshTokens = new Map<string, string>();
  /** sessions listed in Settings (added with `addSession`) */
  readonly sessions: StoredSession[] = [];
  /** SMS preferences per user id */
  readonly preferences = new Map<string, Record<string, unknown>>();
  /** the one-time code every verification "texts" */
  static readonly MOBILE_CODE = '246810';
  /** pending mobile verifications by user */
  private readonly mobileCodes = new Map<string, { mobileNumber: string; tries: number }>();
  /** the users GET /notifications/presence reports online (everyone else is offline) */
  readonly online = new Set<string>();
  /** set to make the next N requests fail at the network level */
  failNext = 0;
  private readonly world = new FakeWorld();
  /** the messaging routes; tests reach the text conversations (ADR 0028) through it */
  readonly messaging = new FakeMessaging(this.world);
  readonly conversations = this.messaging.conversations;
  /** the calling routes (calls, the log, answer races) */
  readonly calling = new FakeCalling(this.world, (id) => this.users.get(id)?.displayName);
  /** the numbers routes: countries, inventory, orders, assignments */
  readonly numbers = new FakeNumbers(this.world, (id) => this.users.get(id)?.displayName);
  /** the usage ledger's routes: my month, the organisation's (admins) */
  readonly usage = new FakeUsage();

  fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://parley.test');
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const auth = new Headers(init?.headers).get('authorization');
    const user = auth?.startsWith('Bearer at-') ? auth.slice('Bearer at-'.length).split('.')[0] : undefined;
    const path = url.pathname.replace(/^\/api/, '');
    this.calls.push({ method, path, query: url.searchParams, body, user });
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new TypeError('Failed to fetch');
    }
    return this.route(method, path, url.searchParams, body, user);
  };

  addUser(displayName: string, email = `${displayName.toLowerCase().replace(/\s+/g, '.')}@example.com`): User {
    const user = { id: `u${this.world.next()}`, email, password: 'correct horse', displayName };
    this.users.set(user.id, user);
    return user;
  }

  /** A session to list in Settings, as if signed in on that device. */
  addSession(userId: string, userAgent: string, sessionId = `s${this.world.next()}`): StoredSession {
    const session = { sessionId, userId, userAgent, createdAt: this.world.now() };
    this.sessions.push(session);
    return session;
  }

  /** A refresh token for a user, as if they had signed in before. */
  sessionFor(userId: string): string {
    const token = `rt-${userId}-${this.world.next()}`;
    this.refreshTokens.set(token, userId);
    return token;
  }

  addConversation(memberIds: string[], kind?: 'direct' | 'group') {
    return this.messaging.addConversation(memberIds, kind);
  }

  /** Stores a message as if POSTed; returns its REST shape (what a frame would announce). */
  post(conversationId: string, senderId: string, text: string, clientMessageId?: string) {
    return this.messaging.post(conversationId, senderId, text, clientMessageId);
  }

  /** The `messaging.MessageSent` frame for a stored message. */
  sentFrame(message: StoredMessage): ServerFrame {
    return this.messaging.sentFrame(message);
  }

  /** Sessions, SMS preferences and profile edits (the settings screen). */
  // biome-ignore lint/suspicious/noExplicitAny: a test double reads whatever JSON the client sent
  private settingsRoute(method: string, path: string, body: any, user: User): Response | undefined {
    if (method === 'PATCH' && path === '/identity/me') {
      if (body.mobileNumber !== undefined && !/^\+[1-9]\d{6,14}$/.test(body.mobileNumber)) {
        const details = [{ path: ['mobileNumber'], message: 'must be an E.164 phone number' }];
        return json(400, { error: { code: 'validation_failed', message: 'Invalid request', details } });
      }
      Object.assign(user, body);
      return this.route('GET', '/identity/me', new URLSearchParams(), undefined, user.id);
    }
    if (method === 'POST' && path === '/identity/me/mobile/verification') {
      this.mobileCodes.set(user.id, { mobileNumber: body.mobileNumber, tries: 0 });
      return json(202, { status: 'sent' });
    }
    if (method === 'POST' && path === '/identity/me/mobile/verification/confirm') {
      const pending = this.mobileCodes.get(user.id);
      if (!pending) return error(400, 'verification_code_invalid', 'The code is not correct');
      pending.tries += 1;
      if (pending.tries > 5) return error(429, 'verification_attempts_exhausted', 'Too many wrong codes');
      if (body.code !== FakeServer.MOBILE_CODE)
        return error(400, 'verification_code_invalid', 'The code is not correct');
      Object.assign(user, { mobileNumber: pending.mobileNumber, mobileVerified: true });
      this.mobileCodes.delete(user.id);
      return json(200, { mobileNumber: pending.mobileNumber, mobileVerified: true });
    }
    if (method === 'GET' && path === '/identity/sessions') {
      return json(200, { items: this.sessions.filter((s) => s.userId === user.id) });
    }
    const revoke = /^\/identity\/sessions\/([^/]+)$/.exec(path);
    if (method === 'DELETE' && revoke) {
      const at = this.sessions.findIndex((s) => s.userId === user.id && s.sessionId === revoke[1]);
      if (at < 0) return error(404, 'session_not_found', 'No such session');
      this.sessions.splice(at, 1);
      return json(204);
    }
    if (path === '/notifications/preferences') {
      if (method === 'PUT') this.preferences.set(user.id, body);
      if (method === 'GET' || method === 'PUT') return json(200, this.preferences.get(user.id) ?? {});
    }
    return undefined;
  }

  private tokens(userId: string) {
    const refreshToken = this.sessionFor(userId);
    return { accessToken: `at-${userId}.${this.world.next()}`, refreshToken, expiresIn: 900 };
  }

  // biome-ignore lint/suspicious/noExplicitAny: a test double reads whatever JSON the client sent
  private route(method: string, path: string, q: URLSearchParams, body: any, me?: string): Response {
    const profile = (u: User) => {
      const { password: _secret, ...visible } = u;
      return { ...visible, roles: u.roles ?? ['user'] };
    };
    if (method === 'POST' && path === '/identity/auth/register') {
      if ([...this.users.values()].some((u) => u.email === body.email))
        return error(409, 'email_taken', 'Email exists');
      if (!body.password || body.password.length < 8) {
        return json(400, {
          error: {
            code: 'validation_failed',
            message: 'Invalid request',
            details: [{ path: ['password'], message: 'Too short: at least 8 characters' }],
          },
        });
      }
      const user = { ...this.addUser(body.displayName, body.email), password: body.password };
      this.users.set(user.id, user);
      return json(201, { user: profile(user), tokens: this.tokens(user.id) });
    }
    if (method === 'POST' && path === '/identity/auth/login') {
      const user = [...this.users.values()].find((u) => u.email === body.email && u.password === body.password);
      if (!user) return error(401, 'invalid_credentials', 'Wrong email or password');
      return json(200, { user: profile(user), tokens: this.tokens(user.id) });
    }
    if (method === 'POST' && path === '/identity/auth/refresh') {
      const userId = this.refreshTokens.get(body.refreshToken);
      if (!userId) return error(401, 'invalid_refresh_token', 'Refresh token is not valid');
      this.refreshTokens.delete(body.refreshToken);
      return json(200, { tokens: this.tokens(userId) });
    }
    if (method === 'POST' && path === '/identity/auth/logout') {
      this.refreshTokens.delete(body.refreshToken);
      return json(204);
    }
    if (!me || !this.users.has(me)) return error(401, 'unauthorized', 'Unauthorized');
    const user = this.users.get(me) as User;
    if (method === 'GET' && path === '/identity/me') return json(200, profile(user));
    const settings = this.settingsRoute(method, path, body, user);
    if (settings) return settings;
    const numbers = this.numbers.route(method, path, q, body, user);
    if (numbers) return numbers;
    const usage = this.usage.route(method, path, q, user);
    if (usage) return usage;
    const userMatch = /^\/identity\/users\/([^/]+)$/.exec(path);
    if (method === 'GET' && userMatch) {
      const found = this.users.get(decodeURIComponent(userMatch[1] ?? ''));
      return found
        ? json(200, { id: found.id, displayName: found.displayName, avatarUrl: found.avatarUrl })
        : error(404, 'user_not_found', 'No such user');
    }
    if (method === 'GET' && path === '/identity/users') {
      const term = (q.get('q') ?? '').toLowerCase();
      const items = [...this.users.values()].filter((u) => u.displayName.toLowerCase().includes(term));
      return json(200, { items: items.map((u) => ({ id: u.id, displayName: u.displayName })) });
    }
    if (method === 'GET' && path === '/identity/contacts') return json(200, { items: [] });
    if (method === 'GET' && path === '/notifications/presence') {
      const ids = (q.get('userIds') ?? '').split(',').filter(Boolean);
      return json(200, {
        items: ids.map((userId) => ({
          userId,
          status: this.online.has(userId) ? 'online' : 'offline',
          lastSeenAt: '2026-11-20T08:00:00.000Z',
        })),
      });
    }
    const calling = this.calling.route(method, path, q, body, me);
    if (calling) return calling;
    const messaging = this.messaging.route(method, path, q, body, me);
    if (messaging) return messaging;
    return error(404, 'not_found', `${method} ${path}`);
  }
}

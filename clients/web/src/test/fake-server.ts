/**
 * An in-memory Parley API behind a `fetch` function, for store and view tests: the routes of API.md
 * the client uses, with the documented shapes (messages by seq, idempotent clientMessageId, read
 * markers, refresh-token rotation). Each call is recorded so tests can assert on what was asked.
 */

interface User {
  id: string;
  email: string;
  password: string;
  displayName: string;
}

interface StoredMessage {
  id: string;
  seq: number;
  conversationId: string;
  senderId: string;
  clientMessageId: string;
  text: string | null;
  sentAt: string;
  attachments: unknown[];
  reactions: { emoji: string; userIds: string[] }[];
  editedAt?: string;
  deleted: boolean;
}

interface StoredConversation {
  id: string;
  kind: 'direct' | 'group';
  title?: string;
  memberIds: string[];
  messages: StoredMessage[];
  reads: Map<string, number>;
}

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  user?: string;
}

const json = (status: number, body?: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
const error = (status: number, code: string, message: string) => json(status, { error: { code, message } });

export class FakeServer {
  readonly users = new Map<string, User>();
  readonly conversations = new Map<string, StoredConversation>();
  readonly calls: Call[] = [];
  /** refresh token → user id; rotated on use */
  readonly refreshTokens = new Map<string, string>();
  /** set to make the next N requests fail at the network level */
  failNext = 0;
  private counter = 0;
  private clock = Date.parse('2026-11-20T09:00:00Z');

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
    const user = { id: `u${++this.counter}`, email, password: 'correct horse', displayName };
    this.users.set(user.id, user);
    return user;
  }

  /** A refresh token for a user, as if they had signed in before. */
  sessionFor(userId: string): string {
    const token = `rt-${userId}-${++this.counter}`;
    this.refreshTokens.set(token, userId);
    return token;
  }

  addConversation(memberIds: string[], kind: 'direct' | 'group' = memberIds.length > 2 ? 'group' : 'direct') {
    const conversation: StoredConversation = {
      id: `c${++this.counter}`,
      kind,
      memberIds,
      messages: [],
      reads: new Map(),
    };
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  /** Stores a message as if POSTed; returns its REST shape (what a frame would announce). */
  post(conversationId: string, senderId: string, text: string, clientMessageId = `cm${++this.counter}`) {
    const c = this.conversations.get(conversationId);
    if (!c) throw new Error(`no conversation ${conversationId}`);
    const existing = c.messages.find((m) => m.senderId === senderId && m.clientMessageId === clientMessageId);
    if (existing) return { message: existing, created: false };
    this.clock += 1000;
    const seq = (c.messages[c.messages.length - 1]?.seq ?? 0) + 1;
    const message: StoredMessage = {
      id: `m${seq}_${conversationId}`,
      seq,
      conversationId,
      senderId,
      clientMessageId,
      text,
      sentAt: new Date(this.clock).toISOString(),
      attachments: [],
      reactions: [],
      deleted: false,
    };
    c.messages.push(message);
    c.reads.set(senderId, seq);
    return { message, created: true };
  }

  /** The `messaging.MessageSent` frame for a stored message. */
  sentFrame(message: StoredMessage) {
    return {
      id: `evt-${message.id}`,
      type: 'messaging.MessageSent',
      v: 1,
      at: message.sentAt,
      data: {
        conversationId: message.conversationId,
        messageId: message.id,
        seq: message.seq,
        senderId: message.senderId,
        clientMessageId: message.clientMessageId,
        sentAt: message.sentAt,
        preview: (message.text ?? '').slice(0, 140),
        text: message.text ?? undefined,
        truncated: false,
        attachments: [],
      },
    };
  }

  private view(c: StoredConversation, me: string, markers = false) {
    const last = c.messages[c.messages.length - 1];
    const mine = c.reads.get(me) ?? 0;
    return {
      id: c.id,
      kind: c.kind,
      ...(c.title ? { title: c.title } : {}),
      members: c.memberIds.map((userId) => ({ userId, ...(markers ? { lastReadSeq: c.reads.get(userId) ?? 0 } : {}) })),
      ...(last
        ? {
            lastMessage: {
              messageId: last.id,
              seq: last.seq,
              senderId: last.senderId,
              preview: last.text ?? '',
              sentAt: last.sentAt,
              deleted: last.deleted,
            },
          }
        : {}),
      lastSeq: last?.seq ?? 0,
      lastActivityAt: last?.sentAt ?? '2026-11-20T08:00:00.000Z',
      lastReadSeq: mine,
      unreadCount: c.messages.filter((m) => m.seq > mine && m.senderId !== me).length,
    };
  }

  private messageView(m: StoredMessage) {
    return {
      ...m,
      reactions: m.reactions.map((r) => ({ emoji: r.emoji, count: r.userIds.length, userIds: r.userIds })),
    };
  }

  private tokens(userId: string) {
    const refreshToken = this.sessionFor(userId);
    return { accessToken: `at-${userId}.${++this.counter}`, refreshToken, expiresIn: 900 };
  }

  // biome-ignore lint/suspicious/noExplicitAny: a test double reads whatever JSON the client sent
  private route(method: string, path: string, q: URLSearchParams, body: any, me?: string): Response {
    const profile = (u: User) => ({ id: u.id, displayName: u.displayName, email: u.email, roles: ['user'] });
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
    const userMatch = /^\/identity\/users\/([^/]+)$/.exec(path);
    if (method === 'GET' && userMatch) {
      const found = this.users.get(decodeURIComponent(userMatch[1] ?? ''));
      return found
        ? json(200, { id: found.id, displayName: found.displayName })
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
        items: ids.map((userId) => ({ userId, status: 'offline', lastSeenAt: '2026-11-20T08:00:00.000Z' })),
      });
    }
    if (method === 'GET' && path === '/messaging/conversations') {
      const mine = [...this.conversations.values()].filter((c) => c.memberIds.includes(me));
      return json(200, { items: mine.map((c) => this.view(c, me)) });
    }
    const conv = /^\/messaging\/conversations\/([^/]+)(\/.*)?$/.exec(path);
    const c = conv ? this.conversations.get(decodeURIComponent(conv[1] ?? '')) : undefined;
    if (conv && !c?.memberIds.includes(me)) return error(404, 'conversation_not_found', 'No such conversation');
    if (c) {
      const rest = conv?.[2] ?? '';
      if (method === 'GET' && rest === '') return json(200, this.view(c, me, true));
      if (method === 'GET' && rest === '/messages') {
        const limit = Number(q.get('limit') ?? 50);
        const after = q.has('afterSeq') ? Number(q.get('afterSeq')) : undefined;
        const before = q.has('beforeSeq') ? Number(q.get('beforeSeq')) : undefined;
        let list = c.messages.filter(
          (m) => (after === undefined || m.seq > after) && (before === undefined || m.seq < before),
        );
        const hasMore = list.length > limit;
        list = after !== undefined ? list.slice(0, limit) : list.slice(-limit);
        return json(200, { items: list.map((m) => this.messageView(m)), hasMore });
      }
      if (method === 'POST' && rest === '/messages') {
        const { message, created } = this.post(c.id, me, body.text ?? '', body.clientMessageId);
        return json(created ? 201 : 200, { message: this.messageView(message) });
      }
      if (method === 'POST' && rest === '/read') {
        c.reads.set(me, Math.max(c.reads.get(me) ?? 0, body.seq));
        return json(204);
      }
      const own = /^\/messages\/([^/]+)$/.exec(rest);
      const target = own ? c.messages.find((x) => x.id === own[1]) : undefined;
      if (own && (!target || target.senderId !== me))
        return error(404, 'message_not_found', 'No such message of yours');
      if (target && method === 'PATCH') {
        target.text = body.text;
        target.editedAt = new Date(this.clock).toISOString();
        return json(200, { message: this.messageView(target) });
      }
      if (target && method === 'DELETE') {
        Object.assign(target, { text: null, deleted: true, attachments: [], reactions: [] });
        return json(204);
      }
      const reaction = /^\/messages\/([^/]+)\/reactions\/(.+)$/.exec(rest);
      if (reaction) {
        const m = c.messages.find((x) => x.id === reaction[1]);
        const emoji = decodeURIComponent(reaction[2] ?? '');
        if (!m) return error(404, 'message_not_found', 'No such message');
        const entry = m.reactions.find((r) => r.emoji === emoji) ?? { emoji, userIds: [] };
        if (!m.reactions.includes(entry)) m.reactions.push(entry);
        entry.userIds = method === 'PUT' ? [...new Set([...entry.userIds, me])] : entry.userIds.filter((u) => u !== me);
        return json(204);
      }
    }
    if (method === 'POST' && path === '/messaging/conversations') {
      const created = this.addConversation([me, ...body.memberIds]);
      return json(201, { conversation: this.view(created, me) });
    }
    return error(404, 'not_found', `${method} ${path}`);
  }
}

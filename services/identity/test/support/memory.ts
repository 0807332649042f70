import { exportJWK, generateKeyPair } from 'jose';
import { joseTokenSigner } from '../../src/adapters/jose-token-signer.ts';
import { scryptCodeHasher } from '../../src/adapters/scrypt-code-hasher.ts';
import { scryptPasswordHasher } from '../../src/adapters/scrypt-password-hasher.ts';
import type { SigningKeySet } from '../../src/adapters/signing-keys.ts';
import { directoryTerms, isFirstMatch } from '../../src/domain/directory.ts';
import type { EmailToken, EmailTokenStore, Mailer } from '../../src/domain/email-tokens.ts';
import type { MobileVerification, MobileVerificationStore } from '../../src/domain/mobile-verification.ts';
import type { Block, Contact, RefreshTokenRecord, Session, User } from '../../src/domain/model.ts';
import type {
  AvatarStorage,
  BlockRepository,
  Clock,
  ContactRepository,
  PendingDomainEvent,
  SessionRepository,
  ThrottleStore,
  UserRepository,
} from '../../src/domain/ports.ts';

/** In-memory adapters for unit tests of the use cases: same contracts as the electrodb ones. */

export function memoryUsers(): UserRepository & { all(): User[]; plantEntry(term: string, userId: string): void } {
  const users = new Map<string, User>();
  /** directory entries stored by older code (e.g. by email), as the table may still hold them */
  const planted: { term: string; userId: string }[] = [];
  let first: string | undefined;
  const entries = () =>
    [...[...users.values()].flatMap((u) => directoryTerms(u).map((term) => ({ term, userId: u.id }))), ...planted].sort(
      (a, b) => `${a.term}#${a.userId}`.localeCompare(`${b.term}#${b.userId}`),
    );
  const repo: UserRepository & { all(): User[]; plantEntry(term: string, userId: string): void } = {
    all: () => [...users.values()],
    plantEntry: (term, userId) => planted.push({ term, userId }),
    async create(user, { claimFirstUser }) {
      if ([...users.values()].some((u) => u.email === user.email)) return 'email-taken';
      if (claimFirstUser && first) return 'not-first';
      if (claimFirstUser) first = user.id;
      first ??= user.id;
      users.set(user.id, structuredClone(user));
      return 'created';
    },
    anyUserExists: async () => first !== undefined,
    get: async (id) => structuredClone(users.get(id)),
    getMany: async (ids) => ids.map((id) => users.get(id)).filter((u): u is User => u !== undefined),
    findByEmail: async (email) => structuredClone([...users.values()].find((u) => u.email === email)),
    async save(user) {
      users.set(user.id, structuredClone(user));
    },
    async search(prefix, page) {
      const matching = entries().filter((e) => e.term.startsWith(prefix));
      const start = page.cursor ? Number(page.cursor) : 0;
      const slice = matching.slice(start, start + page.limit);
      // like the table's adapter: each entry judged by the user's terms as they are now
      const found = slice.flatMap((e) => {
        const user = users.get(e.userId);
        return user && isFirstMatch(directoryTerms(user), e.term, prefix) ? [user] : [];
      });
      const end = start + slice.length;
      return { users: found, ...(end < matching.length ? { cursor: String(end) } : {}) };
    },
  };
  return repo;
}

export function memorySessions(): SessionRepository & { tokens: Map<string, RefreshTokenRecord> } {
  const sessions = new Map<string, Session>();
  const tokens = new Map<string, RefreshTokenRecord>();
  return {
    tokens,
    async create(session, token) {
      sessions.set(session.id, { ...session });
      tokens.set(token.hash, { ...token });
    },
    get: async (id) => (sessions.has(id) ? { ...(sessions.get(id) as Session) } : undefined),
    listForUser: async (userId) => [...sessions.values()].filter((s) => s.userId === userId),
    findToken: async (hash) => (tokens.has(hash) ? { ...(tokens.get(hash) as RefreshTokenRecord) } : undefined),
    async rotate(oldHash, next, { usedAt, unused }) {
      const old = tokens.get(oldHash);
      const session = sessions.get(next.sessionId);
      if (old?.status !== 'active' || !session || session.revokedAt) return false;
      old.status = 'rotated';
      old.successorHash = next.hash;
      old.retiredUnused = unused;
      tokens.set(next.hash, { ...next });
      session.lastUsedAt = usedAt;
      return true;
    },
    async revoke(id, reason, at) {
      const session = sessions.get(id);
      if (!session || session.revokedAt) return false;
      session.revokedAt = at;
      session.revokeReason = reason;
      return true;
    },
  };
}

export function memoryContacts(): ContactRepository {
  const contacts: Contact[] = [];
  return {
    async add(contact) {
      if (contacts.some((c) => c.userId === contact.userId && c.contactId === contact.contactId)) return false;
      contacts.push({ ...contact });
      return true;
    },
    async remove(userId, contactId) {
      const i = contacts.findIndex((c) => c.userId === userId && c.contactId === contactId);
      if (i < 0) return false;
      contacts.splice(i, 1);
      return true;
    },
    list: async (userId) => contacts.filter((c) => c.userId === userId),
  };
}

export function memoryThrottle(): ThrottleStore & { keys(): string[] } {
  const counters = new Map<string, { count: number; lastAt?: number }>();
  return {
    keys: () => [...counters.keys()],
    get: async (key, windowStart) => ({ ...(counters.get(`${key}@${windowStart}`) ?? { count: 0 }) }),
    async hit(key, windowStart, at) {
      const next = { count: (counters.get(`${key}@${windowStart}`)?.count ?? 0) + 1, lastAt: at };
      counters.set(`${key}@${windowStart}`, next);
      return next.count;
    },
    async clear(key, windowStart) {
      counters.delete(`${key}@${windowStart}`);
    },
  };
}

/** Avatar storage whose "uploaded" objects the test puts in directly. */
export function memoryAvatars(): AvatarStorage & { objects: Map<string, { contentType: string; size: number }> } {
  const objects = new Map<string, { contentType: string; size: number }>();
  return {
    objects,
    presignUpload: async ({ key }) => ({ url: `https://avatars.test/${key}?signature=x`, expiresIn: 600 }),
    describe: async (key) => objects.get(key),
    downloadUrl: async (key) => `https://avatars.test/${key}?get`,
  };
}

export function recordedEvents() {
  const published: PendingDomainEvent[] = [];
  return {
    published,
    async publishAll(events: readonly PendingDomainEvent[]) {
      published.push(...events);
    },
    ofType: (detailType: string) => published.filter((e) => e.event.detailType === detailType),
  };
}

export function memoryVerifications(): MobileVerificationStore & { items: Map<string, MobileVerification> } {
  const items = new Map<string, MobileVerification>();
  return {
    items,
    async get(userId) {
      const v = items.get(userId);
      return v ? { ...v } : undefined;
    },
    async put(v) {
      items.set(v.userId, { ...v });
    },
    async countAttempt(userId, codeHash, max) {
      const v = items.get(userId);
      if (!v || v.codeHash !== codeHash || v.attempts >= max) return false;
      v.attempts += 1;
      return true;
    },
    async delete(userId) {
      items.delete(userId);
    },
  };
}

export function fixedClock(start = new Date().toISOString()): Clock & { advance(seconds: number): void } {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    advance(seconds) {
      now = new Date(now.getTime() + seconds * 1000);
    },
  };
}

export async function testKeySet(): Promise<SigningKeySet> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return {
    activeKid: 'test-1',
    keys: [
      {
        kid: 'test-1',
        privateJwk: await exportJWK(privateKey),
        publicJwk: await exportJWK(publicKey),
        createdAt: new Date().toISOString(),
      },
    ],
  };
}

export const TEST_ISSUER = 'https://parley.test/identity';

/** Every dependency of every use case, in memory (scrypt with a test-only cheap cost). */
export async function testDeps(options: { adminEmails?: string[] } = {}) {
  const clock = fixedClock();
  const keys = await testKeySet();
  const signer = joseTokenSigner({ keys: async () => keys, issuer: TEST_ISSUER, audience: 'parley', clock });
  return {
    users: memoryUsers(),
    sessions: memorySessions(),
    contacts: memoryContacts(),
    blocks: memoryBlocks(),
    throttle: memoryThrottle(),
    avatars: memoryAvatars(),
    events: recordedEvents(),
    passwords: scryptPasswordHasher({ testOnlyLog2N: 10 }),
    verifications: memoryVerifications(),
    codes: scryptCodeHasher(),
    emailTokens: memoryEmailTokens(),
    mailer: recordedMailer(),
    publicOrigin: TEST_PUBLIC_ORIGIN,
    signer,
    clock,
    keys,
    adminEmails: options.adminEmails ?? [],
  };
}

function memoryBlocks(): BlockRepository {
  const blocks: Block[] = [];
  return {
    async add(block) {
      if (blocks.some((b) => b.userId === block.userId && b.blockedId === block.blockedId)) return false;
      blocks.push({ ...block });
      return true;
    },
    async remove(userId, blockedId) {
      const i = blocks.findIndex((b) => b.userId === userId && b.blockedId === blockedId);
      if (i < 0) return false;
      blocks.splice(i, 1);
      return true;
    },
    list: async (userId) => blocks.filter((b) => b.userId === userId),
  };
}

export const TEST_PUBLIC_ORIGIN = 'https://app.test.example';

/** Mailed-link tokens in memory (by hash), with the same one-use contract as the table's. */
export function memoryEmailTokens(): EmailTokenStore & { all(): EmailToken[] } {
  const tokens = new Map<string, EmailToken>();
  return {
    all: () => [...tokens.values()].map((t) => ({ ...t })),
    async put(token) {
      if (tokens.has(token.hash)) throw new Error('token hash collision');
      tokens.set(token.hash, { ...token });
    },
    get: async (hash) => (tokens.has(hash) ? { ...(tokens.get(hash) as EmailToken) } : undefined),
    async markUsed(hash, at) {
      const t = tokens.get(hash);
      if (!t || t.usedAt) return false;
      t.usedAt = at;
      return true;
    },
  };
}

/** A mailer that keeps what it was asked to send, newest last; `failNext` makes the next send throw. */
export function recordedMailer(): Mailer & {
  sent: { to: string; subject: string; text: string; html?: string }[];
  failNext(): void;
} {
  const sent: { to: string; subject: string; text: string; html?: string }[] = [];
  let fail = false;
  return {
    sent,
    failNext: () => {
      fail = true;
    },
    async send(mail) {
      if (fail) {
        fail = false;
        throw new Error('SES is down');
      }
      sent.push({ ...mail });
    },
  };
}

/** The token in the last link mailed to `to` (`#/reset?token=…` or `#/verify?token=…`). */
export function tokenMailedTo(mailer: { sent: { to: string; text: string }[] }, to: string): string {
  const mail = [...mailer.sent].reverse().find((m) => m.to === to);
  const token = mail && /[?&]token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
  if (!token) throw new Error(`no link mailed to ${to}`);
  return token;
}

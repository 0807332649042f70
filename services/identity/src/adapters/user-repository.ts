import { directoryTerms, isFirstMatch, legacyEmailTerm } from '../domain/directory.ts';
import { InvalidCursor } from '../domain/errors.ts';
import type { Role, User } from '../domain/model.ts';
import type { UserRepository } from '../domain/ports.ts';
import type { IdentityDb, UserItem } from './table.ts';

const FIRST_USER = 'first-user';
const shardOf = (term: string) => Array.from(term)[0] ?? '_';

function toUser(item: UserItem): User {
  const {
    userId,
    roles,
    statusMessage,
    locale,
    timeZone,
    mobileNumber,
    mobileVerified,
    avatarKey,
    emailVerified,
    ...rest
  } = item;
  return {
    id: userId,
    ...rest,
    roles: roles as Role[],
    ...(statusMessage ? { statusMessage } : {}),
    ...(locale ? { locale } : {}),
    ...(timeZone ? { timeZone } : {}),
    ...(mobileNumber ? { mobileNumber } : {}),
    ...(mobileVerified ? { mobileVerified } : {}),
    ...(avatarKey ? { avatarKey } : {}),
    ...(emailVerified ? { emailVerified } : {}),
  };
}

function toItem(user: User): UserItem {
  const { id, ...rest } = user;
  return { userId: id, ...rest };
}

function entries(user: Pick<User, 'id' | 'displayName'>) {
  const terms = directoryTerms(user);
  return terms.map((term) => ({ shard: shardOf(term), term, userId: user.id, terms }));
}

/** What a save removes: the previous name's terms that are gone, and any entry by email from before email terms were dropped. */
function staleEntries(previous: User, nextTerms: ReadonlySet<string>) {
  const legacy = legacyEmailTerm(previous);
  const old = [...entries(previous), { shard: shardOf(legacy), term: legacy, userId: previous.id }];
  const unique = new Map(old.map((e) => [e.term, e]));
  return [...unique.values()].filter((e) => !nextTerms.has(e.term));
}

/** Cursors are electrodb's (base64url of the last key); refuse any that do not belong to this search. */
function checkedCursor(cursor: string | undefined, prefix: string): string | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    const keys = Object.keys(key).sort().join(',');
    if (keys === 'pk,sk' && key.pk === `dir#${shardOf(prefix)}` && String(key.sk).startsWith(prefix)) return cursor;
  } catch {
    // not base64 JSON
  }
  throw new InvalidCursor();
}

/** UserRepository on the identity table (electrodb). */
export function electroUserRepository(db: IdentityDb): UserRepository {
  const { user: users, email: emails } = db.entities;
  return {
    async create(user, { claimFirstUser }) {
      const result = await db.transaction
        .write(({ user: u, email, marker, directoryEntry }) => [
          u.create(toItem(user)).commit(),
          email.create({ email: user.email, userId: user.id }).commit(),
          ...entries(user).map((e) => directoryEntry.put(e).commit()),
          ...(claimFirstUser
            ? [marker.create({ name: FIRST_USER, userId: user.id, at: user.createdAt }).commit()]
            : []),
        ])
        .go();
      if (!result.canceled) return 'created';
      const codes = result.data.map((d) => d.code);
      if (codes[1] === 'ConditionalCheckFailed') return 'email-taken';
      if (claimFirstUser && codes[codes.length - 1] === 'ConditionalCheckFailed') return 'not-first';
      throw new Error(`user transaction canceled: ${codes.join(',')}`);
    },
    async anyUserExists() {
      const { data } = await db.entities.marker.get({ name: FIRST_USER }).go();
      return data !== null;
    },
    async get(userId) {
      const { data } = await users.get({ userId }).go();
      return data ? toUser(data) : undefined;
    },
    async getMany(userIds) {
      const unique = [...new Set(userIds)];
      if (unique.length === 0) return [];
      const { data } = await users.get(unique.map((userId) => ({ userId }))).go({ concurrency: 4 });
      const byId = new Map(data.map((item) => [item.userId, toUser(item)]));
      return unique.map((id) => byId.get(id)).filter((u): u is User => u !== undefined);
    },
    async findByEmail(email) {
      const { data } = await emails.get({ email }).go();
      if (!data) return undefined;
      const { data: item } = await users.get({ userId: data.userId }).go();
      return item ? toUser(item) : undefined;
    },
    async save(user, previous) {
      const next = entries(user);
      const nextKeys = new Set(next.map((e) => e.term));
      const stale = staleEntries(previous, nextKeys);
      const result = await db.transaction
        .write(({ user: u, directoryEntry }) => [
          u.put(toItem(user)).commit(),
          ...stale.map((e) => directoryEntry.delete({ shard: e.shard, term: e.term, userId: e.userId }).commit()),
          ...next.map((e) => directoryEntry.put(e).commit()),
        ])
        .go();
      if (result.canceled) throw new Error(`profile transaction canceled: ${result.data.map((d) => d.code).join(',')}`);
    },
    async search(prefix, page) {
      const cursor = checkedCursor(page.cursor, prefix);
      const query = db.entities.directoryEntry.query.byTerm({ shard: shardOf(prefix) }).begins({ term: prefix });
      const { data, cursor: next } = await query.go({ limit: page.limit, ...(cursor ? { cursor } : {}) });
      // Judge each entry by the user's terms as they are now, not as stored: an entry by email (written
      // before email terms were dropped) or by a former name never reports anyone.
      const found = new Map((await this.getMany(data.map((e) => e.userId))).map((u) => [u.id, u]));
      const users = data.flatMap((e) => {
        const user = found.get(e.userId);
        return user && isFirstMatch(directoryTerms(user), e.term, prefix) ? [user] : [];
      });
      return { users, ...(next ? { cursor: next } : {}) };
    },
  };
}

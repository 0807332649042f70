import type { RefreshTokenRecord, RevokeReason, Session } from '../domain/model.ts';
import type { SessionRepository } from '../domain/ports.ts';
import type { IdentityDb, SessionItem } from './table.ts';

/** Items outlive the session by a day so that a late reuse is still recognised, then TTL removes them. */
const ttlOf = (endsAt: string) => Math.floor(Date.parse(endsAt) / 1000) + 86_400;

function toSession(item: SessionItem): Session {
  const { sessionId, endsAt, ttl: _ttl, revokeReason, ...rest } = item;
  return {
    id: sessionId,
    expiresAt: endsAt,
    ...rest,
    ...(revokeReason ? { revokeReason: revokeReason as RevokeReason } : {}),
  };
}

function tokenItem(t: RefreshTokenRecord) {
  return {
    hash: t.hash,
    sessionId: t.sessionId,
    userId: t.userId,
    status: t.status,
    createdAt: t.createdAt,
    endsAt: t.expiresAt,
    ttl: ttlOf(t.expiresAt),
  };
}

/** SessionRepository on the identity table (electrodb). */
export function electroSessionRepository(db: IdentityDb): SessionRepository {
  const { session: sessions, refreshToken: tokens } = db.entities;
  return {
    async create(session, token) {
      const { id, expiresAt, revokeReason: _r, ...rest } = session;
      const result = await db.transaction
        .write(({ session: s, refreshToken: rt }) => [
          s.create({ sessionId: id, endsAt: expiresAt, ttl: ttlOf(expiresAt), ...rest }).commit(),
          rt.create(tokenItem(token)).commit(),
        ])
        .go();
      if (result.canceled) throw new Error(`session transaction canceled: ${result.data.map((d) => d.code).join(',')}`);
    },
    async get(sessionId) {
      const { data } = await sessions.get({ sessionId }).go();
      return data ? toSession(data) : undefined;
    },
    async listForUser(userId) {
      const { data } = await sessions.query.byUser({ userId }).go({ pages: 'all' });
      return data.map(toSession);
    },
    async findToken(hash) {
      const { data } = await tokens.get({ hash }).go();
      if (!data) return undefined;
      return {
        hash: data.hash,
        sessionId: data.sessionId,
        userId: data.userId,
        status: data.status,
        createdAt: data.createdAt,
        expiresAt: data.endsAt,
        ...(data.successorHash ? { successorHash: data.successorHash } : {}),
        ...(data.retiredUnused ? { retiredUnused: true } : {}),
      };
    },
    async rotate(oldHash, next, { usedAt, unused }) {
      const result = await db.transaction
        .write(({ session: s, refreshToken: rt }) => [
          rt
            .patch({ hash: oldHash })
            .set({ status: 'rotated', successorHash: next.hash, retiredUnused: unused })
            .where(({ status }, { eq }) => eq(status, 'active'))
            .commit(),
          rt.create(tokenItem(next)).commit(),
          s
            .patch({ sessionId: next.sessionId })
            .set({ lastUsedAt: usedAt })
            .where(({ revokedAt }, { notExists }) => notExists(revokedAt))
            .commit(),
        ])
        .go();
      return !result.canceled;
    },
    async revoke(sessionId, reason, at) {
      try {
        await sessions
          .patch({ sessionId })
          .set({ revokedAt: at, revokeReason: reason })
          .where(({ revokedAt }, { notExists }) => notExists(revokedAt))
          .go();
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },
  };
}

function isConditionFailure(err: unknown): boolean {
  const cause = (err as { cause?: { name?: string } }).cause;
  return cause?.name === 'ConditionalCheckFailedException' || (err as Error).name === 'ConditionalCheckFailedException';
}

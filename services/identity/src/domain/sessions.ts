import { SessionRevoked } from '@parley/events/identity';
import { InvalidRefreshToken, RefreshTokenReused, SessionNotFound } from './errors.ts';
import { type RefreshTokenRecord, RevokeReason, type Session, type Tokens, type User } from './model.ts';
import type { Clock, DomainEvents, SessionRepository, TokenSigner, UserRepository } from './ports.ts';
import { hashRefreshToken, newId, newRefreshToken } from './secrets.ts';

/** Absolute session lifetime (ASVS 7.3.2, 10.4.8): never extended by use. */
export const SESSION_LIFETIME_SECONDS = 30 * 24 * 3600;
/** Inactivity timeout (ASVS 7.3.1): a session unused this long cannot be refreshed. */
export const SESSION_IDLE_SECONDS = 14 * 24 * 3600;
/**
 * How long a just-rotated refresh token may be presented again while the newest token of its line is
 * still unused: the answer that carried the successor was lost (a reload or navigation cut the
 * request after the server had rotated). Such a retry is granted a new successor and the unused one
 * is retired, so a stolen copy used in this window still revokes the family at the owner's next
 * renewal.
 */
export const REFRESH_REUSE_GRACE_SECONDS = 30;

export interface SessionDeps {
  sessions: SessionRepository;
  users: UserRepository;
  signer: TokenSigner;
  events: DomainEvents;
  clock: Clock;
}

export interface ClientInfo {
  userAgent?: string;
  ipAddress?: string;
}

const plus = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1000).toISOString();

function tokenRecord(token: string, session: Session, createdAt: string): RefreshTokenRecord {
  return {
    hash: hashRefreshToken(token),
    sessionId: session.id,
    userId: session.userId,
    status: 'active',
    createdAt,
    expiresAt: session.expiresAt,
  };
}

async function tokensFor(signer: TokenSigner, user: User, session: Session, refreshToken: string): Promise<Tokens> {
  const { token, expiresIn } = await signer.sign({ userId: user.id, sessionId: session.id, roles: user.roles });
  return {
    accessToken: token,
    refreshToken,
    expiresIn,
    tokenType: 'Bearer',
    sessionId: session.id,
    refreshExpiresAt: session.expiresAt,
  };
}

/** Starts a new session (sign-in or registration): a new session id, a new refresh token family (ASVS 7.2.4). */
export async function startSession(
  deps: Pick<SessionDeps, 'sessions' | 'signer' | 'clock'>,
  user: User,
  client: ClientInfo,
): Promise<Tokens> {
  const now = deps.clock.now();
  const session: Session = {
    id: newId(),
    userId: user.id,
    createdAt: now.toISOString(),
    lastUsedAt: now.toISOString(),
    expiresAt: plus(now, SESSION_LIFETIME_SECONDS),
    ...(client.userAgent ? { userAgent: client.userAgent.slice(0, 256) } : {}),
    ...(client.ipAddress ? { ipAddress: client.ipAddress } : {}),
  };
  const refreshToken = newRefreshToken();
  await deps.sessions.create(session, tokenRecord(refreshToken, session, session.createdAt));
  return tokensFor(deps.signer, user, session, refreshToken);
}

/** true while a session may be used: not revoked, not past its absolute expiry, not idle too long. */
export function isLive(session: Session | undefined, now: Date): session is Session {
  if (!session || session.revokedAt) return false;
  if (Date.parse(session.expiresAt) <= now.getTime()) return false;
  return Date.parse(session.lastUsedAt) + SESSION_IDLE_SECONDS * 1000 > now.getTime();
}

async function endSession(
  deps: Pick<SessionDeps, 'sessions' | 'events' | 'clock'>,
  session: Session,
  reason: RevokeReason,
) {
  const revoked = await deps.sessions.revoke(session.id, reason, deps.clock.now().toISOString());
  if (!revoked) return;
  await deps.events.publishAll([
    {
      event: SessionRevoked,
      data: { userId: session.userId, sessionId: session.id, reason },
      options: { audience: [session.userId] },
    },
  ]);
}

/**
 * POST /auth/refresh: rotates the refresh token (ASVS 10.4.5). Presenting a token that was already
 * rotated revokes the whole session (its token family) and publishes identity.SessionRevoked, unless
 * it is a lost answer's retry within the grace period (`REFRESH_REUSE_GRACE_SECONDS`). Two requests
 * rotating the same token at the same moment (a page cut mid-renewal and its reload) are the same
 * case: the one that lost the write reads the token again and the same rules decide.
 */
export async function refresh(deps: SessionDeps, input: { refreshToken: string }): Promise<Tokens> {
  const hash = hashRefreshToken(input.refreshToken);
  for (let attempt = 1; ; attempt++) {
    const now = deps.clock.now();
    const record = await deps.sessions.findToken(hash);
    if (!record) throw new InvalidRefreshToken();
    const session = await deps.sessions.get(record.sessionId);
    if (!isLive(session, now)) throw new InvalidRefreshToken();
    const current = record.status === 'active' ? record : await unusedSuccessor(deps, record, now);
    if (!current || attempt > MAX_LOST_RENEWALS) {
      await endSession(deps, session, RevokeReason.reuseDetected);
      throw new RefreshTokenReused();
    }
    const user = await deps.users.get(session.userId);
    if (!user) throw new InvalidRefreshToken();
    const next = newRefreshToken();
    const rotated = await deps.sessions.rotate(current.hash, tokenRecord(next, session, now.toISOString()), {
      usedAt: now.toISOString(),
      unused: current !== record,
    });
    if (rotated) return tokensFor(deps.signer, user, session, next);
  }
}

/** How many lost answers in a row the grace period covers (each reload that cuts a renewal is one). */
const MAX_LOST_RENEWALS = 4;

/**
 * For a token rotated within the grace period: the newest token of its line when nobody has used it
 * yet (the answers that carried its predecessors never arrived); otherwise undefined, and the
 * presented token is a reuse.
 */
async function unusedSuccessor(
  deps: Pick<SessionDeps, 'sessions'>,
  record: RefreshTokenRecord,
  now: Date,
): Promise<RefreshTokenRecord | undefined> {
  let current = record;
  for (let hop = 0; hop < MAX_LOST_RENEWALS && current.successorHash; hop++) {
    const successor = await deps.sessions.findToken(current.successorHash);
    if (!successor || successor.sessionId !== record.sessionId) return undefined;
    // the presented token was rotated when its successor was created
    if (hop === 0 && now.getTime() - Date.parse(successor.createdAt) > REFRESH_REUSE_GRACE_SECONDS * 1000) {
      return undefined;
    }
    if (successor.status === 'active') return successor;
    // a successor its holder used ends the line: presenting an older token now is a reuse
    if (!successor.retiredUnused) return undefined;
    current = successor;
  }
  return undefined;
}

/** POST /auth/logout: ends the session of this refresh token. Unknown tokens are accepted silently. */
export async function logout(
  deps: Omit<SessionDeps, 'signer' | 'users'>,
  input: { refreshToken: string },
): Promise<void> {
  const record = await deps.sessions.findToken(hashRefreshToken(input.refreshToken));
  if (!record) return;
  const session = await deps.sessions.get(record.sessionId);
  if (session && !session.revokedAt) await endSession(deps, session, RevokeReason.logout);
}

export interface SessionView {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  userAgent?: string;
  ipAddress?: string;
  current: boolean;
}

/** GET /sessions: the caller's live sessions, newest first (ASVS 7.5.2). */
export async function listSessions(
  deps: Pick<SessionDeps, 'sessions' | 'clock'>,
  input: { userId: string; currentSessionId?: string },
): Promise<SessionView[]> {
  const now = deps.clock.now();
  const sessions = await deps.sessions.listForUser(input.userId);
  return sessions
    .filter((s) => s.userId === input.userId && isLive(s, now))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map((s) => ({
      id: s.id,
      createdAt: s.createdAt,
      lastUsedAt: s.lastUsedAt,
      expiresAt: s.expiresAt,
      ...(s.userAgent ? { userAgent: s.userAgent } : {}),
      ...(s.ipAddress ? { ipAddress: s.ipAddress } : {}),
      current: s.id === input.currentSessionId,
    }));
}

/** DELETE /sessions/{sessionId}: ends one of the caller's sessions; another user's session is "not found". */
export async function revokeSession(
  deps: Omit<SessionDeps, 'signer' | 'users'>,
  input: { userId: string; sessionId: string },
): Promise<void> {
  const session = await deps.sessions.get(input.sessionId);
  if (!session || session.userId !== input.userId) throw new SessionNotFound();
  if (!session.revokedAt) await endSession(deps, session, RevokeReason.revoked);
}

/**
 * Ends every live session of a user (a password reset): each publishes identity.SessionRevoked, so the
 * authorizers refuse its access tokens, its refresh tokens stop working and notifications closes its sockets.
 */
export async function revokeAllSessions(
  deps: Pick<SessionDeps, 'sessions' | 'events' | 'clock'>,
  userId: string,
): Promise<number> {
  const sessions = (await deps.sessions.listForUser(userId)).filter((s) => s.userId === userId && !s.revokedAt);
  for (const session of sessions) await endSession(deps, session, RevokeReason.revoked);
  return sessions.length;
}

/**
 * GET /auth/sessions/{sessionId}/active: the authorizer's revocation check (ADR 0006). Reveals one
 * boolean about a 128-bit random id that only the session's own access tokens carry.
 */
export async function isSessionActive(
  deps: Pick<SessionDeps, 'sessions' | 'clock'>,
  input: { sessionId: string },
): Promise<boolean> {
  return isLive(await deps.sessions.get(input.sessionId), deps.clock.now());
}

import { CallNotFound, InvalidCursor } from './errors.ts';
import { type CallView, isParticipant, viewOf } from './model.ts';
import type { CallRepository, MissedCallStore } from './ports.ts';

interface LogDeps {
  calls: CallRepository;
  missed: MissedCallStore;
}

/** Cursors are opaque to clients: the log position, base64url-encoded. */
const encodeCursor = (position: string) => Buffer.from(position, 'utf8').toString('base64url');
function decodeCursor(cursor: string): string {
  const position = Buffer.from(cursor, 'base64url').toString('utf8');
  // a position is `<ISO instant>#<call id>`
  if (!/^\d{4}-\d\d-\d\dT[\d:.]+Z#[A-Za-z0-9_-]{1,64}$/.test(position)) {
    throw new InvalidCursor('The cursor is not one this API gave out.');
  }
  return position;
}

/** A person's calls, newest first, with how many missed calls they have not seen yet. */
export async function listCalls(
  deps: LogDeps,
  input: { userId: string; limit: number; before?: string },
): Promise<{ items: CallView[]; nextBefore?: string; unseenMissedCount: number }> {
  const before = input.before !== undefined ? decodeCursor(input.before) : undefined;
  const [page, missed] = await Promise.all([
    deps.calls.log(input.userId, { limit: input.limit, ...(before ? { before } : {}) }),
    deps.missed.get(input.userId),
  ]);
  return {
    items: page.calls.map((call) => viewOf(call, input.userId, missed.seenAt)),
    ...(page.next ? { nextBefore: encodeCursor(page.next) } : {}),
    unseenMissedCount: missed.unseen,
  };
}

/** Marks every missed call of the person as seen (up to now). */
export async function markMissedSeen(
  deps: { missed: MissedCallStore; clock: { now(): Date } },
  input: { userId: string },
): Promise<void> {
  await deps.missed.markSeen(input.userId, deps.clock.now().toISOString());
}

/** One call, for its participants only. */
export async function getCall(deps: LogDeps, input: { userId: string; callId: string }): Promise<CallView> {
  const call = await deps.calls.get(input.callId);
  if (!call || !isParticipant(call, input.userId)) throw new CallNotFound('There is no such call.');
  const missed =
    call.calleeId === input.userId && call.endReason === 'missed' ? await deps.missed.get(input.userId) : undefined;
  return viewOf(call, input.userId, missed?.seenAt);
}

import { setTimeout as sleep } from 'node:timers/promises';

/** Attempts before giving up, and the first backoff's ceiling (full jitter, doubling). */
const ROUNDS = 5;
const FIRST_BACKOFF_MS = 50;

/**
 * Reads every key through `read` (an electrodb batch `get(keys).go()`), asking again for the keys
 * DynamoDB left unprocessed after a jittered backoff (asking at once would meet the same throttle).
 * It never answers with a partial list, which a caller would take for "these items do not exist":
 * keys still unprocessed after the last round make it throw, naming `what` was being read.
 */
export async function batchGetAll<K, T>(
  keys: readonly K[],
  read: (keys: K[]) => Promise<{ data: T[]; unprocessed: K[] }>,
  what: string,
): Promise<T[]> {
  const found: T[] = [];
  let pending = [...keys];
  for (let round = 0; pending.length > 0 && round < ROUNDS; round++) {
    if (round > 0) await sleep(Math.random() * FIRST_BACKOFF_MS * 2 ** (round - 1));
    const { data, unprocessed } = await read(pending);
    found.push(...data);
    pending = unprocessed;
  }
  if (pending.length > 0) throw new Error(`${pending.length} of ${keys.length} ${what} could not be read (throttled)`);
  return found;
}

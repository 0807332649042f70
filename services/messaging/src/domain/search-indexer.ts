import type { MessageRepository } from './ports.ts';
import type { SearchIndex } from './search-ports.ts';
import { prefixesOf } from './search-text.ts';

const ATTEMPTS = 3;

export interface IndexerDeps {
  messages: MessageRepository;
  search: SearchIndex;
}

/**
 * Makes the index agree with the message as it is now (ADR 0019), whichever event asked:
 * `MessageSent`, `MessageEdited` and `MessageDeleted` all land here, so the order they arrive in
 * does not matter and a replay writes nothing. It reads the message (strongly consistent) and what
 * was indexed for it (the manifest), writes the prefixes the text has now, deletes those it lost
 * (all of them once it is deleted), and records the manifest last. A manifest write that finds a
 * newer version already recorded means another run indexed a later state meanwhile: it runs again,
 * rewriting every prefix of the current text, so a race can leave stale entries (which search
 * drops, as it checks each hit against the message) but never a missing one.
 */
export async function indexMessage(
  deps: IndexerDeps,
  input: { conversationId: string; seq: number },
  options: { rewrite?: boolean } = {},
): Promise<{ put: number; removed: number }> {
  // `rewrite` (the backfill's repair mode): write every current prefix even if the manifest agrees
  let force = options.rewrite === true;
  let put = 0;
  let removed = 0;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const [message, manifest] = await Promise.all([
      deps.messages.get(input.conversationId, input.seq),
      deps.search.manifest(input.conversationId, input.seq),
    ]);
    if (!message) return { put, removed };
    const desired = message.deletedAt || !message.text ? [] : prefixesOf(message.text);
    const had = new Set(manifest?.prefixes ?? []);
    const wanted = new Set(desired);
    const same = manifest !== undefined && had.size === wanted.size && desired.every((p) => had.has(p));
    if (same && !force) return { put, removed };
    const toPut = force ? desired : desired.filter((p) => !had.has(p));
    const toRemove = [...had].filter((p) => !wanted.has(p));
    await deps.search.write(
      { conversationId: message.conversationId, seq: message.seq, sentAt: message.sentAt },
      { put: toPut, remove: toRemove },
    );
    put += toPut.length;
    removed += toRemove.length;
    const saved = await deps.search.saveManifest({
      conversationId: message.conversationId,
      seq: message.seq,
      prefixes: desired,
      version: message.version,
    });
    if (saved) return { put, removed };
    force = true;
  }
  throw new Error(`message ${input.conversationId}#${input.seq} kept changing while it was indexed`);
}

/** A new message's version (appendMessage writes every message at 1). */
const FIRST_VERSION = 1;

/**
 * Indexes a message from its `MessageSent` event (ADR 0033): the event carries the text whenever
 * it fits a frame, and a new message has nothing indexed yet, so one batch writes its prefixes,
 * its manifest, and removes the event's outbox row (this run is the proof that it was published:
 * the send itself no longer deletes it). No read. A truncated text takes `indexMessage`'s way
 * (reads), then removes the row.
 *
 * A `MessageEdited` or `MessageDeleted` indexed before this (the bus does not keep order) is
 * overwritten by the first version's prefixes and manifest: search drops a hit the message no
 * longer matches, so the race leaves stale entries, never a missing one — as `indexMessage`'s own.
 */
export async function indexSentMessage(
  deps: IndexerDeps,
  input: {
    eventId: string;
    message: { conversationId: string; seq: number; sentAt: string; text?: string; truncated: boolean };
  },
): Promise<{ put: number; removed: number }> {
  const { message } = input;
  if (message.truncated) {
    const done = await indexMessage(deps, message);
    await deps.search.retire(input.eventId);
    return done;
  }
  const prefixes = message.text ? prefixesOf(message.text) : [];
  await deps.search.indexNew(
    { conversationId: message.conversationId, seq: message.seq, sentAt: message.sentAt },
    { conversationId: message.conversationId, seq: message.seq, prefixes, version: FIRST_VERSION },
    input.eventId,
  );
  return { put: prefixes.length, removed: 0 };
}

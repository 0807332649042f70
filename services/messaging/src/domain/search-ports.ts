import type { Message } from './model.ts';

/** Where a message sits in the search index: newest first by `sentAt`, then conversation and seq. */
export interface SearchPosition {
  sentAt: string;
  conversationId: string;
  seq: number;
}

/** What the index has written for one message, so an edit or delete knows what to take out. */
export interface SearchManifest {
  conversationId: string;
  seq: number;
  prefixes: string[];
  /** the message's version the prefixes were computed from */
  version: number;
}

/**
 * Port: the search index (ADR 0019). One entry per (word prefix, message), read newest first per
 * prefix; it only proposes candidates — every hit is checked against the message itself.
 */
export interface SearchIndex {
  manifest(conversationId: string, seq: number): Promise<SearchManifest | undefined>;
  /** Writes `put` and deletes `remove` entries for one message, batched; retries what DynamoDB left. */
  write(entry: SearchPosition, change: { put: readonly string[]; remove: readonly string[] }): Promise<void>;
  /**
   * Records the manifest unless one for a newer version of the message is stored; false then
   * (someone indexed a later version meanwhile).
   */
  saveManifest(manifest: SearchManifest): Promise<boolean>;
  /**
   * A new message's whole first indexing in one batch (ADR 0033): its entries under
   * `manifest.prefixes`, its manifest (without the version condition: nothing can be older than a
   * new message's first version), and the outbox row of `retireEventId` (the MessageSent this run
   * answers: seen here, so published) removed. Retries what DynamoDB left; throws if some stays.
   */
  indexNew(entry: SearchPosition, manifest: SearchManifest, retireEventId: string): Promise<void>;
  /** Removes the outbox row of a published MessageSent (when its indexing took the long way). */
  retire(eventId: string): Promise<void>;
  /** Entries under `prefix` strictly older than `before` (the newest when absent), newest first. */
  scan(prefix: string, page: { before?: SearchPosition; limit: number }): Promise<SearchPosition[]>;
  /** The messages at these positions (absent ones left out); throws rather than answer with part. */
  messages(keys: readonly { conversationId: string; seq: number }[]): Promise<Message[]>;
}

/** Where a message is, as the backfill pages through them. */
export interface MessageKey {
  conversationId: string;
  seq: number;
}

/**
 * Port: every stored message, page by page in the store's own order (for the search backfill, ADR
 * 0019). `cursor` is opaque: pass it back for the next page; null once the last page was read.
 * A page may be shorter than `limit` (even empty) with a cursor still to follow.
 */
export interface MessageKeyScan {
  page(input: { cursor?: string; limit: number }): Promise<{ keys: MessageKey[]; cursor: string | null }>;
}

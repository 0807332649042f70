import type { Message } from './model.ts';
import type { MessageRepository } from './ports.ts';
import type { MessageKeyScan, SearchIndex, SearchManifest, SearchPosition } from './search-ports.ts';

const order = (p: SearchPosition) => `${p.sentAt}#${p.conversationId}#${String(p.seq).padStart(12, '0')}`;

/**
 * In-memory SearchIndex for use-case and handler tests, with the DynamoDB one's guarantees: entries
 * per prefix newest first, the manifest's version condition, messages read from `messages`.
 */
export function memorySearchIndex(messages: MessageRepository) {
  const entries = new Map<string, Map<string, SearchPosition>>();
  const manifests = new Map<string, SearchManifest>();
  const writes = { put: 0, removed: 0, scans: 0 };
  const retired: string[] = [];
  const index: SearchIndex = {
    async manifest(conversationId, seq) {
      const m = manifests.get(`${conversationId}#${seq}`);
      return m && structuredClone(m);
    },
    async write(at, change) {
      const position = { sentAt: at.sentAt, conversationId: at.conversationId, seq: at.seq };
      for (const prefix of change.put) {
        const under = entries.get(prefix) ?? new Map<string, SearchPosition>();
        under.set(order(position), position);
        entries.set(prefix, under);
        writes.put++;
      }
      for (const prefix of change.remove) {
        entries.get(prefix)?.delete(order(position));
        writes.removed++;
      }
    },
    async saveManifest(m) {
      const key = `${m.conversationId}#${m.seq}`;
      const stored = manifests.get(key);
      if (stored && stored.version > m.version) return false;
      manifests.set(key, structuredClone(m));
      return true;
    },
    async indexNew(at, m, retireEventId) {
      await index.write(at, { put: m.prefixes, remove: [] });
      manifests.set(`${m.conversationId}#${m.seq}`, structuredClone(m));
      retired.push(retireEventId);
    },
    async retire(eventId) {
      retired.push(eventId);
    },
    async scan(prefix, page) {
      writes.scans++;
      const before = page.before ? order(page.before) : undefined;
      return [...(entries.get(prefix)?.values() ?? [])]
        .filter((p) => before === undefined || order(p) < before)
        .sort((a, b) => (order(a) < order(b) ? 1 : -1))
        .slice(0, page.limit)
        .map((p) => ({ ...p }));
    },
    async messages(keys) {
      const found = await Promise.all(keys.map((k) => messages.get(k.conversationId, k.seq)));
      return found.filter((m) => m !== undefined);
    },
  };
  return {
    index,
    /** how many entries were written and removed, and scans made, so far */
    writes,
    /** the event ids whose outbox rows the indexer removed, in order */
    retired,
    /** the prefixes that currently list a message */
    prefixesOf(conversationId: string, seq: number): string[] {
      return [...entries.entries()]
        .filter(([, under]) => [...under.values()].some((p) => p.conversationId === conversationId && p.seq === seq))
        .map(([prefix]) => prefix)
        .sort();
    },
  };
}

/**
 * In-memory MessageKeyScan over a world's stored messages, in a fixed order (conversation, seq) as a
 * table scan would be; the cursor is the position after the page. `pages` counts the reads.
 */
export function memoryMessageScan(stored: ReadonlyMap<string, Message>) {
  const reads = { pages: 0 };
  const scan: MessageKeyScan = {
    async page({ cursor, limit }) {
      reads.pages++;
      const all = [...stored.values()]
        .map((m) => ({ conversationId: m.conversationId, seq: m.seq }))
        .sort((a, b) =>
          a.conversationId === b.conversationId ? a.seq - b.seq : a.conversationId < b.conversationId ? -1 : 1,
        );
      const from = cursor === undefined ? 0 : Number(cursor);
      const keys = all.slice(from, from + limit);
      return { keys, cursor: from + limit < all.length ? String(from + limit) : null };
    },
  };
  return { scan, reads };
}

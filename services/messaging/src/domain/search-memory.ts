import type { MessageRepository } from './ports.ts';
import type { SearchIndex, SearchManifest, SearchPosition } from './search-ports.ts';

const order = (p: SearchPosition) => `${p.sentAt}#${p.conversationId}#${String(p.seq).padStart(12, '0')}`;

/**
 * In-memory SearchIndex for use-case and handler tests, with the DynamoDB one's guarantees: entries
 * per prefix newest first, the manifest's version condition, messages read from `messages`.
 */
export function memorySearchIndex(messages: MessageRepository) {
  const entries = new Map<string, Map<string, SearchPosition>>();
  const manifests = new Map<string, SearchManifest>();
  const writes = { put: 0, removed: 0, scans: 0 };
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
    /** the prefixes that currently list a message */
    prefixesOf(conversationId: string, seq: number): string[] {
      return [...entries.entries()]
        .filter(([, under]) => [...under.values()].some((p) => p.conversationId === conversationId && p.seq === seq))
        .map(([prefix]) => prefix)
        .sort();
    },
  };
}

import type { MessageKeyScan } from '../domain/search-ports.ts';
import type { MessagingDb } from './table.ts';

/**
 * MessageKeyScan on the messaging table: a Scan filtered to message items (electrodb's entity
 * filter), `limit` of them per page, with electrodb's cursor (the last key read, base64). A Scan
 * reads, and bills, every item it passes (search entries, manifests, conversations alike) at 0.5 RRU
 * per 4 KB eventually consistent: that is the backfill's read cost, once through the table.
 */
export function electroMessageScan(db: MessagingDb): MessageKeyScan {
  const { message } = db.entities;
  return {
    async page({ cursor, limit }) {
      const { data, cursor: next } = await message.scan.go({ cursor: cursor ?? null, count: limit });
      return { keys: data.map((m) => ({ conversationId: m.conversationId, seq: m.seq })), cursor: next ?? null };
    },
  };
}

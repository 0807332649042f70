import type { ApiClient } from './api-client.ts';

/** A matched word of a hit: UTF-16 offsets into its `text`, `end` exclusive. */
export interface SearchHighlight {
  start: number;
  end: number;
}

/** One message that matched (`GET /messaging/search`, services/messaging/README.md). */
export interface SearchHit {
  conversationId: string;
  messageId: string;
  seq: number;
  senderId: string;
  sentAt: string;
  /** the text, or a window of it around the first matched word */
  text: string;
  highlights: SearchHighlight[];
}

export interface SearchResultPage {
  items: SearchHit[];
  nextCursor: string | null;
}

/** The message search route, a port: the search store uses it, tests drive it through fake fetch. */
export interface SearchApi {
  search(
    query: { q: string; conversationId?: string; cursor?: string; limit?: number },
    signal?: AbortSignal,
  ): Promise<SearchResultPage>;
}

const isString = (v: unknown): v is string => typeof v === 'string';

/** A hit from JSON, or undefined when the server sent something else (dropped, never shown half). */
export function readHit(value: unknown): SearchHit | undefined {
  const v = value as Partial<Record<keyof SearchHit, unknown>> | null;
  if (!v || !isString(v.conversationId) || !isString(v.messageId) || !isString(v.senderId)) return undefined;
  if (typeof v.seq !== 'number' || !isString(v.sentAt) || !isString(v.text) || !Array.isArray(v.highlights))
    return undefined;
  const text = v.text;
  const highlights = (v.highlights as unknown[]).filter(
    (h): h is SearchHighlight =>
      typeof (h as SearchHighlight)?.start === 'number' &&
      typeof (h as SearchHighlight)?.end === 'number' &&
      (h as SearchHighlight).start < (h as SearchHighlight).end &&
      (h as SearchHighlight).end <= text.length,
  );
  return {
    conversationId: v.conversationId,
    messageId: v.messageId,
    seq: v.seq,
    senderId: v.senderId,
    sentAt: v.sentAt,
    text,
    highlights: highlights.map(({ start, end }) => ({ start, end })),
  };
}

export function searchApi(api: ApiClient): SearchApi {
  return {
    async search(query, signal) {
      const body = await api.request<{ items?: unknown[]; nextCursor?: unknown }>('GET', '/messaging/search', {
        query: { q: query.q, conversationId: query.conversationId, cursor: query.cursor, limit: query.limit },
        ...(signal ? { signal } : {}),
      });
      const items = (body.items ?? []).map(readHit).filter((h): h is SearchHit => h !== undefined);
      return { items, nextCursor: isString(body.nextCursor) ? body.nextCursor : null };
    },
  };
}

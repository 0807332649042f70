import { byteLength, MAX_FRAME_BYTES, type ServerFrame } from './frames.ts';

/** Longest string field kept when a frame's data has to be cut down. */
const KEPT_STRING_CHARS = 256;

/**
 * Serialises a frame so that it always fits one API Gateway WebSocket frame (< 32 KB).
 * When the data is too large, only its small top-level fields (ids, seq, short strings) stay and
 * the frame says `truncated: true`: the client refetches the rest through the REST API.
 */
export function encodeFrame(frame: ServerFrame, maxBytes: number = MAX_FRAME_BYTES): string {
  const full = JSON.stringify(frame);
  if (byteLength(full) < maxBytes) return full;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(frame.data)) {
    const small =
      typeof value === 'number' ||
      typeof value === 'boolean' ||
      (typeof value === 'string' && value.length <= KEPT_STRING_CHARS);
    if (small) kept[key] = value;
  }
  const cut = JSON.stringify({ ...frame, data: kept, truncated: true });
  if (byteLength(cut) < maxBytes) return cut;
  return JSON.stringify({ ...frame, data: {}, truncated: true });
}

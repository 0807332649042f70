import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../src/encode.ts';
import { ClientAction, MAX_FRAME_BYTES, parseServerFrame } from '../src/frames.ts';

const base = { id: 'e-1', type: 'messaging.MessageSent', v: 1, at: '2026-11-22T10:00:00.000Z' };

describe('frames', () => {
  it('given a small frame, when encoded and parsed, then it round-trips unchanged', () => {
    const frame = { ...base, data: { conversationId: 'c1', seq: 3, preview: 'hello' } };
    expect(parseServerFrame(encodeFrame(frame))).toEqual(frame);
  });

  it('given data over 32 KB, when encoded, then small fields stay, big ones go, and the frame says truncated', () => {
    const encoded = encodeFrame({
      ...base,
      data: { conversationId: 'c1', seq: 3, text: 'é'.repeat(20_000), list: [1, 2] },
    });
    expect(Buffer.byteLength(encoded)).toBeLessThan(MAX_FRAME_BYTES);
    expect(parseServerFrame(encoded)).toEqual({ ...base, data: { conversationId: 'c1', seq: 3 }, truncated: true });
  });

  it('given many small fields that together exceed the limit, when encoded, then data is emptied rather than the limit broken', () => {
    const data = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`k${i}`, 'v'.repeat(200)]));
    const encoded = encodeFrame({ ...base, data });
    expect(Buffer.byteLength(encoded)).toBeLessThan(MAX_FRAME_BYTES);
    expect(parseServerFrame(encoded)).toMatchObject({ data: {}, truncated: true });
  });

  it('given text that is not a Parley frame, when parsed, then undefined', () => {
    expect(parseServerFrame('not json')).toBeUndefined();
    expect(parseServerFrame('{"message":"Internal server error"}')).toBeUndefined();
  });

  it('given client actions, when parsed, then known shapes pass and unknown fields or ids fail', () => {
    expect(ClientAction.safeParse({ action: 'ping' }).success).toBe(true);
    expect(ClientAction.safeParse({ action: 'typing', conversationId: 'c1' }).success).toBe(true);
    expect(ClientAction.safeParse({ action: 'signal', callId: 'k1', to: 'ben', payload: { sdp: 'v=0' } }).success).toBe(
      true,
    );
    expect(ClientAction.safeParse({ action: 'signal', callId: 'k1', to: 'ben' }).success).toBe(false);
    expect(ClientAction.safeParse({ action: 'typing', conversationId: '../x' }).success).toBe(false);
    expect(ClientAction.safeParse({ action: 'ping', extra: 1 }).success).toBe(false);
    expect(ClientAction.safeParse({ action: 'shout' }).success).toBe(false);
  });
});

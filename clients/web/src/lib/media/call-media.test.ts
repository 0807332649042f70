import { describe, expect, it } from 'vitest';
import { chooseEngine, qualityOf } from './call-media.ts';
import { isLoopbackCandidate } from './webrtc-relay.ts';

describe('the media engine for a meeting', () => {
  it.each([
    ['ws://localhost:3000/_dev/chime/meetings/5b0a7a5e-0f4c-4d1b-9a7b-2f3e4d5c6b7a/signal', 'webrtc-relay'],
    ['wss://parley.example.org/_dev/chime/meetings/abc/signal', 'webrtc-relay'],
    ['wss://signal.m3.ec1.app.chime.aws/control/5b0a7a5e-0f4c-4d1b-9a7b-2f3e4d5c6b7a', 'chime'],
    ['ws://localhost:3000/_dev/chime/meetings/abc/signal/extra', 'chime'],
    [undefined, 'chime'],
  ] as const)('is chosen from the SignalingUrl %s: %s', (SignalingUrl, engine) => {
    // Given a meeting's MediaPlacement; when the engine is chosen; then it follows the URL alone
    expect(chooseEngine({ SignalingUrl, AudioHostUrl: 'https://example.com' })).toBe(engine);
  });
});

describe('relay candidates', () => {
  it.each([
    ['candidate:1 1 udp 2122260223 127.0.0.1 54321 typ host generation 0', true],
    ['candidate:2 1 udp 2122262783 ::1 54322 typ host generation 0', true],
    ['candidate:3 1 udp 2122260223 192.168.1.20 54323 typ host generation 0', false],
    ['candidate:4 1 udp 2122260223 4f1a.local 54324 typ host generation 0', false],
    ['', false],
  ] as const)('keeps only loopback addresses: %s', (candidate, kept) => {
    // Given an ICE candidate line; when filtered; then only 127.0.0.1 and ::1 pass
    expect(isLoopbackCandidate(candidate)).toBe(kept);
  });
});

describe('connection quality', () => {
  it('is good, fair or poor from round trip and loss, unknown before any measure', () => {
    // Given stats; when rated; then the thresholds apply
    expect(qualityOf(undefined, 0)).toBe('unknown');
    expect(qualityOf(40, 0)).toBe('good');
    expect(qualityOf(300, 0)).toBe('fair');
    expect(qualityOf(40, 0.1)).toBe('poor');
  });
});

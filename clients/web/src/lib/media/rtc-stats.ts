import type { MediaStats } from './call-media.ts';

/** Stats with every counter at zero (no connection yet). */
export function emptyStats(): MediaStats {
  return {
    audioPacketsReceived: 0,
    audioPacketsSent: 0,
    videoPacketsReceived: 0,
    videoFramesDecoded: 0,
    audioLevel: 0,
    packetLoss: 0,
  };
}

/** Sums a WebRTC stats report (a peer connection's, or the Chime SDK's) into the port's counters. */
export function readStats(report: RTCStatsReport): MediaStats {
  const out = emptyStats();
  let lost = 0;
  // biome-ignore lint/suspicious/noExplicitAny: stats entries differ per type; read by name
  report.forEach((entry: any) => {
    if (entry.type === 'inbound-rtp' && entry.kind === 'audio') {
      out.audioPacketsReceived += entry.packetsReceived ?? 0;
      out.audioLevel = Math.max(out.audioLevel, entry.audioLevel ?? 0);
      lost += entry.packetsLost ?? 0;
    } else if (entry.type === 'inbound-rtp' && entry.kind === 'video') {
      out.videoPacketsReceived += entry.packetsReceived ?? 0;
      out.videoFramesDecoded += entry.framesDecoded ?? 0;
      lost += entry.packetsLost ?? 0;
    } else if (entry.type === 'outbound-rtp' && entry.kind === 'audio') {
      out.audioPacketsSent += entry.packetsSent ?? 0;
    } else if (entry.type === 'candidate-pair' && entry.nominated && entry.state === 'succeeded') {
      if (typeof entry.currentRoundTripTime === 'number') out.roundTripMs = entry.currentRoundTripTime * 1000;
    }
  });
  const received = out.audioPacketsReceived + out.videoPacketsReceived;
  out.packetLoss = received + lost > 0 ? lost / (received + lost) : 0;
  return out;
}

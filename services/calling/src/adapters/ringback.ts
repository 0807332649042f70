/**
 * The ringback tone phone callers hear while Parley rings the person: the European cadence (425 Hz,
 * one second on, four off), one five-second cycle as 8 kHz mono 16-bit PCM WAV, which the SIP
 * media application repeats for the ring time.
 */
const SAMPLE_RATE = 8000;
const CYCLE_SECONDS = 5;
const TONE_SECONDS = 1;

let cached: { bytes: Buffer; seconds: number } | undefined;

export function ringbackWav(): { bytes: Buffer; seconds: number } {
  if (cached) return cached;
  const samples = SAMPLE_RATE * CYCLE_SECONDS;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < SAMPLE_RATE * TONE_SECONDS; i++)
    data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 425 * i) / SAMPLE_RATE) * 8000), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  cached = { bytes: Buffer.concat([header, data]), seconds: CYCLE_SECONDS };
  return cached;
}

/**
 * The audio side of the driver: how long speech and WAV prompts take, and the WAV files RecordAudio
 * writes (8 kHz mono 16-bit PCM, as Chime records). devstack has no real audio path on a PSTN
 * leg, so a recording's content is a generated tone of the recorded length.
 */
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

const SAMPLE_RATE = 8000;

/**
 * How long Polly would take to say `text`: about 15 characters a second (≈150 words a minute),
 * never under half a second. SSML tags are not spoken.
 */
export function speechDurationMs(text: string, textType?: unknown): number {
  const spoken = textType === 'ssml' ? text.replace(/<[^>]*>/g, ' ') : text;
  return Math.max(500, Math.round(spoken.replace(/\s+/g, ' ').trim().length * 66));
}

/** The play time of a WAV file (its data chunk / byte rate), or undefined when it is not one. */
export function wavDurationMs(bytes: Uint8Array): number | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE')
    return undefined;
  let byteRate: number | undefined;
  for (let at = 12; at + 8 <= buf.length; ) {
    const id = buf.toString('ascii', at, at + 4);
    const size = buf.readUInt32LE(at + 4);
    if (id === 'fmt ' && at + 20 <= buf.length) byteRate = buf.readUInt32LE(at + 16);
    if (id === 'data') {
      if (!byteRate) return undefined;
      const dataBytes = Math.min(size, buf.length - at - 8);
      return Math.round((dataBytes / byteRate) * 1000);
    }
    at += 8 + size + (size % 2);
  }
  return undefined;
}

/** A WAV file (8 kHz, mono, 16-bit PCM) of `durationMs` holding a quiet 440 Hz tone. */
export function toneWav(durationMs: number): Buffer {
  const samples = Math.max(0, Math.round((durationMs / 1000) * SAMPLE_RATE));
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++)
    data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / SAMPLE_RATE) * 6000), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** The play time of s3://bucket/key, or the reason it cannot be played (InvalidAudioSource). */
export async function audioSourceDuration(
  s3: S3Client,
  source: { BucketName: string; Key: string },
): Promise<{ ok: true; ms: number } | { ok: false; message: string }> {
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: source.BucketName, Key: source.Key }));
    const bytes = (await out.Body?.transformToByteArray()) ?? new Uint8Array();
    const ms = wavDurationMs(bytes);
    if (ms === undefined) return { ok: false, message: `s3://${source.BucketName}/${source.Key} is not a WAV file.` };
    return { ok: true, ms };
  } catch (err) {
    return {
      ok: false,
      message:
        `Cannot read s3://${source.BucketName}/${source.Key}: ${(err as Error).name ?? ''} ${(err as Error).message}`.trim(),
    };
  }
}

/** Writes a recording of `durationMs` to s3://bucket/key. */
export async function writeRecording(s3: S3Client, bucket: string, key: string, durationMs: number): Promise<void> {
  await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: toneWav(durationMs), ContentType: 'audio/wav' }),
  );
}

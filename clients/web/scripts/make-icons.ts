/**
 * Writes the app's PNG icons into public/icons (committed; run again after changing the design):
 * `npx tsx clients/web/scripts/make-icons.ts`. No image library and no network: the shape (the
 * favicon's white speech bubble on teal) is drawn by a coverage test per pixel, 4×4 samples for
 * smooth edges, and encoded as PNG with node:zlib.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const TEAL = [0x0f, 0x76, 0x6e] as const;
const WHITE = [0xff, 0xff, 0xff] as const;

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function png(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) raw.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

/** Inside a rounded rectangle (all in units of the icon's side, 0..1). */
function inRoundedRect(x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): boolean {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** The speech bubble, scaled by `k` around the centre (the maskable icon keeps it in the safe zone). */
function inBubble(x: number, y: number, k: number): boolean {
  const u = 0.5 + (x - 0.5) / k;
  const v = 0.5 + (y - 0.5) / k;
  if (inRoundedRect(u, v, 0.24, 0.27, 0.76, 0.64, 0.09)) return true;
  // the tail: a triangle below the bubble's left half
  const [ax, ay, bx, by, cx, cy] = [0.33, 0.6, 0.47, 0.6, 0.31, 0.76];
  const d = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  const s = ((bx - u) * (cy - v) - (by - v) * (cx - u)) / d;
  const t = ((cx - u) * (ay - v) - (cy - v) * (ax - u)) / d;
  return s >= 0 && t >= 0 && s + t <= 1;
}

function draw(size: number, maskable: boolean): Buffer {
  const rgba = new Uint8Array(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let tile = 0;
      let mark = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size;
          const y = (py + (sy + 0.5) / n) / size;
          // maskable: full bleed (the platform cuts its own shape); else a rounded tile
          const onTile = maskable || inRoundedRect(x, y, 0, 0, 1, 1, 0.22);
          if (!onTile) continue;
          tile++;
          if (inBubble(x, y, maskable ? 0.8 : 1)) mark++;
        }
      }
      const samples = n * n;
      const white = tile ? mark / tile : 0;
      const i = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round((TEAL[c] ?? 0) * (1 - white) + (WHITE[c] ?? 0) * white);
      rgba[i + 3] = Math.round((255 * tile) / samples);
    }
  }
  return png(size, rgba);
}

const out = join(import.meta.dirname, '..', 'public', 'icons');
writeFileSync(join(out, 'icon-192.png'), draw(192, false));
writeFileSync(join(out, 'icon-512.png'), draw(512, false));
writeFileSync(join(out, 'icon-maskable-512.png'), draw(512, true));
console.log(`icons written to ${out}`);

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { inflateRawSync } from 'node:zlib';

/** One file of a zip, from its central directory. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated (all serverless-esbuild's archiver writes) */
  method: number;
  compressedBytes: number;
  bytes: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * The files of a zip (no ZIP64: a Lambda zip is far below 4 GB), read from its central directory,
 * so the bench and the template tests read the packaged zips without an unzip tool or a dependency.
 */
export function zipEntries(zip: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip (no end of central directory)');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL) throw new Error(`bad central directory entry ${i}`);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      compressedBytes: zip.readUInt32LE(at + 20),
      bytes: zip.readUInt32LE(at + 24),
      localHeaderOffset: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The uncompressed content of one entry. */
export function entryContent(zip: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  if (zip.readUInt32LE(at) !== LOCAL) throw new Error(`bad local header for ${entry.name}`);
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const data = zip.subarray(start, start + entry.compressedBytes);
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method === 8) return inflateRawSync(data);
  throw new Error(`${entry.name}: unsupported compression method ${entry.method}`);
}

/** Extracts `zipFile` into `dir` (as Lambda extracts a zip into /var/task); the files and their total bytes. */
export function extractZip(zipFile: string, dir: string): { bytes: number; files: string[] } {
  const zip = readFileSync(zipFile);
  const root = resolve(dir);
  const files: string[] = [];
  let bytes = 0;
  for (const entry of zipEntries(zip)) {
    if (entry.name.endsWith('/')) continue;
    const target = resolve(root, entry.name);
    if (!target.startsWith(root + sep)) throw new Error(`${zipFile}: ${entry.name} leaves the folder`);
    const content = entryContent(zip, entry);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    files.push(entry.name);
    bytes += content.length;
  }
  return { bytes, files };
}

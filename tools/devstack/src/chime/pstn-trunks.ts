/**
 * The emulated third-party carrier (the bring-your-own-carrier path for countries where Chime has
 * no numbers): which numbers it holds and the Voice Connector outbound host its SIP trunk sends
 * each one to. Persisted in the data dir.
 */
import { readJsonFile, writeJsonFile } from '../json-file.ts';

export interface PstnTrunk {
  e164: string;
  /** `<voice connector id>.voiceconnector.chime.aws`: the host a RequestUriHostname SIP rule names. */
  voiceConnectorHost: string;
  updatedAt: string;
}

export const E164_PATTERN = /^\+[1-9]\d{1,14}$/;
const HOST_PATTERN = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;

export class PstnTrunks {
  private readonly file: string;
  private readonly trunks: Map<string, PstnTrunk>;
  private readonly now: () => number;

  constructor(file: string, now: () => number = Date.now) {
    this.file = file;
    this.now = now;
    const saved = readJsonFile<{ trunks?: PstnTrunk[] }>(file, {});
    this.trunks = new Map((saved.trunks ?? []).map((t) => [t.e164, t]));
  }

  list(): PstnTrunk[] {
    return [...this.trunks.values()].sort((a, b) => a.e164.localeCompare(b.e164));
  }

  get(e164: string): PstnTrunk | undefined {
    return this.trunks.get(e164);
  }

  /** Creates or replaces the trunk of `e164`; a string says what is wrong with the input. */
  put(e164: string, voiceConnectorHost: unknown): { trunk: PstnTrunk; created: boolean } | string {
    if (!E164_PATTERN.test(e164)) return `${e164} is not an E.164 number (+ and 2 to 15 digits).`;
    if (typeof voiceConnectorHost !== 'string' || !HOST_PATTERN.test(voiceConnectorHost))
      return 'voiceConnectorHost must be a host name, e.g. abcdef1ghij2klmno3pqr4.voiceconnector.chime.aws.';
    const created = !this.trunks.has(e164);
    const trunk = {
      e164,
      voiceConnectorHost: voiceConnectorHost.toLowerCase(),
      updatedAt: new Date(this.now()).toISOString(),
    };
    this.trunks.set(e164, trunk);
    this.save();
    return { trunk, created };
  }

  delete(e164: string): boolean {
    const had = this.trunks.delete(e164);
    if (had) this.save();
    return had;
  }

  private save(): void {
    writeJsonFile(this.file, { trunks: this.list() });
  }
}

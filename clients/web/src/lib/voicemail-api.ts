import type { ApiClient } from './api-client.ts';
import {
  readPlayback,
  readVoicemail,
  readVoicemailPage,
  type Voicemail,
  type VoicemailPage,
  type VoicemailPlayback,
} from './phone-model.ts';

/** The calling service's voicemail routes (a port): JSON in, the client's types out. Only the owner sees one. */
export interface VoicemailApi {
  list(options?: { before?: string; limit?: number }): Promise<VoicemailPage>;
  /** the voicemail and a presigned URL of its recording (15 minutes): fetch when playing, never keep it */
  get(id: string): Promise<VoicemailPlayback>;
  markHeard(id: string): Promise<Voicemail>;
  remove(id: string): Promise<void>;
}

export function voicemailApi(api: ApiClient): VoicemailApi {
  const path = (id: string, action = '') => `/calling/voicemails/${encodeURIComponent(id)}${action}`;
  return {
    async list(options = {}) {
      const query = { before: options.before, limit: options.limit };
      return readVoicemailPage(await api.request('GET', '/calling/voicemails', { query }));
    },
    async get(id) {
      const playback = readPlayback(await api.request('GET', path(id)));
      if (!playback) throw new Error('The calling service sent no recording');
      return playback;
    },
    async markHeard(id) {
      const body = await api.request<{ voicemail?: unknown } | undefined>('POST', path(id, '/heard'));
      const voicemail = readVoicemail(body?.voicemail);
      if (!voicemail) throw new Error('The calling service sent no voicemail');
      return voicemail;
    },
    async remove(id) {
      await api.request('DELETE', path(id));
    },
  };
}

import type { Join } from '../call-model.ts';
import { type CallMedia, chooseEngine } from './call-media.ts';

/**
 * Builds the engine a join needs. Both are loaded with a dynamic `import()`, so chat never pays
 * for call code, and the Chime SDK (large) only loads for a meeting on AWS.
 */
export async function createCallMedia(join: Join): Promise<CallMedia> {
  if (chooseEngine(join.meeting.MediaPlacement) === 'webrtc-relay') {
    const { WebRtcRelayMedia } = await import('./webrtc-relay.ts');
    return new WebRtcRelayMedia(join);
  }
  const { createChimeMedia } = await import('./chime-media.ts');
  return createChimeMedia(join);
}

import { S3Client } from '@aws-sdk/client-s3';
import { awsClient } from '@parley/lambda/clients';
import { once } from '@parley/lambda/once';
import { s3CallAudio } from '../adapters/call-audio.ts';
import { electroVoicemails } from '../adapters/voicemail-repository.ts';
import { config } from '../config.ts';
import { db } from './index.ts';

/** Voicemail and the audio bucket (the voicemail routes and the SIP media application handler). */
export const voicemail = /* @__PURE__ */ once(() => ({
  voicemails: electroVoicemails(db()),
  audio: s3CallAudio(awsClient(S3Client, {}), config.CALL_AUDIO_BUCKET),
}));

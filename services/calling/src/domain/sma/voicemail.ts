/**
 * Voicemail: the greeting (the owner's own text, or the default in their language), RecordAudio to
 * the owner's prefix in S3 (3 minutes at most; 5 s of silence or # end it), then the message is
 * listed, VoicemailLeft goes out (notifications texts the owner) and the caller hears goodbye. A
 * caller who hangs up before leaving anything is a missed call (CallMissed), once.
 */
import { VoicemailLeft } from '@parley/events/calling';
import { missedEvent } from '../call-end.ts';
import { type Call, DEFAULT_SETTINGS, LIMITS } from '../model.ts';
import { voicemailStorageUsage } from '../phone-usage.ts';
import { domainEvent } from '../ports.ts';
import { hangup, recordAudio, respond, speak } from './actions.ts';
import { leg, type SmaEvent, type SmaResponse } from './contract.ts';
import { attributeMap, type CallAttributes, type SmaDeps } from './deps.ts';
import { promptsFor } from './prompts.ts';

/** WAV as Chime records it: 8 kHz, 16-bit mono, a 44-byte header. */
const WAV_HEADER_BYTES = 44;
const WAV_BYTES_PER_SECOND = 16_000;
/** Shorter than this is a hang-up, not a message. */
const MIN_MESSAGE_SECONDS = 1;

/** The greeting and the recording (or, with voicemail off, a goodbye) for a call nobody answered. */
export async function voicemailActions(
  deps: SmaDeps,
  event: SmaEvent,
  attributes: CallAttributes,
  call: Call,
): Promise<SmaResponse> {
  const legA = leg(event, 'LEG-A')?.CallId ?? '';
  const [settings, owner] = await Promise.all([deps.settings.get(call.calleeId), deps.directory.get(call.calleeId)]);
  const { voicemailEnabled, greeting } = settings ?? DEFAULT_SETTINGS;
  const prompts = promptsFor(owner?.locale);
  const name = owner?.displayName ?? 'The person you called';
  if (!voicemailEnabled) {
    return respond([speak(legA, prompts.unavailable(name), prompts.voice), hangup(legA)], {
      ...attributeMap(attributes),
      stage: 'done',
    });
  }
  return respond(
    [
      speak(legA, greeting ?? prompts.greeting(name), prompts.voice),
      recordAudio(legA, deps.audio.recordingDestination(call.calleeId, call.id), {
        maxSeconds: LIMITS.voicemailMaxSeconds,
        silenceSeconds: LIMITS.voicemailSilenceSeconds,
      }),
    ],
    attributeMap({ ...attributes, stage: 'voicemail' }),
  );
}

/**
 * RecordAudio finished (the caller pressed #, fell silent, reached 3 minutes or hung up): a
 * message of at least a second is kept and announced; a retried event finds it kept already.
 */
export async function onRecorded(deps: SmaDeps, event: SmaEvent, attributes: CallAttributes): Promise<SmaResponse> {
  const legA = leg(event, 'LEG-A');
  const done = attributeMap({ ...attributes, stage: 'done' });
  const call = attributes.callId ? await deps.calls.get(attributes.callId) : undefined;
  const key = event.ActionData?.RecordingDestination?.Key;
  if (!call || !key) return respond(legA ? [hangup(legA.CallId)] : [], done);
  const owner = await deps.directory.get(call.calleeId);
  const prompts = promptsFor(owner?.locale);
  const goodbye =
    legA?.Status !== 'Disconnected' && legA
      ? [speak(legA.CallId, prompts.goodbye, prompts.voice), hangup(legA.CallId)]
      : [];

  const bytes = (await deps.audio.size(key)) ?? 0;
  const seconds = Math.max(0, (bytes - WAV_HEADER_BYTES) / WAV_BYTES_PER_SECOND);
  const durationSeconds = Math.round(seconds);
  // the exact length decides, not the rounded one (0.75 s rounds to 1 but is still no message)
  if (seconds < MIN_MESSAGE_SECONDS) {
    await deps.audio.delete(key);
    await announceMissed(deps, call);
    // nothing was saved: no "your message was saved", just the hang-up
    return respond(legA && legA.Status !== 'Disconnected' ? [hangup(legA.CallId)] : [], done);
  }
  const receivedAt = deps.clock.now().toISOString();
  const voicemail = {
    id: call.id,
    ownerId: call.calleeId,
    callId: call.id,
    from: call.callerId,
    callerName: call.phone?.callerName ?? call.callerName,
    to: call.phone?.local ?? '',
    country: call.phone?.country ?? null,
    key,
    bytes,
    durationSeconds,
    receivedAt,
    heard: false,
  };
  if (await deps.voicemails.create(voicemail)) {
    await deps.calls.update(call.id, { phone: { voicemailId: voicemail.id } });
    await deps.missed.increment(call.calleeId);
    await deps.events.publishAll([
      domainEvent(
        VoicemailLeft,
        {
          voicemailId: voicemail.id,
          callId: call.id,
          ownerId: call.calleeId,
          from: voicemail.from,
          callerName: voicemail.callerName,
          to: voicemail.to,
          durationSeconds,
          receivedAt,
        },
        { audience: [call.calleeId] },
      ),
      voicemailStorageUsage(deps, {
        userId: call.calleeId,
        callId: call.id,
        bytes,
        at: receivedAt,
        country: voicemail.country,
      }),
    ]);
  }
  return respond(goodbye, { ...done, voicemailId: voicemail.id });
}

/** The caller hung up during the greeting: a missed call after all. */
export async function onHungUpBeforeMessage(deps: SmaDeps, call: Call): Promise<void> {
  await announceMissed(deps, call);
}

async function announceMissed(deps: SmaDeps, call: Call): Promise<void> {
  await deps.missed.increment(call.calleeId);
  await deps.events.publishAll([missedEvent(call)]);
}

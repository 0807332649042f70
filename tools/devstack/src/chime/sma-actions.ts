/**
 * The media actions, with the time they take on a real call: Speak, PlayAudio, Pause, RecordAudio,
 * SendDigits, the two GetDigits actions, ReceiveDigits and VoiceFocus. Leg-level actions
 * (CallAndBridge, JoinChimeMeeting, ModifyChimeMeetingAttendees, Hangup) are in sma-legs.ts.
 */
import type { ActionContext } from './sma-context.ts';
import { collectDigits } from './sma-digits.ts';
import { audioSourceDuration, speechDurationMs, writeRecording } from './sma-media.ts';
import type { ActionOutcome, Leg, SmaAction } from './sma-types.ts';
import { intOf } from './sma-validate.ts';

export type Runner = (ctx: ActionContext, action: SmaAction, leg: Leg) => Promise<ActionOutcome>;

type S3Source = { BucketName: string; Key: string };
const failed = (errorType: string, message: string, extras?: Record<string, unknown>): ActionOutcome => ({
  kind: 'failed',
  errorType,
  message,
  ...(extras ? { extras } : {}),
});
const stopped = (ctx: ActionContext): ActionOutcome | undefined =>
  ctx.signal.aborted ? { kind: 'interrupted' } : undefined;

function say(ctx: ActionContext, leg: Leg, kind: 'speech' | 'audio', text: string): void {
  const call = ctx.phoneCall(leg);
  if (call) ctx.phone.note(call, 'spoken', { kind, text });
}

/** Speaks `text` on `leg` (the time Polly would take); false when aborted or cut by `cut`. */
async function speak(ctx: ActionContext, leg: Leg, p: Record<string, unknown>, cut?: AbortSignal): Promise<boolean> {
  const text = String(p.Text ?? '');
  say(ctx, leg, 'speech', text);
  return ctx.clock.sleep(speechDurationMs(text, p.TextType), anyOf(ctx.signal, cut));
}

/** Plays a WAV prompt `repeat` times; the error message when the object cannot be played. */
async function play(
  ctx: ActionContext,
  leg: Leg,
  source: S3Source,
  repeat: number,
  cut?: AbortSignal,
): Promise<{ ok: true; completed: boolean } | { ok: false; message: string }> {
  const audio = await audioSourceDuration(ctx.s3, source);
  if (!audio.ok) return audio;
  say(ctx, leg, 'audio', `s3://${source.BucketName}/${source.Key}`);
  for (let i = 0; i < repeat; i++) {
    if (!(await ctx.clock.sleep(audio.ms, anyOf(ctx.signal, cut)))) return { ok: true, completed: false };
  }
  return { ok: true, completed: true };
}

function anyOf(...signals: (AbortSignal | undefined)[]): AbortSignal {
  return AbortSignal.any(signals.filter((s): s is AbortSignal => s !== undefined));
}

/** Stops on the first key in `terminators` pressed on `leg`; returns the key once pressed. */
function terminatorWatch(ctx: ActionContext, leg: Leg, terminators: unknown) {
  const keys = Array.isArray(terminators) ? terminators.map(String) : [];
  const controller = new AbortController();
  let used: string | undefined;
  const input = ctx.digits(leg);
  input.queue.consumes = false;
  input.queue.onDigit = (digit) => {
    if (used === undefined && keys.includes(digit)) {
      used = digit;
      controller.abort();
    }
  };
  return { signal: controller.signal, used: () => used, stop: () => input.stop() };
}

/** SpeakAndGetDigits / PlayAudioAndGetDigits: prompt, collect, validate; retry with the failure prompt. */
function getDigits(prompt: 'speech' | 'audio'): Runner {
  return async (ctx, action, leg) => {
    const p = action.Parameters;
    const attempts = intOf(p.Repeat) ?? 1;
    const repeatMs = intOf(p.RepeatDurationInMilliseconds) ?? 5000;
    const options = {
      firstDigitTimeoutMs: repeatMs,
      inBetweenMs: intOf(p.InBetweenDigitsDurationInMilliseconds) ?? repeatMs,
      max: intOf(p.MaxNumberOfDigits) ?? 128,
      terminators: Array.isArray(p.TerminatorDigits) ? p.TerminatorDigits.map(String) : ['#'],
    };
    const min = Math.max(1, intOf(p.MinNumberOfDigits) ?? 0);
    const regex = typeof p.InputDigitsRegex === 'string' ? new RegExp(p.InputDigitsRegex) : undefined;
    let last = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const input = ctx.digits(leg);
      try {
        // barge-in: the first key press stops the prompt
        const bargeIn = new AbortController();
        input.queue.onDigit = () => bargeIn.abort();
        const prompted = await promptOnce(ctx, leg, prompt, p, 'main', bargeIn.signal);
        if (prompted) return prompted;
        input.queue.onDigit = undefined;
        const got = await collectDigits(input.queue, ctx.clock, options, ctx.signal);
        const halt = stopped(ctx);
        if (halt) return halt;
        last = got.digits;
        if (got.digits.length >= min && (!regex || regex.test(got.digits)))
          return { kind: 'done', extras: { ReceivedDigits: got.digits } };
      } finally {
        input.stop();
      }
      const failedPrompt = await promptOnce(ctx, leg, prompt, p, 'failure');
      if (failedPrompt) return failedPrompt;
    }
    return failed('InvalidDigitsReceived', `No valid digits after ${attempts} attempt(s).`, { ReceivedDigits: last });
  };
}

async function promptOnce(
  ctx: ActionContext,
  leg: Leg,
  prompt: 'speech' | 'audio',
  p: Record<string, unknown>,
  which: 'main' | 'failure',
  cut?: AbortSignal,
): Promise<ActionOutcome | undefined> {
  if (prompt === 'speech') {
    const speech = (which === 'main' ? p.SpeechParameters : p.FailureSpeechParameters) as Record<string, unknown>;
    await speak(ctx, leg, speech, cut);
    return stopped(ctx);
  }
  const source = (which === 'main' ? p.AudioSource : p.FailureAudioSource) as S3Source;
  const played = await play(ctx, leg, source, 1, cut);
  if (!played.ok) return failed('InvalidAudioSource', played.message);
  return stopped(ctx);
}

async function record(ctx: ActionContext, action: SmaAction, leg: Leg): Promise<ActionOutcome> {
  const p = action.Parameters;
  const destination = p.RecordingDestination as { BucketName: string; Prefix?: string };
  const seconds = intOf(p.DurationInSeconds);
  const limitMs = seconds ? seconds * 1000 : ctx.timing.maxRecordingMs;
  const watch = terminatorWatch(ctx, leg, p.RecordingTerminators);
  const started = ctx.clock.callTime();
  let full: boolean;
  try {
    full = await ctx.clock.sleep(limitMs, anyOf(ctx.signal, watch.signal));
  } finally {
    watch.stop();
  }
  // Cut short: as long as it lasted (timers are not exact, so a full recording is exactly the limit).
  const durationMs = full ? limitMs : Math.min(limitMs, Math.round(ctx.clock.callTime() - started));
  const key = `${destination.Prefix ?? ''}${leg.callId}-${ctx.nextRecording()}.wav`;
  try {
    await writeRecording(ctx.s3, destination.BucketName, key, durationMs);
  } catch (err) {
    return failed('SystemException', `Cannot write s3://${destination.BucketName}/${key}: ${(err as Error).message}`);
  }
  const call = ctx.phoneCall(leg);
  if (call) ctx.phone.note(call, 'recordings', { bucket: destination.BucketName, key, durationMs });
  // A recording cut by UpdateSipMediaApplicationCall is reported as ACTION_INTERRUPTED; one cut by
  // the caller hanging up is still reported (with its key) before HANGUP, so voicemail is not lost.
  if (ctx.abortReason() === 'update') return { kind: 'interrupted' };
  const terminator = watch.used();
  return {
    kind: 'done',
    extras: {
      RecordingDestination: { Type: 'S3', BucketName: destination.BucketName, Key: key },
      ...(terminator ? { RecordingTerminatorUsed: terminator } : {}),
    },
  };
}

/** Runners by action type (media and digits). */
export const MEDIA_RUNNERS: Record<string, Runner> = {
  Speak: async (ctx, action, leg) =>
    (await speak(ctx, leg, action.Parameters)) ? { kind: 'done' } : { kind: 'interrupted' },
  PlayAudio: async (ctx, action, leg) => {
    const p = action.Parameters;
    const watch = terminatorWatch(ctx, leg, p.PlaybackTerminators);
    try {
      const played = await play(ctx, leg, p.AudioSource as S3Source, intOf(p.Repeat) ?? 1, watch.signal);
      if (!played.ok) return failed('InvalidAudioSource', played.message);
      return stopped(ctx) ?? { kind: 'done' };
    } finally {
      watch.stop();
    }
  },
  Pause: async (ctx, action) =>
    (await ctx.clock.sleep(intOf(action.Parameters.DurationInMilliseconds) ?? 0, ctx.signal))
      ? { kind: 'done' }
      : { kind: 'interrupted' },
  RecordAudio: record,
  SendDigits: async (ctx, action, leg) => {
    const p = action.Parameters;
    const digits = String(p.Digits);
    const tone = intOf(p.ToneDurationInMilliseconds) ?? 250;
    const call = ctx.phoneCall(leg);
    if (call) ctx.phone.note(call, 'digitsReceived', { digits });
    const ms = [...digits].reduce((sum, d) => sum + (d === ',' ? 500 : tone + 50), 0);
    return (await ctx.clock.sleep(ms, ctx.signal)) ? { kind: 'done' } : { kind: 'interrupted' };
  },
  SpeakAndGetDigits: getDigits('speech'),
  PlayAudioAndGetDigits: getDigits('audio'),
  ReceiveDigits: async (ctx, action, leg) => {
    ctx.listen(leg, action);
    return { kind: 'done' };
  },
  VoiceFocus: async () => ({ kind: 'done' }),
  StartBotConversation: async () =>
    failed('SystemException', 'devstack has no Amazon Lex: StartBotConversation is not emulated.'),
  StartCallRecording: async () => failed('SystemException', 'Call recording is not emulated on devstack.'),
  StopCallRecording: async () => failed('SystemException', 'Call recording is not emulated on devstack.'),
  PauseCallRecording: async () => failed('SystemException', 'Call recording is not emulated on devstack.'),
  ResumeCallRecording: async () => failed('SystemException', 'Call recording is not emulated on devstack.'),
};

import { CallAnswered, CallRinging } from '@parley/events/calling';
import { type EndDeps, endCall } from './call-end.ts';
import { Blocked, CallNotFound, CallNotRinging, CannotCallYourself, NotTheCallee, UserNotFound } from './errors.ts';
import {
  type Call,
  type CallView,
  DEFAULT_SETTINGS,
  isParticipant,
  type Media,
  mediaRegionFor,
  PHONE_ATTENDEE,
  usersOf,
  viewOf,
} from './model.ts';
import {
  type BlockStore,
  domainEvent,
  type MeetingJoin,
  type SettingsRepository,
  type UserDirectory,
} from './ports.ts';

/** What the call use cases need. */
export interface CallDeps extends EndDeps {
  directory: UserDirectory;
  settings: SettingsRepository;
  blocks: BlockStore;
}

export interface CallAndJoin {
  call: CallView;
  join: MeetingJoin;
  /** true when the request answered the callee's own call to the caller (glare) instead of placing one */
  answeredExisting: boolean;
}

/** A call the requester takes part in; anyone else (or a call that does not exist) gets CallNotFound. */
async function participantsCall(deps: Pick<CallDeps, 'calls'>, callId: string, userId: string): Promise<Call> {
  const call = await deps.calls.get(callId);
  if (!call || !isParticipant(call, userId)) throw new CallNotFound('There is no such call.');
  return call;
}

const stillRinging = (call: Call, now: Date) => call.state === 'ringing' && Date.parse(call.ringUntil) > now.getTime();

/**
 * Places an app call: a Chime meeting in the region nearest the callee with an attendee per
 * person, the call stored as ringing for the callee's ring timeout, and CallRinging to the callee
 * (also while they are in another call: the client shows call waiting). Glare: when the callee is
 * already ringing the caller, that call is answered and returned instead.
 */
export async function startCall(
  deps: CallDeps,
  input: { callerId: string; calleeId: string; media: Media },
): Promise<CallAndJoin> {
  if (input.calleeId === input.callerId) throw new CannotCallYourself('You cannot call yourself.');
  const [callee, caller, blocked] = await Promise.all([
    deps.directory.get(input.calleeId),
    deps.directory.get(input.callerId),
    deps.blocks.between(input.callerId, input.calleeId),
  ]);
  if (!callee) throw new UserNotFound('There is no such person.');
  if (blocked) throw new Blocked('You cannot call this person.');

  const crossing = await deps.calls.ringingBetween(input.calleeId, input.callerId);
  if (crossing) {
    const existing = await deps.calls.get(crossing);
    if (existing && stillRinging(existing, deps.clock.now())) {
      const answered = await tryAnswer(deps, existing, input.callerId, existing.media);
      if (answered) return { ...answered, answeredExisting: true };
    }
  }

  const settings = (await deps.settings.get(input.calleeId)) ?? DEFAULT_SETTINGS;
  const id = deps.ids.id();
  const now = deps.clock.now();
  const mediaRegion = mediaRegionFor(callee.timeZone, caller?.timeZone);
  const { meetingId, joins } = await deps.meetings.create({
    callId: id,
    mediaRegion,
    userIds: [input.callerId, input.calleeId],
  });
  const call: Call = {
    id,
    kind: 'app',
    media: input.media,
    state: 'ringing',
    callerId: input.callerId,
    calleeId: input.calleeId,
    // the projection may lag a brand-new account by a moment: the id stands in for the name
    callerName: caller?.displayName ?? input.callerId,
    meetingId,
    mediaRegion,
    startedAt: now.toISOString(),
    ringUntil: new Date(now.getTime() + settings.ringTimeoutSeconds * 1000).toISOString(),
  };
  await deps.calls.create(call);
  await deps.events.publishAll([
    domainEvent(
      CallRinging,
      {
        callId: id,
        callerId: call.callerId,
        callerName: call.callerName,
        calleeId: call.calleeId,
        media: call.media,
        startedAt: call.startedAt,
        ringUntil: call.ringUntil,
      },
      { audience: [call.calleeId] },
    ),
  ]);
  const join = joins.get(input.callerId);
  if (!join) throw new Error(`meeting ${meetingId} has no attendee for the caller`);
  return { call: viewOf(call, input.callerId), join, answeredExisting: false };
}

/** The conditional ringing → active write and what follows it; undefined when another device won. */
export async function tryAnswer(
  deps: CallDeps,
  call: Call,
  userId: string,
  media: Media,
): Promise<Omit<CallAndJoin, 'answeredExisting'> | undefined> {
  const answeredAt = deps.clock.now().toISOString();
  const active = await deps.calls.transition(call.id, 'ringing', { state: 'active', answeredAt, media });
  if (!active) return undefined;
  const [join] = await Promise.all([deps.meetings.join(active.meetingId, userId), deps.calls.clearRinging(active)]);
  if (active.kind === 'pstn-in') await joinPhoneLeg(deps, active);
  await deps.events.publishAll([
    domainEvent(CallAnswered, { callId: active.id, answeredAt, media }, { audience: usersOf(active) }),
  ]);
  return { call: viewOf(active, userId), join };
}

/**
 * An answered inbound phone call: the SIP media application joins the caller's leg to the call's
 * meeting (UpdateSipMediaApplicationCall → CALL_UPDATE_REQUESTED → JoinChimeMeeting). If the caller
 * hung up meanwhile, the SIP media application's HANGUP ends the call.
 */
async function joinPhoneLeg(deps: CallDeps, call: Call): Promise<void> {
  const transactionId = call.phone?.transactionId;
  if (!transactionId) throw new Error(`phone call ${call.id} has no SIP media application transaction`);
  const phone = await deps.meetings.join(call.meetingId, PHONE_ATTENDEE);
  const joinToken = String(phone.attendee.JoinToken ?? '');
  const live = await deps.sma.update(transactionId, { op: 'join', meetingId: call.meetingId, joinToken });
  if (!live) deps.diagnostics.warn('answered a phone call that had hung up', { callId: call.id, transactionId });
}

/**
 * The callee answers on one of their devices. Exactly one of two racing answers wins (a
 * conditional write); the other, or an answer after the call stopped ringing, gets CallNotRinging.
 */
export async function answerCall(
  deps: CallDeps,
  input: { userId: string; callId: string; media?: Media },
): Promise<Omit<CallAndJoin, 'answeredExisting'>> {
  const call = await participantsCall(deps, input.callId, input.userId);
  if (call.calleeId !== input.userId) throw new NotTheCallee('Only the person being called can answer.');
  if (!stillRinging(call, deps.clock.now())) throw new CallNotRinging('This call is no longer ringing.');
  // a phone carries audio only, whatever the browser offers
  const media = call.kind === 'app' ? (input.media ?? call.media) : 'audio';
  const answered = await tryAnswer(deps, call, input.userId, media);
  if (!answered) throw new CallNotRinging('This call was answered elsewhere or has ended.');
  return answered;
}

/** The callee refuses a ringing call: it ends as `declined` for both. */
export async function declineCall(deps: CallDeps, input: { userId: string; callId: string }): Promise<CallView> {
  const call = await participantsCall(deps, input.callId, input.userId);
  if (call.calleeId !== input.userId) throw new NotTheCallee('Only the person being called can decline.');
  if (call.state !== 'ringing') throw new CallNotRinging('This call is no longer ringing.');
  const ended =
    call.kind === 'pstn-in'
      ? await sendToVoicemail(deps, call, input.userId)
      : await endCall(deps, call, 'ringing', 'declined', input.userId);
  if (!ended) throw new CallNotRinging('This call was answered elsewhere or has ended.');
  return viewOf(ended, input.userId);
}

/**
 * A declined phone call goes to voicemail (the SIP media application cuts the ringback and plays
 * the greeting); CallMissed waits until it is known whether a message was left.
 */
async function sendToVoicemail(deps: CallDeps, call: Call, userId: string): Promise<Call | undefined> {
  const ended = await endCall(deps, call, 'ringing', 'declined', userId, { hangUpPhone: false, announceMissed: false });
  const transactionId = ended?.phone?.transactionId;
  if (transactionId) await deps.sma.update(transactionId, { op: 'voicemail' });
  return ended;
}

/**
 * Either side hangs up: a ringing call the caller hangs up is `cancelled` (the callee hanging up a
 * ringing call declines it), an active one `completed` with its duration. Hanging up a call that
 * has already ended answers it as it is.
 */
export async function hangupCall(deps: CallDeps, input: { userId: string; callId: string }): Promise<CallView> {
  let call = await participantsCall(deps, input.callId, input.userId);
  if (call.kind === 'pstn-in' && call.state === 'ringing') {
    const declined = await sendToVoicemail(deps, call, input.userId);
    if (declined) return viewOf(declined, input.userId);
    call = await participantsCall(deps, input.callId, input.userId);
  }
  // Two tries: a ringing call may be answered between the read and the write.
  for (let attempt = 0; attempt < 2 && call.state !== 'ended'; attempt++) {
    const reason = call.state === 'active' ? 'completed' : call.callerId === input.userId ? 'cancelled' : 'declined';
    const ended = await endCall(deps, call, call.state, reason, input.userId);
    if (ended) return viewOf(ended, input.userId);
    call = await participantsCall(deps, input.callId, input.userId);
  }
  return viewOf(call, input.userId);
}

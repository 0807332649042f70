/**
 * SIP media application invocation events shaped like the contract's examples
 * (shared/contracts/chime-pstn.md §1.4), and a driver that runs them through the dispatch and checks
 * every response against the contract (§2: SchemaVersion 1.0, at most 10 actions, each naming its CallId).
 */
import { expect } from 'vitest';
import { MEETING_DIAL_IN, type Participant, SmaEvent, type SmaResponse } from '../src/domain/sma/contract.ts';
import { handleSmaEvent } from '../src/domain/sma/dispatch.ts';
import { memoryDeps } from './memory.ts';

export const ana = { userId: 'u-ana', displayName: 'Ana', timeZone: 'America/Panama', locale: 'en-PA' };
export const bea = { userId: 'u-bea', displayName: 'Bea', timeZone: 'Europe/Zurich', locale: 'es-CH' };
export const cai = { userId: 'u-cai', displayName: 'Cai' };
/** Ana's Parley number (Panama) and Bea's (Switzerland). */
export const ANA_NUMBER = '+5078001234';
export const BEA_NUMBER = '+41445550199';
/** A Swiss fixed line: it calls in, and it is dialled out. */
export const CALLER = '+41446681800';

export type World = ReturnType<typeof memoryDeps>;

/** Every port in memory, with Ana's and Bea's numbers assigned. */
export function smaWorld(): World {
  const deps = memoryDeps([ana, bea, cai]);
  deps.numberOwners.owners[ANA_NUMBER] = { userId: ana.userId, country: 'PA', carrier: 'sip-trunk' };
  deps.numberOwners.owners[BEA_NUMBER] = { userId: bea.userId, country: 'CH', carrier: 'chime' };
  return deps;
}

/** The phone's leg (LEG-A): the caller of an inbound call, or the number Parley dialled. */
export function phoneLeg(overrides: Partial<Participant> = {}): Participant {
  return {
    CallId: 'leg-a',
    ParticipantTag: 'LEG-A',
    To: ANA_NUMBER,
    From: CALLER,
    Direction: 'Inbound',
    StartTimeInMilliseconds: '1796119200000',
    Status: 'Connected',
    ...overrides,
  };
}

/** The meeting's leg (LEG-B) that JoinChimeMeeting creates. */
export const meetingLeg = (status: 'Connected' | 'Disconnected' = 'Connected'): Participant => ({
  CallId: 'leg-b',
  ParticipantTag: 'LEG-B',
  To: MEETING_DIAL_IN,
  From: 'SMA',
  Direction: 'Outbound',
  StartTimeInMilliseconds: '1796119230000',
  Status: status,
});

let sequence = 0;

/** An invocation event, parsed with the handler's own schema (so it is one the handler accepts). */
export function smaEvent(
  type: SmaEvent['InvocationEventType'],
  input: {
    transactionId?: string;
    attributes?: Record<string, string>;
    legs?: Participant[];
    actionData?: Record<string, unknown>;
    error?: { ErrorType: string; ErrorMessage: string };
  } = {},
): SmaEvent {
  sequence += 1;
  return SmaEvent.parse({
    SchemaVersion: '1.0',
    Sequence: sequence,
    InvocationEventType: type,
    CallDetails: {
      TransactionId: input.transactionId ?? 'c5a25427-88f4-4bf6-b4b2-f44659300bdc',
      ...(input.attributes ? { TransactionAttributes: input.attributes } : {}),
      AwsAccountId: '0123456789AB',
      AwsRegion: 'us-east-1',
      SipRuleId: '25109ac0-0000-4000-8000-000000000001',
      SipMediaApplicationId: '266e0891-0000-4000-8000-000000000002',
      Participants: input.legs ?? [phoneLeg()],
    },
    ...(input.actionData ? { ActionData: input.actionData } : {}),
    ...(input.error ?? {}),
  });
}

/** The contract's rules for every response (§2.1, §2.3). */
export function expectValidResponse(response: SmaResponse): void {
  expect(response.SchemaVersion).toBe('1.0');
  expect(response.Actions.length).toBeLessThanOrEqual(10);
  // every action names its leg, but CallAndBridge, which always bridges from LEG-A (it takes no CallId)
  const onALeg = response.Actions.filter((action) => action.Type !== 'CallAndBridge');
  for (const action of onALeg) expect(action.Parameters.CallId, action.Type).toEqual(expect.any(String));
  for (const action of onALeg) expect(action.Parameters.CallId, action.Type).not.toBe('');
  for (const value of Object.values(response.TransactionAttributes ?? {})) expect(value).toEqual(expect.any(String));
}

/** Runs one event through the dispatch and checks the response. */
export async function invoke(deps: World, event: SmaEvent): Promise<SmaResponse> {
  const response = await handleSmaEvent(deps, event);
  expectValidResponse(response);
  return response;
}

export const types = (response: SmaResponse) => response.Actions.map((a) => a.Type);

/** ActionData echoing an action the handler returned (ACTION_SUCCESSFUL / ACTION_FAILED). */
export const echo = (action: { Type: string; Parameters: Record<string, unknown> }, extra = {}) => ({
  Type: action.Type,
  Parameters: action.Parameters,
  ...extra,
});

/** ActionData of a HANGUP of one leg. */
export const hangupData = (tag: 'LEG-A' | 'LEG-B' = 'LEG-A', code = '0') => ({
  Type: 'Hangup',
  Parameters: { SipResponseCode: code, CallId: tag === 'LEG-A' ? 'leg-a' : 'leg-b', ParticipantTag: tag },
});

/** ActionData of CALL_UPDATE_REQUESTED (UpdateSipMediaApplicationCall's Arguments). */
export const updateData = (args: Record<string, string>) => ({
  Type: 'CallUpdateRequest',
  Parameters: { Arguments: args },
});

/** A phone dials Ana's number: the response, the attributes to carry on, and the stored call's id. */
export async function ringAna(deps: World, transactionId = 'tx-in-1') {
  const response = await invoke(deps, smaEvent('NEW_INBOUND_CALL', { transactionId, legs: [phoneLeg()] }));
  const attributes = response.TransactionAttributes ?? {};
  return { response, attributes, callId: attributes.callId as string, transactionId };
}

/** Ana's ringback ran out: the greeting and RecordAudio (voicemail on). */
export async function ringbackOver(deps: World, ring: Awaited<ReturnType<typeof ringAna>>) {
  const played = ring.response.Actions[0];
  if (!played) throw new Error('no ringback to finish');
  return invoke(
    deps,
    smaEvent('ACTION_SUCCESSFUL', {
      transactionId: ring.transactionId,
      attributes: ring.attributes,
      actionData: echo(played),
    }),
  );
}

/** A WAV of `seconds` as Chime records it (8 kHz 16-bit mono after a 44-byte header). */
export const wavBytes = (seconds: number) => 44 + Math.round(seconds * 16_000);

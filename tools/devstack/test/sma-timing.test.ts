import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmaEvent } from '../src/chime/sma-types.ts';
import { type Harness, respond, SCALE, sleep, startHarness } from './sma-harness.ts';

const CALLER = '+6561234567';
const callTime = (ms: number) => ms * SCALE; // real ms for `ms` of call time
const legA = (e: SmaEvent) => e.CallDetails.Participants[0]?.CallId ?? '';

describe('SMA driver, timeouts and retries of the Lambda invocation (clock at 1/10)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  const eventsOf = (tx: string) => h.events.filter((e) => e.CallDetails.TransactionId === tx);

  it('given a handler that answers after 7 s, when the SMA retries at 5 s, then the retry has the same Sequence and its answer runs', async () => {
    h.script.current = async (event, attempt) => {
      if (event.InvocationEventType === 'NEW_INBOUND_CALL') {
        if (attempt === 1) {
          await sleep(callTime(7000));
          return respond([{ Type: 'Hangup', Parameters: { SipResponseCode: '486' } }]);
        }
        return respond([{ Type: 'Speak', Parameters: { CallId: legA(event), Text: 'second attempt' } }]);
      }
      if (event.InvocationEventType === 'ACTION_SUCCESSFUL') return respond([{ Type: 'Hangup', Parameters: {} }]);
      return respond();
    };

    const call = h.dial(CALLER);
    const ended = await h.until(() => h.phone.get(call.id)?.state === 'ended' && h.phone.get(call.id), 'the hangup');

    const first = eventsOf(ended.transactionId ?? '').filter((e) => e.InvocationEventType === 'NEW_INBOUND_CALL');
    expect(first).toHaveLength(2);
    expect(first[1]).toEqual(first[0]);
    expect(ended.spoken.map((s) => s.text)).toEqual(['second attempt']);
    expect(ended).toMatchObject({ endReason: 'remote-hung-up', sipResponseCode: '0' });
  });

  it('given a handler that throws, then it is retried once and the call ends with 480', async () => {
    h.script.current = () => {
      throw new Error('boom');
    };

    const call = h.dial(CALLER);
    const ended = await h.until(() => h.phone.get(call.id)?.state === 'ended' && h.phone.get(call.id), 'the end');
    await sleep(callTime(6000));

    expect(eventsOf(ended.transactionId ?? '').map((e) => [e.InvocationEventType, e.Sequence])).toEqual([
      ['NEW_INBOUND_CALL', 1],
      ['NEW_INBOUND_CALL', 1],
    ]);
    expect(ended).toMatchObject({ endReason: 'unavailable', sipResponseCode: '480' });
  });

  it('given a handler that never answers, then it is retried every 5 s and the call is hung up at 20 s', async () => {
    h.script.current = async () => {
      await sleep(callTime(30_000));
      return respond();
    };
    const started = Date.now();

    const call = h.dial(CALLER);
    const ended = await h.until(() => h.phone.get(call.id)?.state === 'ended' && h.phone.get(call.id), 'the end');

    expect(Date.now() - started).toBeGreaterThanOrEqual(callTime(20_000) - 5);
    expect(eventsOf(ended.transactionId ?? '').map((e) => e.Sequence)).toEqual([1, 1, 1, 1]);
    expect(ended).toMatchObject({ endReason: 'unavailable', sipResponseCode: '480' });
  });

  it('given no actions for NEW_INBOUND_CALL, then after 30 s the call is hung up with 480', async () => {
    h.script.current = () => respond([]);

    const call = h.dial(CALLER);
    await h.until(() => h.phone.get(call.id)?.transactionId, 'the transaction');
    await sleep(callTime(20_000));
    const still = h.phone.get(call.id)?.state;
    const ended = await h.until(() => h.phone.get(call.id)?.state === 'ended' && h.phone.get(call.id), 'the hangup');
    await h.until(() => h.sequence(ended.transactionId ?? '').includes('HANGUP'), 'HANGUP');

    expect(still).toBe('ringing');
    const hangup = eventsOf(ended.transactionId ?? '').at(-1);
    expect(hangup).toMatchObject({
      InvocationEventType: 'HANGUP',
      ActionData: { Type: 'Hangup', Parameters: { SipResponseCode: '480', ParticipantTag: 'LEG-A' } },
    });
    expect(ended).toMatchObject({ endReason: 'no-answer', sipResponseCode: '480' });
  });
});

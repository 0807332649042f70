import { describe, expect, it } from 'vitest';
import { fakeMediaFactory } from '../test/fake-media.ts';
import { apiFor, FakeServer, settle } from '../test/harness.ts';
import { CallStore } from './call-store.ts';
import { callingApi } from './calling-api.ts';
import { DialPadStore } from './dial-pad-store.ts';
import type { Quote } from './phone-model.ts';

const SWISS = '+41446681800';

function setup() {
  const server = new FakeServer();
  const bob = server.addUser('Bob Marley');
  const media = fakeMediaFactory();
  const store = new CallStore({
    api: callingApi(apiFor(server, bob.id)),
    me: bob.id,
    createMedia: media.createMedia,
    endedLingerMs: 60_000,
  });
  return { server, bob, media, store };
}

describe('phone calls in the call store', () => {
  it('rings for a phone call found after a reconnect, named by its number, and answers it with audio', async () => {
    // Given a phone ringing Bob's number while his socket was down
    const { server, bob, media, store } = setup();
    const call = server.calling.phone.inbound(SWISS, bob.id, '+5072345678');

    // When the store reads the log again
    await store.resync();

    // Then it rings, with the caller's number as the name and the phone side known
    expect(store.state.get().rings).toMatchObject([
      { callId: call.id, callerId: SWISS, callerName: '+41 44 668 18 00', phone: { number: SWISS, country: 'PA' } },
    ]);

    // When he answers (even "with video")
    await store.answer(call.id, 'video');

    // Then it is an audio-only phone call, priced as the answer says
    expect(media.built[0]?.joined).toEqual({ audio: true, video: false });
    expect(store.state.get().current).toMatchObject({
      kind: 'pstn-in',
      phase: 'active',
      media: 'audio',
      phone: { number: SWISS, rate: { ratePerMinute: 0.01 } },
    });
  });

  it('keeps the guard’s reason when a call to a phone is refused, and joins nothing', async () => {
    // Given a number the guard refuses
    const { server, media, store } = setup();
    server.calling.phone.refused.set(SWISS, { reason: 'country_not_allowed', message: 'Not allowed' });

    // When Bob dials it
    await store.dial(SWISS);

    // Then the call failed with the reason, and no media was built
    expect(store.state.get().current).toMatchObject({
      phase: 'ended',
      endReason: 'failed',
      error: 'call_not_allowed',
      refusal: 'country_not_allowed',
    });
    expect(media.built).toEqual([]);
  });

  it('takes the cost from CallEnded, and sends DTMF only on an active phone call', async () => {
    // Given Bob calling a Swiss number
    const { server, store } = setup();
    await store.dial(SWISS, { country: 'CH' });
    const call = [...server.calling.calls.values()][0];
    if (!call) throw new Error('no call');

    // Then keys cannot be sent while it rings
    expect(await store.sendDigits('1')).toBe(false);

    // When the phone answers, then keys reach it
    call.state = 'active';
    store.applyFrame(server.calling.answeredFrame(call));
    expect(await store.sendDigits('12#')).toBe(true);
    expect(server.calling.phone.dtmf).toEqual([{ callId: call.id, digits: '12#' }]);

    // When it ends after 2:01
    server.calling.end(call, 'completed', 121);
    store.applyFrame(server.calling.endedFrame(call));

    // Then the call carries the billed cost: three started minutes at $0.02
    expect(store.state.get().current).toMatchObject({ phase: 'ended', durationSeconds: 121, cost: { amount: 0.06 } });
  });
});

describe('the dial pad store', () => {
  it('asks the price once typing pauses, and drops an answer for a number no longer on the pad', async () => {
    // Given a dial pad whose quotes answer when the test says
    const asked: string[] = [];
    const answers = new Map<string, (q: Quote) => void>();
    const pad = new DialPadStore({
      api: {
        quote: (to) => {
          asked.push(to);
          return new Promise((resolve) => answers.set(to, resolve));
        },
      },
      defaultCountry: () => 'CH',
      debounceMs: 5,
    });
    const quote = (to: string, allowed = true): Quote => ({
      to,
      country: 'CH',
      numberType: 'fixed',
      ratePerMinute: 0.02,
      currency: 'USD',
      billing: { firstSeconds: 60, nextSeconds: 60 },
      allowed,
    });

    // When a national number is typed key by key
    for (const key of '0446681800') pad.press(key as '0');
    await settle();

    // Then it is read as Swiss, and one quote was asked
    expect(pad.state.get().parsed).toMatchObject({ e164: SWISS, display: '+41 44 668 18 00' });
    expect(asked).toEqual([SWISS]);
    expect(pad.state.get().quote.status).toBe('loading');

    // When the number changes before the answer comes
    pad.setInput('+41 44 668 18 01');
    await settle();
    answers.get(SWISS)?.(quote(SWISS));
    await settle();

    // Then the old answer is dropped, and the new number's is shown
    expect(pad.state.get().quote.status).toBe('loading');
    answers.get('+41446681801')?.(quote('+41446681801', false));
    await settle();
    expect(pad.state.get().quote).toMatchObject({ status: 'ready', for: '+41446681801', value: { allowed: false } });

    // When it is cleared, then nothing is quoted
    pad.clear();
    expect(pad.state.get().quote.status).toBe('idle');
    pad.dispose();
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '../lib/i18n.ts';
import { FakeServer } from '../test/fake-server.ts';
import { signedIn } from '../test/signed-in.tsx';

const SWISS = '+41446681800';

/** Bob on the Calls view's keypad. */
async function onKeypad(server = new FakeServer()) {
  const bob = server.addUser('Bob Marley');
  const app = await signedIn(server, bob.id, '#/calls');
  fireEvent.click(await screen.findByRole('tab', { name: 'Keypad' }));
  return { server, bob, ...app, input: screen.getByLabelText('Phone number') };
}

describe('the dial pad', () => {
  beforeEach(() => setLocale('en'));

  it('reads a pasted number, shows its flag and the price per minute, and calls it', async () => {
    // Given Bob on the keypad
    const { server, bob, input } = await onKeypad();
    const call = screen.getByTestId('dialpad-call');
    expect(call).toHaveProperty('disabled', true);

    // When he pastes a Swiss number with dashes
    fireEvent.change(input, { target: { value: '+41-44-668-18-00' } });

    // Then it shows in international format with the Swiss flag, and the price before dialling
    const shown = screen.getByTestId('dialpad-number');
    expect(shown.textContent).toContain('+41 44 668 18 00');
    expect(within(shown).getByRole('img', { name: 'Switzerland' }).textContent).toBe('🇨🇭');
    expect(await screen.findByText('$0.02 per minute')).toBeTruthy();
    expect(screen.getByTestId('dialpad-price').textContent).toContain('Landline · Switzerland');
    expect(server.calls.filter((c) => c.path === '/calling/quote').map((c) => c.query.get('to'))).toEqual([SWISS]);

    // When he calls it
    fireEvent.click(screen.getByRole('button', { name: 'Call +41 44 668 18 00' }));

    // Then a phone call to that number is placed, audio only, and the screen says it is calling
    await waitFor(() => expect(screen.getByTestId('call-status').textContent).toBe('Calling +41 44 668 18 00…'));
    const placed = [...server.calling.calls.values()][0];
    expect(placed).toMatchObject({ kind: 'pstn-out', callerId: bob.id, calleeId: SWISS, media: 'audio' });
    expect(screen.getByTestId('call-cost').textContent).toBe('$0.02/min');
  });

  it('takes the keys and the keyboard, and asks the price only once typing pauses', async () => {
    // Given Bob on the keypad
    const { server } = await onKeypad();

    // When he presses + 4 1 on the pad and types the rest on the keyboard, then deletes a stray digit
    fireEvent.contextMenu(screen.getByRole('button', { name: '0' }));
    for (const key of ['4', '1']) fireEvent.click(screen.getByRole('button', { name: key }));
    for (const key of '4466818009') fireEvent.keyDown(document.body, { key });
    fireEvent.keyDown(document.body, { key: 'Backspace' });

    // Then the pad holds the number and one quote is asked for it
    expect((screen.getByLabelText('Phone number') as HTMLInputElement).value).toBe('+41446681800');
    expect(await screen.findByText('$0.02 per minute')).toBeTruthy();
    expect(server.calls.filter((c) => c.path === '/calling/quote')).toHaveLength(1);
  });

  it('says why a number is refused and keeps Call off; a price that cannot load can be asked again', async () => {
    // Given a premium-rate number the guard refuses, and a quote service that fails at first
    const server = new FakeServer();
    server.calling.phone.refused.set('+19005550100', {
      reason: 'premium_rate',
      message: 'Premium numbers are blocked',
    });
    const { input } = await onKeypad(server);

    // When Bob types the premium number
    fireEvent.change(input, { target: { value: '+1 900 555 0100' } });

    // Then it says why, and the Call button stays off
    expect((await screen.findByTestId('dialpad-refused')).textContent).toBe(
      'Premium-rate numbers cannot be called from Parley.',
    );
    expect(screen.getByTestId('dialpad-call')).toHaveProperty('disabled', true);

    // When the price of another number cannot be checked
    server.calling.phone.failQuote = true;
    fireEvent.change(input, { target: { value: '+41 44 668 18 00' } });
    expect(await screen.findByText('The price could not be checked.')).toBeTruthy();
    expect(screen.getByTestId('dialpad-call')).toHaveProperty('disabled', true);

    // And he tries again once it is back
    server.calling.phone.failQuote = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('$0.02 per minute')).toBeTruthy();
    expect(screen.getByTestId('dialpad-call')).toHaveProperty('disabled', false);
  });

  it('reads a national number in my own country', async () => {
    // Given Bob, whose mobile number is Panamanian
    const server = new FakeServer();
    const bob = server.addUser('Bob Marley');
    Object.assign(server.users.get(bob.id) ?? {}, { mobileNumber: '+50769876543' });
    await signedIn(server, bob.id, '#/calls');
    fireEvent.click(await screen.findByRole('tab', { name: 'Keypad' }));
    expect(screen.getByTestId('dialpad-number').textContent).toContain('read as a number in Panama');

    // When he types a number without a country code
    fireEvent.change(screen.getByLabelText('Phone number'), { target: { value: '6123 4567' } });

    // Then it is a Panamanian number
    expect(screen.getByTestId('dialpad-number').textContent).toContain('+507 6123 4567');
    await screen.findByText('$0.02 per minute');
    expect(server.calls.find((c) => c.path === '/calling/quote')?.query.get('to')).toBe('+50761234567');
  });
});

describe('a phone call in progress', () => {
  beforeEach(() => setLocale('en'));

  it('shows Connected with the timer and the cost as billed, sends keys to the phone, and ends with the cost', async () => {
    // Given Bob calling a Swiss number from the keypad
    const { server, media, push, input } = await onKeypad();
    fireEvent.change(input, { target: { value: SWISS } });
    await screen.findByText('$0.02 per minute');
    fireEvent.click(screen.getByTestId('dialpad-call'));
    await waitFor(() => expect(media.built[0]?.joined).toEqual({ audio: true, video: false }));
    const call = [...server.calling.calls.values()][0];
    if (!call) throw new Error('no call placed');

    // When the phone answers (65 s ago, as this device's clock sees it)
    Object.assign(call, { state: 'active', answeredAt: new Date(Date.now() - 65_000).toISOString() });
    await push(server.calling.answeredFrame(call));

    // Then it is connected with its timer, and the cost so far is two started minutes at $0.02
    await waitFor(() => expect(screen.getByTestId('call-status').textContent).toBe('Connected · 1:05'));
    expect(screen.getByTestId('call-cost').textContent).toBe('Cost so far $0.04 · $0.02/min');

    // When Bob opens the keypad and presses 5 and #
    fireEvent.click(screen.getByRole('button', { name: 'Keypad' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send 5' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send #' }));

    // Then each key reaches the phone, in order
    await waitFor(() => expect(server.calling.phone.dtmf.map((d) => d.digits)).toEqual(['5', '#']));
    expect(screen.getByTestId('dtmf-sent').textContent).toBe('5#');

    // When he mutes
    fireEvent.click(screen.getByRole('button', { name: 'Mute' }));
    expect(screen.getByRole('button', { name: 'Unmute' }).getAttribute('aria-pressed')).toBe('true');

    // And the phone hangs up after 1:05
    server.calling.end(call, 'completed', 65);
    await push(server.calling.endedFrame(call));

    // Then the screen says how long it lasted and what it cost
    await waitFor(() => expect(screen.getByTestId('call-status').textContent).toBe('Call ended · 1:05'));
    expect(screen.getByTestId('call-cost').textContent).toBe('Cost $0.04');
    expect(media.built[0]?.left).toBe(true);
  });

  it('says so when a key could not reach the phone', async () => {
    // Given an active phone call whose server no longer takes keys (the call just ended there)
    const { server, push, input } = await onKeypad();
    fireEvent.change(input, { target: { value: SWISS } });
    await screen.findByText('$0.02 per minute');
    fireEvent.click(screen.getByTestId('dialpad-call'));
    await screen.findByTestId('call-screen');
    const call = [...server.calling.calls.values()][0];
    if (!call) throw new Error('no call placed');
    call.state = 'active';
    await push(server.calling.answeredFrame(call));
    call.state = 'ended';

    // When Bob presses a key
    fireEvent.click(await screen.findByRole('button', { name: 'Keypad' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send 1' }));

    // Then it says the key was not sent
    expect((await screen.findByRole('alert')).textContent).toBe('The key could not be sent to the phone.');
  });
});

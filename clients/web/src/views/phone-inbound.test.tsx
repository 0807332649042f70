import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '../lib/i18n.ts';
import { FakeServer } from '../test/fake-server.ts';
import { signedIn } from '../test/signed-in.tsx';

const SWISS = '+41446681800';
const MY_PANAMA_NUMBER = '+5072345678';

describe('a phone dialling my number', () => {
  beforeEach(() => setLocale('en'));

  it('rings with the caller’s number and which of my numbers it came to; answering joins audio, and I can hang up', async () => {
    // Given Bob in his chats, and a phone in Switzerland dialling his Panama number
    const server = new FakeServer();
    const bob = server.addUser('Bob Marley');
    const { media, push } = await signedIn(server, bob.id);
    const call = server.calling.phone.inbound(SWISS, bob.id, MY_PANAMA_NUMBER);

    // When the ring arrives
    await push(server.calling.phone.inboundFrame(call));

    // Then it rings with the number formatted and "to your Panama number", with Answer and Decline
    const panel = await screen.findByRole('alertdialog');
    expect(within(panel).getByText('Incoming phone call')).toBeTruthy();
    expect(within(panel).getByTestId('ringing-name').textContent).toBe('+41 44 668 18 00');
    expect(within(panel).getByTestId('ringing-to').textContent).toContain('to your Panama number');
    expect(within(panel).getByRole('img', { name: 'Panama' })).toBeTruthy();
    expect(within(panel).queryByRole('button', { name: 'Answer with video' })).toBeNull();

    // When he answers
    fireEvent.click(within(panel).getByRole('button', { name: 'Answer' }));

    // Then the call is answered on the server and joined with audio only, connected
    await waitFor(() => expect(server.calling.calls.get(call.id)?.state).toBe('active'));
    await waitFor(() => expect(media.built[0]?.joined).toEqual({ audio: true, video: false }));
    const callScreen = screen.getByTestId('call-screen');
    expect(callScreen.dataset.kind).toBe('pstn-in');
    expect(within(callScreen).getByTestId('phone-name').textContent).toBe('+41 44 668 18 00');
    expect(within(callScreen).getByTestId('call-status').textContent).toMatch(/^Connected · /);
    expect(screen.queryByRole('alertdialog')).toBeNull();

    // When he hangs up
    fireEvent.click(within(callScreen).getByRole('button', { name: 'Hang up' }));

    // Then the call is over on the server
    await waitFor(() => expect(server.calling.calls.get(call.id)?.endReason).toBe('completed'));
    expect(media.built[0]?.left).toBe(true);
  });

  it('names a caller who is a contact, and stops ringing when another device answers or the caller gives up', async () => {
    // Given two phone calls ringing Bob, one from his contact Ana
    const server = new FakeServer();
    const bob = server.addUser('Bob Marley');
    const { push } = await signedIn(server, bob.id);
    const fromAna = server.calling.phone.inbound('+6561234567', bob.id, MY_PANAMA_NUMBER, 'Ana');
    await push(server.calling.phone.inboundFrame(fromAna));

    // Then Ana's ring shows her name above her number
    const panel = await screen.findByRole('alertdialog');
    expect(within(panel).getByTestId('ringing-name').textContent).toBe('Ana');
    expect(panel.textContent).toContain('+65 6123 4567');

    // When Bob's phone answers it
    await push(server.calling.answeredFrame(fromAna));

    // Then it stops ringing here, and no call screen opens
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(screen.queryByTestId('call-screen')).toBeNull();

    // When another caller rings and hangs up before anyone answers
    const gaveUp = server.calling.phone.inbound(SWISS, bob.id, MY_PANAMA_NUMBER);
    await push(server.calling.phone.inboundFrame(gaveUp));
    await screen.findByRole('alertdialog');
    server.calling.end(gaveUp, 'missed');
    await push(server.calling.endedFrame(gaveUp));

    // Then that ring stops too
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
  });

  it('ignores a phone ring meant for someone else', async () => {
    // Given Bob, and a ring for Ada's number
    const server = new FakeServer();
    const ada = server.addUser('Ada Lovelace');
    const bob = server.addUser('Bob Marley');
    const { push } = await signedIn(server, bob.id);
    await push(server.calling.phone.inboundFrame(server.calling.phone.inbound(SWISS, ada.id, MY_PANAMA_NUMBER)));

    // Then nothing rings for Bob
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });
});

describe('phone calls in the call log', () => {
  beforeEach(() => setLocale('en'));

  it('lists phone calls with flag, length, cost and how they ended, and calls a number back', async () => {
    // Given Bob's phone calls: one talked 1:05, one not answered, one busy, and a missed call that left a voicemail
    const server = new FakeServer();
    const bob = server.addUser('Bob Marley');
    const dial = (to: string) => {
      const call = server.calling.phone.dial({ to: { phoneNumber: to }, media: 'audio' }, bob.id);
      if (call instanceof Response) throw new Error('refused');
      return call;
    };
    server.calling.end(dial(SWISS), 'completed', 65);
    server.calling.end(dial('+6561234567'), 'unanswered');
    server.calling.end(dial('+12065550100'), 'busy');
    const missed = server.calling.end(server.calling.phone.inbound(SWISS, bob.id, MY_PANAMA_NUMBER), 'missed');
    if (missed.phone) missed.phone.voicemailId = 'vm1';

    // When he opens Calls
    await signedIn(server, bob.id, '#/calls');
    const rows = await screen.findAllByTestId('call-row');

    // Then each shows the number, its flag, and what happened, newest first
    expect(rows.map((r) => within(r).getByTestId('call-row-name').textContent)).toEqual([
      '+41 44 668 18 00',
      '+1 206 555 0100',
      '+65 6123 4567',
      '+41 44 668 18 00',
    ]);
    const details = rows.map((r) => within(r).getByTestId('call-row-detail').textContent);
    expect(details).toEqual([
      'Missed · Voicemail',
      'Outgoing · Busy',
      'Outgoing · No answer',
      'Outgoing · 1:05 · Cost $0.04',
    ]);
    expect(within(rows[3] as HTMLElement).getByRole('img', { name: 'Switzerland' })).toBeTruthy();
    expect(rows[0]?.dataset.missed).toBe('true');

    // When he calls the Singapore number back
    fireEvent.click(within(rows[2] as HTMLElement).getByRole('button', { name: 'Call +65 6123 4567' }));

    // Then that number is dialled
    await waitFor(() => expect(screen.getByTestId('call-status').textContent).toBe('Calling +65 6123 4567…'));
    const placed = [...server.calling.calls.values()].at(-1);
    expect(placed).toMatchObject({ kind: 'pstn-out', calleeId: '+6561234567' });
  });

  it('says why a call back was refused', async () => {
    // Given a number the guard now refuses in Bob's log
    const server = new FakeServer();
    const bob = server.addUser('Bob Marley');
    const call = server.calling.phone.dial({ to: { phoneNumber: SWISS }, media: 'audio' }, bob.id);
    if (call instanceof Response) throw new Error('refused');
    server.calling.end(call, 'completed', 30);
    server.calling.phone.refused.set(SWISS, { reason: 'daily_spend_cap', message: 'Spend cap reached' });
    await signedIn(server, bob.id, '#/calls');

    // When he calls it back
    fireEvent.click(await screen.findByRole('button', { name: 'Call +41 44 668 18 00' }));

    // Then the call screen says why, and nothing rang
    await waitFor(() =>
      expect(screen.getByTestId('call-status').textContent).toBe(
        'You have reached today’s spending limit for phone calls.',
      ),
    );
    expect(server.calling.calls.size).toBe(1);
  });
});

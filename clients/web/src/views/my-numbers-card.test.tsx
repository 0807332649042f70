import type { ServerFrame } from '@parley/realtime/frames';
import { act, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '../lib/i18n.ts';
import { REFRESH_TOKEN_KEY } from '../lib/session-store.ts';
import { FakeServer } from '../test/fake-server.ts';
import { FakeSocket } from '../test/fake-socket.ts';
import { renderApp } from '../test/render-app.tsx';

/** Signs `userId` in (as on a return visit) and opens Settings. */
function openSettings(server: FakeServer, userId: string) {
  localStorage.setItem(REFRESH_TOKEN_KEY, server.sessionFor(userId));
  window.location.hash = '#/settings';
  renderApp(server);
}

const push = (frame: ServerFrame) => act(async () => FakeSocket.latest().push(frame));

// Each step here waits on several fake requests and renders: on a busy 2-core machine that can take over a second.
configure({ asyncUtilTimeout: 5_000 });

describe('the Settings number card', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    setLocale('en');
  });

  it('shows my number in international format with its flag, and how people reach me', async () => {
    // Given Bob, who has a Singapore number
    const server = new FakeServer();
    const bob = server.addUser('Bob Tan');
    server.numbers.add('+6561234567', 'assigned', bob.id);

    // When he opens Settings
    openSettings(server, bob.id);

    // Then the card shows the number, grouped the Singapore way, with the flag and the sentence
    const card = await screen.findByTestId('my-numbers');
    expect((await within(card).findByTestId('my-number')).textContent).toBe('+65 6123 4567');
    expect(within(card).getByRole('img', { name: 'Singapore' }).textContent).toBe('🇸🇬');
    expect(card.textContent).toContain(
      'People can call you at +65 6123 4567; it rings Parley on every device you are signed in on.',
    );
  });

  it('says plainly when I have no number yet, and shows one as soon as it is assigned', async () => {
    // Given Bob without a number, on Settings
    const server = new FakeServer();
    const bob = server.addUser('Bob Tan');
    openSettings(server, bob.id);
    const card = await screen.findByTestId('my-numbers');
    expect((await within(card).findByTestId('my-numbers-empty')).textContent).toBe(
      'You have no phone number yet. Ask an admin.',
    );
    await act(async () => FakeSocket.latest().open());

    // When an admin assigns him a Panama number and the frame arrives
    server.numbers.add('+50761234567', 'assigned', bob.id);
    await push(server.numbers.assignedFrame('+50761234567'));

    // Then the card shows it without a reload
    expect((await within(card).findByTestId('my-number')).textContent).toBe('+507 6123 4567');
    expect(within(card).getByRole('img', { name: 'Panama' }).textContent).toBe('🇵🇦');

    // When it is released again
    server.numbers.inventory.delete('+50761234567');
    await push(server.numbers.releasedFrame('+50761234567', bob.id));

    // Then the card is back to "no number"
    expect(await within(card).findByTestId('my-numbers-empty')).toBeTruthy();
    expect(within(card).queryByTestId('my-number')).toBeNull();
  });

  it('shows an error with a way to try again when the numbers cannot be loaded', async () => {
    // Given the numbers service failing
    const server = new FakeServer();
    const bob = server.addUser('Bob Tan');
    server.numbers.add('+6561234567', 'assigned', bob.id);
    server.numbers.failList = true;

    // When Bob opens Settings
    openSettings(server, bob.id);

    // Then the card says it could not load
    const card = await screen.findByTestId('my-numbers');
    expect((await within(card).findByRole('alert')).textContent).toContain('Your phone number could not be loaded.');

    // When the service is back and he tries again
    server.numbers.failList = false;
    fireEvent.click(within(card).getByRole('button', { name: 'Try again' }));

    // Then his number shows
    expect((await within(card).findByTestId('my-number')).textContent).toBe('+65 6123 4567');
  });

  it('shows a placeholder while loading and speaks Spanish', async () => {
    // Given Spanish, and Bob with a number
    setLocale('es');
    const server = new FakeServer();
    const bob = server.addUser('Bob Tan');
    server.numbers.add('+41446681800', 'assigned', bob.id);
    // … and the numbers service slow to answer, until released
    let answer: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const fetchNow = server.fetch;
    server.fetch = async (input, init) => {
      if (String(input).endsWith('/api/numbers/numbers')) await slow;
      return fetchNow(input, init);
    };

    // When Settings opens
    openSettings(server, bob.id);
    const card = await screen.findByTestId('my-numbers');

    // Then the card is busy while the answer is out, then shows the Swiss number in Spanish
    await waitFor(() => expect(card.querySelector('[aria-busy="true"]')).not.toBeNull());
    expect(within(card).queryByTestId('my-number')).toBeNull();
    answer();
    expect((await within(card).findByTestId('my-number')).textContent).toBe('+41 44 668 18 00');
    expect(within(card).getByRole('img', { name: 'Suiza' })).toBeTruthy();
    expect(card.textContent).toContain('Te pueden llamar al +41 44 668 18 00');
  });
});

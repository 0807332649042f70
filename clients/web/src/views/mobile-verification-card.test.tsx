import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '../lib/i18n.ts';
import { REFRESH_TOKEN_KEY } from '../lib/session-store.ts';
import { FakeServer } from '../test/fake-server.ts';
import { FakeSocket } from '../test/fake-socket.ts';
import { renderApp } from '../test/render-app.tsx';

function openSettings(server: FakeServer, userId: string) {
  localStorage.setItem(REFRESH_TOKEN_KEY, server.sessionFor(userId));
  window.location.hash = '#/settings';
  renderApp(server);
}

configure({ asyncUtilTimeout: 5_000 });

async function askForCode(card: HTMLElement, number: string, send = 'Send code') {
  fireEvent.change(within(card).getByRole('textbox'), { target: { value: number } });
  fireEvent.click(within(card).getByRole('button', { name: send }));
}

async function typeCode(card: HTMLElement, code: string, verify = 'Verify') {
  const input = await within(card).findByLabelText(/Code|Código/);
  fireEvent.change(input, { target: { value: code } });
  fireEvent.click(within(card).getByRole('button', { name: verify }));
}

describe('the Settings mobile verification card', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    setLocale('en');
  });

  it('given my number, when I ask for a code and type it, then the card shows the number verified', async () => {
    const server = new FakeServer();
    const bob = server.addUser('Bob Tan');
    openSettings(server, bob.id);
    const card = await screen.findByTestId('mobile-verification');

    await askForCode(card, '+41791234567');
    expect(await within(card).findByText(/We sent a 6-digit code to \+41791234567/)).toBeTruthy();
    await typeCode(card, FakeServer.MOBILE_CODE);

    const verified = await within(card).findByTestId('mobile-verified');
    expect(verified.textContent).toBe('+41791234567Verified');
  });

  it('given a wrong code, when I type it, then it says so; after too many tries, it says to ask for a new one', async () => {
    const server = new FakeServer();
    const bob = server.addUser('Bob Tan');
    openSettings(server, bob.id);
    const card = await screen.findByTestId('mobile-verification');
    await askForCode(card, '+41791234567');

    await typeCode(card, '000000');
    expect((await within(card).findByRole('alert')).textContent).toBe('That code is not correct or has expired.');
    for (let i = 0; i < 5; i++) {
      await waitFor(() =>
        expect(within(card).getByRole('button', { name: 'Verify' })).toHaveProperty('disabled', false),
      );
      await typeCode(card, '000000');
    }

    await waitFor(() =>
      expect(within(card).getByRole('alert').textContent).toBe('Too many wrong codes. Ask for a new one.'),
    );
    expect(within(card).queryByTestId('mobile-verified')).toBeNull();
  });

  it('in Spanish, the same flow speaks Spanish', async () => {
    setLocale('es');
    const server = new FakeServer();
    const bob = server.addUser('Bob Tan');
    openSettings(server, bob.id);
    const card = await screen.findByTestId('mobile-verification');

    await askForCode(card, '+50761234567', 'Enviar código');
    await typeCode(card, '111111', 'Verificar');

    expect((await within(card).findByRole('alert')).textContent).toBe('El código no es correcto o ha caducado.');
  });
});

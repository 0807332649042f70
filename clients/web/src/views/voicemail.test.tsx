import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '../lib/i18n.ts';
import { FakeServer } from '../test/fake-server.ts';
import { signedIn } from '../test/signed-in.tsx';

const MY_NUMBER = '+5072345678';

async function voicemailOf(server: FakeServer, userId: string) {
  const app = await signedIn(server, userId, '#/calls');
  fireEvent.click(await screen.findByRole('tab', { name: /^Voicemail/ }));
  return app;
}

describe('voicemail', () => {
  beforeEach(() => setLocale('en'));

  it('lists messages newest first with the unheard badge; play fetches the recording and marks it heard', async () => {
    // Given Bob with a message he heard and a newer one he has not
    const server = new FakeServer();
    const bob = server.addUser('Bob Marley');
    const old = server.calling.phone.addVoicemail(bob.id, '+6561234567', MY_NUMBER, 8, 'Ana');
    old.heard = true;
    const fresh = server.calling.phone.addVoicemail(bob.id, '+41446681800', MY_NUMBER, 75);

    // When he opens Calls
    await signedIn(server, bob.id, '#/calls');

    // Then the Voicemail tab says one is unheard
    expect((await screen.findByTestId('voicemail-badge')).textContent).toBe('1');

    // When he opens the tab
    fireEvent.click(screen.getByRole('tab', { name: /^Voicemail/ }));

    // Then both are listed, newest first, the new one marked, with the caller and the length
    const rows = await screen.findAllByTestId('voicemail-row');
    expect(rows.map((r) => within(r).getByTestId('voicemail-from').textContent)).toEqual(['+41 44 668 18 00', 'Ana']);
    expect(rows[0]?.textContent).toContain('New');
    expect(rows[0]?.textContent).toContain('1:15');
    expect(within(rows[0] as HTMLElement).getByRole('img', { name: 'Switzerland' })).toBeTruthy();
    // And no recording was asked for before play
    expect(server.calls.some((c) => c.path === `/calling/voicemails/${fresh.id}`)).toBe(false);

    // When he plays the new one
    fireEvent.click(
      within(rows[0] as HTMLElement).getByRole('button', { name: 'Play the message from +41 44 668 18 00' }),
    );

    // Then its recording plays in the page from the URL fetched just now, and it is heard
    const audio = (await screen.findByTestId('voicemail-audio')) as HTMLAudioElement;
    expect(audio.src).toBe(`http://parley.test/voicemail/${fresh.id}.wav?X-Amz-Signature=fake`);
    await waitFor(() => expect(fresh.heard).toBe(true));
    expect(screen.queryByTestId('voicemail-badge')).toBeNull();
    expect(rows[0]?.textContent).not.toContain('New');
  });

  it('deletes a message only after a confirmation', async () => {
    // Given Bob's voicemail with one message
    const server = new FakeServer();
    const bob = server.addUser('Bob Marley');
    const message = server.calling.phone.addVoicemail(bob.id, '+41446681800', MY_NUMBER);
    await voicemailOf(server, bob.id);
    await screen.findByTestId('voicemail-row');

    // When he presses delete and then cancels
    fireEvent.click(screen.getByRole('button', { name: 'Delete the message from +41 44 668 18 00' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('Delete this voicemail?');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    // Then it is still there
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(server.calling.phone.voicemails.has(message.id)).toBe(true);

    // When he deletes it and confirms
    fireEvent.click(screen.getByRole('button', { name: 'Delete the message from +41 44 668 18 00' }));
    fireEvent.click(await screen.findByTestId('confirm-delete-voicemail'));

    // Then it is gone from the server and the list, which is empty now
    await waitFor(() => expect(server.calling.phone.voicemails.has(message.id)).toBe(false));
    expect(await screen.findByText('No voicemail.')).toBeTruthy();
  });

  it('adds a message left just now from its frame, at the top and unheard', async () => {
    // Given Bob on his empty voicemail
    const server = new FakeServer();
    const bob = server.addUser('Bob Marley');
    const { push } = await voicemailOf(server, bob.id);
    expect(await screen.findByText('No voicemail.')).toBeTruthy();

    // When a caller leaves a message (and the frame arrives twice)
    const left = server.calling.phone.addVoicemail(bob.id, '+6561234567', MY_NUMBER, 20);
    const frame = server.calling.phone.voicemailLeftFrame(left);
    await push(frame);
    await push(frame);

    // Then it is listed once, new, and the tab counts it
    const rows = await screen.findAllByTestId('voicemail-row');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.textContent).toContain('+65 6123 4567');
    expect(screen.getByTestId('voicemail-badge').textContent).toBe('1');
  });

  it('says when the list or a recording cannot load, and retries', async () => {
    // Given a voicemail service that fails
    const server = new FakeServer();
    const bob = server.addUser('Bob Marley');
    const message = server.calling.phone.addVoicemail(bob.id, '+41446681800', MY_NUMBER);
    server.calling.phone.failVoicemails = true;
    await voicemailOf(server, bob.id);

    // Then it says so
    expect((await screen.findByRole('alert')).textContent).toContain('Your voicemail could not be loaded.');

    // When it is back and Bob retries
    server.calling.phone.failVoicemails = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByTestId('voicemail-row');

    // And the message is deleted elsewhere before he plays it
    server.calling.phone.voicemails.delete(message.id);
    fireEvent.click(screen.getByRole('button', { name: 'Play the message from +41 44 668 18 00' }));

    // Then the player says the recording could not be loaded
    expect((await screen.findByRole('alert')).textContent).toBe('The recording could not be loaded.');
  });
});

describe('the Calls settings card', () => {
  beforeEach(() => setLocale('en'));

  async function onSettings(server: FakeServer, userId: string) {
    await signedIn(server, userId, '#/settings');
    const card = await screen.findByTestId('call-settings');
    await within(card).findByLabelText('Ring for (seconds)');
    return card;
  }

  it('saves ring time, voicemail, greeting and a forward number typed in any format', async () => {
    // Given Bob's call settings at their defaults
    const server = new FakeServer();
    const bob = server.addUser('Bob Marley');
    const card = await onSettings(server, bob.id);
    expect((within(card).getByLabelText('Ring for (seconds)') as HTMLInputElement).value).toBe('30');
    expect(within(card).getByRole('switch', { name: 'Voicemail' }).getAttribute('aria-checked')).toBe('true');

    // When he changes them and saves
    fireEvent.change(within(card).getByLabelText('Ring for (seconds)'), { target: { value: '20' } });
    fireEvent.change(within(card).getByLabelText('Voicemail greeting'), {
      target: { value: 'Bob here. Leave a message.' },
    });
    fireEvent.change(within(card).getByLabelText('Forward calls to'), { target: { value: '+41 44 668 18 00' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Save call settings' }));

    // Then the server holds them all, the number in E.164
    await within(card).findByText('Saved.');
    expect(server.calling.phone.settings.get(bob.id)).toEqual({
      ringTimeoutSeconds: 20,
      voicemailEnabled: true,
      greeting: 'Bob here. Leave a message.',
      forwardToNumber: '+41446681800',
    });
  });

  it('refuses a ring time or number that cannot be, and shows the guard’s reason for a refused forward', async () => {
    // Given Bob's settings, and a forward number the fraud guard refuses
    const server = new FakeServer();
    const bob = server.addUser('Bob Marley');
    server.calling.phone.refused.set('+19005550100', { reason: 'premium_rate', message: 'Premium blocked' });
    const card = await onSettings(server, bob.id);
    const save = within(card).getByRole('button', { name: 'Save call settings' });

    // When he types 5 seconds, then a number that is not one
    fireEvent.change(within(card).getByLabelText('Ring for (seconds)'), { target: { value: '5' } });
    fireEvent.click(save);
    expect(within(card).getByLabelText('Ring for (seconds)').getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(within(card).getByLabelText('Ring for (seconds)'), { target: { value: '30' } });
    fireEvent.change(within(card).getByLabelText('Forward calls to'), { target: { value: '12' } });
    fireEvent.click(save);

    // Then nothing is sent, and it says what is wrong
    expect(within(card).getByText('That is not a valid phone number.')).toBeTruthy();
    expect(server.calls.some((c) => c.method === 'PUT' && c.path === '/calling/settings')).toBe(false);

    // When he forwards to a premium number
    fireEvent.change(within(card).getByLabelText('Forward calls to'), { target: { value: '+1 900 555 0100' } });
    fireEvent.click(save);

    // Then the refusal's reason is shown, and nothing was stored
    expect((await within(card).findByTestId('call-settings-error')).textContent).toBe(
      'Premium-rate numbers cannot be called from Parley.',
    );
    expect(server.calling.phone.settings.has(bob.id)).toBe(false);
  });

  it('says when the settings cannot load, and speaks Spanish', async () => {
    // Given a failing settings route, in Spanish
    setLocale('es');
    const server = new FakeServer();
    const bob = server.addUser('Bob Marley');
    server.calling.phone.failSettings = true;
    await signedIn(server, bob.id, '#/settings');

    // Then the card says it could not load, in Spanish
    const card = await screen.findByTestId('call-settings');
    expect(await within(card).findByText('No se pudo cargar tu configuración de llamadas.')).toBeTruthy();

    // When it is back and Bob retries
    server.calling.phone.failSettings = false;
    fireEvent.click(within(card).getByRole('button', { name: 'Reintentar' }));
    expect(await within(card).findByLabelText('Timbrar durante (segundos)')).toBeTruthy();
  });
});

import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../lib/i18n.ts';
import { FakeServer } from '../test/fake-server.ts';
import { renderApp } from '../test/render-app.tsx';
import { signedIn } from '../test/signed-in.tsx';

/** A 400 as identity's handlers send it: zod issues with `path` joined into a string. */
function identityRefusal(path: string, message: string) {
  const details = [{ in: 'body', path, message, code: 'custom' }];
  return new Response(
    JSON.stringify({ error: { code: 'validation_failed', message: 'The request body is invalid.', details } }),
    { status: 400, headers: { 'content-type': 'application/json' } },
  );
}

/** Answers requests to `route` (method and path) with `answer` instead of the fake server. */
function intercept(server: FakeServer, method: string, path: string, answer: (body: unknown) => Response | undefined) {
  const direct = server.fetch;
  server.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if ((init?.method ?? 'GET') === method && String(input).endsWith(path)) {
      const replaced = answer(init?.body ? JSON.parse(String(init.body)) : undefined);
      if (replaced) return replaced;
    }
    return direct(input, init);
  }) as typeof fetch;
}

describe('forms', () => {
  beforeEach(() => setLocale('en'));

  it('marks the field identity names in its error: a short password at sign-up', async () => {
    // Given identity refuses a short password the way it really does (path "password")
    const server = new FakeServer();
    intercept(server, 'POST', '/identity/auth/register', () =>
      identityRefusal('password', 'must have at least 8 characters'),
    );
    window.location.hash = '#/';
    renderApp(server);
    fireEvent.click(await screen.findByRole('button', { name: 'Create account' }));

    // When Ada submits it
    fireEvent.change(screen.getByLabelText('Your name'), { target: { value: 'Ada Lovelace' } });
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ada@example.com' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'short' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Create account' })[0] as HTMLElement);

    // Then the password input is marked invalid, with the reason under it, and only it
    const message = await screen.findByText('Must have at least 8 characters');
    const password = screen.getByLabelText('Password');
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(password.getAttribute('aria-describedby')).toBe(message.id);
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('false');
    expect(screen.getByRole('alert').textContent).toContain('Please check the highlighted fields.');
  });

  it('reads a mobile number in national format for my country and saves it as E.164', async () => {
    // Given Ada, who lives in Zurich, in Settings
    const server = new FakeServer();
    const ada = server.addUser('Ada Lovelace');
    Object.assign(server.users.get(ada.id) ?? {}, { timeZone: 'Europe/Zurich' });
    await signedIn(server, ada.id, '#/settings');
    const mobile = (await screen.findAllByLabelText('Mobile number'))[0] as HTMLInputElement;
    expect(screen.getByText(/As you dial it in Switzerland/)).toBeTruthy();

    // When she types her number the way it is written in Switzerland and saves
    fireEvent.change(mobile, { target: { value: '079 123 45 67' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    // Then identity got it in E.164
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(server.users.get(ada.id)?.mobileNumber).toBe('+41791234567');
  });

  it('marks the mobile field for a number that is not one, and for the one identity refuses', async () => {
    // Given Ada in Settings, and identity refusing her number (as it does for a landline)
    const server = new FakeServer();
    const ada = server.addUser('Ada Lovelace');
    Object.assign(server.users.get(ada.id) ?? {}, { timeZone: 'Europe/Zurich' });
    const patches: unknown[] = [];
    intercept(server, 'PATCH', '/identity/me', (body) => {
      patches.push(body);
      return identityRefusal('mobileNumber', 'must be a mobile number');
    });
    await signedIn(server, ada.id, '#/settings');
    const mobile = (await screen.findAllByLabelText('Mobile number'))[0] as HTMLInputElement;

    // When she types something that is no phone number
    fireEvent.change(mobile, { target: { value: '12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    // Then the field is marked, says how to write it, and nothing was sent
    expect(mobile.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/Write it as you would dial it in Switzerland/)).toBeTruthy();
    expect(patches).toEqual([]);

    // When she types a number identity refuses
    fireEvent.change(mobile, { target: { value: '044 668 18 00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    // Then identity's reason shows under the field, which is marked
    expect(await screen.findByText('Must be a mobile number')).toBeTruthy();
    expect(mobile.getAttribute('aria-invalid')).toBe('true');
    expect(patches).toEqual([expect.objectContaining({ mobileNumber: '+41446681800' })]);
    expect(screen.getByText('Please check the highlighted fields.').getAttribute('role')).toBe('alert');
  });

  it('defaults the time zone to the browser’s, UTC included, and saves it', async () => {
    // Given a browser set to UTC and Ada, who has not chosen a zone
    const real = Intl.DateTimeFormat.prototype.resolvedOptions;
    vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockImplementation(function (this: Intl.DateTimeFormat) {
      return { ...real.call(this), timeZone: 'UTC' };
    });
    const server = new FakeServer();
    const ada = server.addUser('Ada Lovelace');
    await signedIn(server, ada.id, '#/settings');

    // When Settings opens
    const zone = (await screen.findByLabelText('Time zone')) as HTMLSelectElement;

    // Then UTC is chosen (not the first zone of the list), and saving keeps it
    expect(zone.value).toBe('UTC');
    expect(zone.selectedOptions[0]?.textContent).toBe('UTC (Coordinated Universal Time)');
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(server.users.get(ada.id)?.timeZone).toBe('UTC'));
  });

  it('defaults the time zone to the browser’s when it is a city', async () => {
    // Given a browser in Singapore
    const real = Intl.DateTimeFormat.prototype.resolvedOptions;
    vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockImplementation(function (this: Intl.DateTimeFormat) {
      return { ...real.call(this), timeZone: 'Asia/Singapore' };
    });
    const server = new FakeServer();
    const ada = server.addUser('Ada Lovelace');
    await signedIn(server, ada.id, '#/settings');

    // Then the form offers it as chosen
    expect(((await screen.findByLabelText('Time zone')) as HTMLSelectElement).value).toBe('Asia/Singapore');
  });
});

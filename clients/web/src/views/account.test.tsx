import { ContactAdded } from '@parley/events/identity';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../app.tsx';
import { setLocale } from '../lib/i18n.ts';
import { Parley } from '../lib/parley.ts';
import { REFRESH_TOKEN_KEY } from '../lib/session-store.ts';
import { eventFrame, FakeServer } from '../test/fake-server.ts';
import { FakeSocket } from '../test/fake-socket.ts';

type Answer = { status: number; body?: unknown };

/**
 * The fake server, plus the account routes this feature adds (answered by `routes`, which records
 * each request), and `GET /identity/me` with `emailVerified` set as given.
 */
function withAccountRoutes(
  server: FakeServer,
  routes: Record<string, (body: unknown) => Answer>,
  options: { emailVerified?: boolean } = {},
) {
  const calls: { route: string; body: unknown }[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://parley.test');
    const route = `${init?.method ?? 'GET'} ${url.pathname.replace(/^\/api/, '')}`;
    const handler = routes[route];
    if (handler) {
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ route, body });
      const answer = handler(body);
      return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
        status: answer.status,
        headers: { 'content-type': 'application/json' },
      });
    }
    const res = await server.fetch(input, init);
    if (route === 'GET /identity/me' && options.emailVerified !== undefined && res.ok) {
      const me = { ...(await res.json()), emailVerified: options.emailVerified };
      return new Response(JSON.stringify(me), { status: 200, headers: { 'content-type': 'application/json' } });
    }
    return res;
  };
  return { fetch, calls };
}

function renderWith(fetch: typeof globalThis.fetch) {
  const parley = new Parley({ fetch, wsBase: 'ws://parley.test/ws', createSocket: (url) => new FakeSocket(url) });
  render(<App parley={parley} />);
  return parley;
}

const TOKEN = 'T'.repeat(43);

describe('forgot password', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    setLocale('en');
    localStorage.clear();
    window.location.hash = '#/';
  });

  it('from the sign-in screen: the email form, then "Check your email" (the same for any address)', async () => {
    const server = new FakeServer();
    const { fetch, calls } = withAccountRoutes(server, {
      'POST /identity/auth/password-reset': () => ({ status: 202, body: { status: 'accepted' } }),
    });
    renderWith(fetch);
    // the email typed for signing in carries over to the reset form
    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'ada@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Forgot password?' }));
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('ada@example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Send reset link' }));
    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeTruthy();
    expect(screen.getByText(/If an account uses ada@example.com/)).toBeTruthy();
    expect(calls).toEqual([{ route: 'POST /identity/auth/password-reset', body: { email: 'ada@example.com' } }]);
    fireEvent.click(screen.getByRole('button', { name: 'Back to sign in' }));
    expect(await screen.findByRole('heading', { name: 'Welcome back' })).toBeTruthy();
  });

  it('a refused request says why and stays on the form', async () => {
    const server = new FakeServer();
    const { fetch } = withAccountRoutes(server, {
      'POST /identity/auth/password-reset': () => ({
        status: 429,
        body: { error: { code: 'password_reset_throttled', message: 'Too many' } },
      }),
    });
    renderWith(fetch);
    fireEvent.click(await screen.findByRole('button', { name: 'Forgot password?' }));
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ada@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send reset link' }));
    expect(await screen.findByText('Too many reset requests. Wait a while and try again.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Send reset link' })).toBeTruthy();
  });

  it('#/reset?token=: two different passwords are caught here; the same ones are sent with the token', async () => {
    const server = new FakeServer();
    const { fetch, calls } = withAccountRoutes(server, {
      'POST /identity/auth/password-reset/confirm': () => ({ status: 204 }),
    });
    window.location.hash = `#/reset?token=${TOKEN}`;
    renderWith(fetch);
    fireEvent.change(await screen.findByLabelText('New password'), { target: { value: 'a new passphrase' } });
    fireEvent.change(screen.getByLabelText('Repeat the new password'), { target: { value: 'another one' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByText('The two passwords are not the same.')).toBeTruthy();
    expect(calls).toEqual([]);

    fireEvent.change(screen.getByLabelText('Repeat the new password'), { target: { value: 'a new passphrase' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByRole('heading', { name: 'Password changed' })).toBeTruthy();
    expect(calls).toEqual([
      { route: 'POST /identity/auth/password-reset/confirm', body: { token: TOKEN, password: 'a new passphrase' } },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Welcome back' })).toBeTruthy();
  });

  it('#/reset with a used link says so, in Spanish too', async () => {
    const server = new FakeServer();
    const { fetch } = withAccountRoutes(server, {
      'POST /identity/auth/password-reset/confirm': () => ({
        status: 400,
        body: { error: { code: 'email_token_used', message: 'used' } },
      }),
    });
    setLocale('es');
    window.location.hash = `#/reset?token=${TOKEN}`;
    renderWith(fetch);
    fireEvent.change(await screen.findByLabelText('Contraseña nueva'), { target: { value: 'a new passphrase' } });
    fireEvent.change(screen.getByLabelText('Repite la contraseña nueva'), { target: { value: 'a new passphrase' } });
    fireEvent.click(screen.getByRole('button', { name: 'Guardar contraseña' }));
    expect(await screen.findByText('Este enlace ya se usó. Pide uno nuevo.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Pedir un enlace nuevo' })).toBeTruthy();
  });
});

describe('email verification and "added you"', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    setLocale('en');
    localStorage.clear();
    sessionStorage.clear();
    window.location.hash = '#/';
  });

  async function signedInAs(server: FakeServer, userId: string, fetch: typeof globalThis.fetch, hash = '#/') {
    localStorage.setItem(REFRESH_TOKEN_KEY, server.sessionFor(userId));
    window.location.hash = hash;
    renderWith(fetch);
    await waitFor(() => expect(FakeSocket.all.length).toBeGreaterThan(0));
    await act(async () => FakeSocket.latest().open());
  }

  it('an unverified person sees "Verify your email" with Resend, until dismissed', async () => {
    const server = new FakeServer();
    const ada = server.addUser('Ada', 'ada@example.com');
    const { fetch, calls } = withAccountRoutes(
      server,
      { 'POST /identity/me/email-verification': () => ({ status: 202, body: { status: 'sent' } }) },
      { emailVerified: false },
    );
    await signedInAs(server, ada.id, fetch);
    expect(await screen.findByText('Verify your email: we sent a link to ada@example.com.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Resend' }));
    expect(await screen.findByText('Sent. Check your inbox.')).toBeTruthy();
    expect(calls.map((c) => c.route)).toEqual(['POST /identity/me/email-verification']);
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('verify-banner')).toBeNull();
  });

  it('a verified person sees no banner', async () => {
    const server = new FakeServer();
    const ada = server.addUser('Ada', 'ada@example.com');
    const { fetch } = withAccountRoutes(server, {}, { emailVerified: true });
    await signedInAs(server, ada.id, fetch);
    expect(await screen.findByRole('heading', { name: 'Chats', level: 1 })).toBeTruthy();
    expect(screen.queryByTestId('verify-banner')).toBeNull();
  });

  it('#/verify?token= confirms the link, and the banner is gone', async () => {
    const server = new FakeServer();
    const ada = server.addUser('Ada', 'ada@example.com');
    const { fetch, calls } = withAccountRoutes(
      server,
      { 'POST /identity/auth/email-verification/confirm': () => ({ status: 200, body: { emailVerified: true } }) },
      { emailVerified: false },
    );
    await signedInAs(server, ada.id, fetch, `#/verify?token=${TOKEN}`);
    expect(await screen.findByRole('heading', { name: 'Email verified' })).toBeTruthy();
    expect(calls).toEqual([{ route: 'POST /identity/auth/email-verification/confirm', body: { token: TOKEN } }]);
    fireEvent.click(screen.getByRole('button', { name: 'Continue to Parley' }));
    expect(await screen.findByRole('heading', { name: 'Chats', level: 1 })).toBeTruthy();
    expect(screen.queryByTestId('verify-banner')).toBeNull();
  });

  it('when someone adds me, a notice names them and offers Add back; my own additions are no notice', async () => {
    const server = new FakeServer();
    const ada = server.addUser('Ada', 'ada@example.com');
    const ben = server.addUser('Ben Okafor', 'ben@example.com');
    const { fetch, calls } = withAccountRoutes(server, {
      [`PUT /identity/contacts/${ben.id}`]: () => ({ status: 201, body: { id: ben.id, displayName: ben.displayName } }),
    });
    await signedInAs(server, ada.id, fetch);
    await screen.findByRole('heading', { name: 'Chats', level: 1 });

    // my own addition (from another device of mine) is no notice
    await act(async () =>
      FakeSocket.latest().push(
        eventFrame(ContactAdded, { userId: ada.id, contactId: ben.id, addedAt: new Date().toISOString() }),
      ),
    );
    expect(screen.queryByTestId('contact-added-notice')).toBeNull();

    await act(async () =>
      FakeSocket.latest().push(
        eventFrame(ContactAdded, { userId: ben.id, contactId: ada.id, addedAt: new Date().toISOString() }),
      ),
    );
    expect(await screen.findByText('Ben Okafor added you as a contact')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add back' }));
    expect(await screen.findByText('In your contacts')).toBeTruthy();
    expect(calls.map((c) => c.route)).toEqual([`PUT /identity/contacts/${ben.id}`]);
  });
});

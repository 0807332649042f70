import { configure, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '../lib/i18n.ts';
import { FakeServer } from '../test/fake-server.ts';
import { signedIn } from '../test/signed-in.tsx';

// Two cores shared by many test runs: give the fake backend's round trips time.
configure({ asyncUtilTimeout: 5_000 });

describe('the chat list’s preview of the last message', { timeout: 20_000 }, () => {
  beforeEach(() => setLocale('en'));

  it('shows a formatted message as its words, without the marks', async () => {
    const server = new FakeServer();
    const ada = server.addUser('Ada Lovelace');
    const bob = server.addUser('Bob Marley');
    const chat = server.addConversation([ada.id, bob.id]);
    server.post(chat.id, bob.id, '_Before we start_:\n- coffee\n- *slides*');

    await signedIn(server, ada.id);

    const row = () => screen.getByTestId('conversation-row');
    await waitFor(() => expect(row().textContent).toContain('Before we start: coffee, slides'));
    expect(row().textContent).not.toMatch(/[_*]/);
  });
});

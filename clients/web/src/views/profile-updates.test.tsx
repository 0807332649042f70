import { GatewayFrameType, ServerFrame } from '@parley/realtime/frames';
import { configure, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../lib/i18n.ts';
import { FakeServer } from '../test/fake-server.ts';
import { signedIn } from '../test/signed-in.tsx';

// Two cores shared by many test runs: give the fake backend's round trips time.
configure({ asyncUtilTimeout: 5_000 });

/** The `profile` frame notifications pushes when someone's public profile changes (services/notifications/src/domain/profiles.ts). */
function profileFrame(data: { userId: string; displayName: string; statusMessage?: string; changed: string[] }) {
  return ServerFrame.parse({
    id: `profile-${data.userId}-${Date.now()}`,
    type: GatewayFrameType.profile,
    v: 1,
    at: new Date().toISOString(),
    data,
  });
}

describe('a contact changes their profile', { timeout: 20_000 }, () => {
  beforeEach(() => setLocale('en'));

  it('shows the new name and picture in the open chat’s header and in the chat list, without a reload', async () => {
    // jsdom loads no images: every <img> counts as loaded, as the browser would once the picture came
    vi.spyOn(HTMLImageElement.prototype, 'complete', 'get').mockReturnValue(true);
    vi.spyOn(HTMLImageElement.prototype, 'naturalWidth', 'get').mockReturnValue(64);
    // Given Ada's chat with Bob open
    const server = new FakeServer();
    const ada = server.addUser('Ada Lovelace');
    const bob = server.addUser('Bob Marley');
    const chat = server.addConversation([ada.id, bob.id]);
    server.post(chat.id, bob.id, 'hello');
    const { push } = await signedIn(server, ada.id, `#/c/${chat.id}`);
    await waitFor(() => expect(screen.getByTestId('chat-title').textContent).toBe('Bob Marley'));
    const row = () => screen.getByTestId('conversation-row');
    await waitFor(() => expect(row().textContent).toContain('Bob Marley'));
    const header = () => screen.getByTestId('chat-title').closest('header') ?? document.body;
    expect(row().querySelector('img')).toBeNull();

    // When Bob renames himself and sets a picture
    const user = server.users.get(bob.id);
    if (!user) throw new Error('no Bob');
    user.displayName = 'Robert Marley';
    user.avatarUrl = 'https://parley.test/avatars/bob-2.png';
    const lookups = server.calls.filter((c) => c.path === `/identity/users/${bob.id}`).length;
    await push(profileFrame({ userId: bob.id, displayName: 'Robert Marley', changed: ['displayName', 'avatar'] }));

    // Then the header and the list say his new name, and show the new picture (fetched once)
    await waitFor(() => expect(screen.getByTestId('chat-title').textContent).toBe('Robert Marley'));
    await waitFor(() => expect(row().textContent).toContain('Robert Marley'));
    expect(row().textContent).not.toContain('Bob Marley');
    await waitFor(() =>
      expect(row().querySelector('img')?.getAttribute('src')).toBe('https://parley.test/avatars/bob-2.png'),
    );
    expect(header().querySelector('img')?.getAttribute('src')).toBe('https://parley.test/avatars/bob-2.png');
    expect(server.calls.filter((c) => c.path === `/identity/users/${bob.id}`).length).toBe(lookups + 1);
  });
});

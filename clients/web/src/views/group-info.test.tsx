import { PresenceChanged } from '@parley/events/notifications';
import { PRESENCE_PUSH_MAX_MEMBERS } from '@parley/realtime/frames';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../lib/i18n.ts';
import { WATCHED_PRESENCE_REFRESH_MS } from '../lib/people-store.ts';
import { eventFrame, FakeServer } from '../test/fake-server.ts';
import { signedIn } from '../test/signed-in.tsx';
import { LONG_PRESS_MS } from './message-actions.tsx';

/** Ada (admin), Bob and Cy in the group "Team", Ada signed in with it open. */
async function team(me: 'ada' | 'bob' = 'ada') {
  const server = new FakeServer();
  const ada = server.addUser('Ada Lovelace');
  const bob = server.addUser('Bob Marley');
  const cy = server.addUser('Cy Twombly');
  server.addUser('Dee Dee Ramone');
  const group = server.addConversation([ada.id, bob.id, cy.id], 'group');
  group.title = 'Team';
  group.adminIds = [ada.id];
  server.post(group.id, bob.id, 'Standup at ten');
  const session = await signedIn(server, me === 'ada' ? ada.id : bob.id, `#/c/${group.id}`);
  await screen.findByTestId('messages');
  return { ...session, server, group, ada: ada.id, bob: bob.id, cy: cy.id };
}

const openPanel = async () => {
  fireEvent.click(await screen.findByTestId('group-info-button'));
  const panel = await screen.findByTestId('group-info');
  await waitFor(() => expect(within(panel).getAllByTestId('group-member')).toHaveLength(3));
  return panel;
};

/** Radix menus open on pointerdown (mouse, primary button) or the keyboard. */
const openMenu = (trigger: HTMLElement) => {
  fireEvent.pointerDown(trigger, { button: 0, ctrlKey: false, pointerType: 'mouse' });
};

describe('the group info panel', () => {
  beforeEach(() => setLocale('en'));

  it('lists members with their role, renames the group, adds and removes people', async () => {
    const { server, group, cy } = await team();
    const panel = await openPanel();
    // Then it lists the three members, Ada marked admin
    const rows = within(panel).getAllByTestId('group-member');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('Ada Lovelace'),
      expect.stringContaining('Bob Marley'),
      expect.stringContaining('Cy Twombly'),
    ]);
    expect(within(rows[0] as HTMLElement).getByTestId('admin-badge')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).queryByTestId('admin-badge')).toBeNull();

    // When Ada renames it
    const name = within(panel).getByTestId('group-name-input');
    fireEvent.change(name, { target: { value: 'Launch crew' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Save name' }));
    // Then the server has the new title and the header shows it
    await waitFor(() => expect(server.conversations.get(group.id)?.title).toBe('Launch crew'));
    await waitFor(() => expect(screen.getByTestId('chat-title').textContent).toBe('Launch crew'));

    // When she searches the directory and adds Dee
    fireEvent.change(within(panel).getByTestId('group-add-search'), { target: { value: 'Dee' } });
    fireEvent.click(await within(panel).findByRole('button', { name: 'Add Dee Dee Ramone' }));
    await waitFor(() => expect(within(panel).getAllByTestId('group-member')).toHaveLength(4));

    // When she removes Cy from his row's menu
    openMenu(within(panel).getByRole('button', { name: 'Actions for Cy Twombly' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Remove Cy Twombly' }));
    await waitFor(() => expect(server.conversations.get(group.id)?.memberIds).not.toContain(cy));
    await waitFor(() => expect(within(panel).getAllByTestId('group-member')).toHaveLength(3));
  });

  it('shows the server’s refusal, and offers no admin actions to a member who is not one', async () => {
    const { server, group, bob } = await team();
    const panel = await openPanel();
    // Given Ada stopped being admin on the server meanwhile
    (server.conversations.get(group.id) as { adminIds: string[] }).adminIds = [bob];
    openMenu(within(panel).getByRole('button', { name: 'Actions for Cy Twombly' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Make admin' }));
    // Then the panel says why it did not work
    expect((await within(panel).findByTestId('group-info-error')).textContent).toBe('Only an admin can do that.');
    expect(server.conversations.get(group.id)?.adminIds).toEqual([bob]);
  });

  it('gives a member no remove buttons, and leaves the group after confirming', async () => {
    const { server, group, bob } = await team('bob');
    const panel = await openPanel();
    expect(within(panel).queryByRole('button', { name: /Actions for/ })).toBeNull();
    fireEvent.click(within(panel).getByRole('button', { name: 'Leave group' }));
    fireEvent.click(within(await screen.findByTestId('leave-confirm')).getByRole('button', { name: 'Leave' }));
    await waitFor(() => expect(server.conversations.get(group.id)?.memberIds).not.toContain(bob));
    await waitFor(() => expect(screen.queryByTestId('group-info')).toBeNull());
  });

  it('speaks Spanish', async () => {
    setLocale('es');
    await team();
    fireEvent.click(await screen.findByRole('button', { name: 'Información del grupo' }));
    const panel = await screen.findByTestId('group-info');
    expect(within(panel).getByRole('button', { name: 'Salir del grupo' })).toBeTruthy();
    expect(within(panel).getByText('Miembros (3)')).toBeTruthy();
  });
});

describe('the group info panel and presence', () => {
  beforeEach(() => setLocale('en'));

  it('shows which members are online, and follows them coming and going', async () => {
    // Given Bob is online and Cy is not
    const server = new FakeServer();
    const ada = server.addUser('Ada Lovelace');
    const bob = server.addUser('Bob Marley');
    const cy = server.addUser('Cy Twombly');
    const group = server.addConversation([ada.id, bob.id, cy.id], 'group');
    group.title = 'Team';
    server.online.add(bob.id);
    const { push } = await signedIn(server, ada.id, `#/c/${group.id}`);
    await screen.findByTestId('messages');

    // When Ada opens the panel
    const panel = await openPanel();
    const row = (name: string) =>
      within(panel)
        .getAllByTestId('group-member')
        .find((r) => r.textContent?.includes(name)) as HTMLElement;

    // Then Bob's row has the online dot, named for screen readers, and Cy's has none
    await waitFor(() => expect(within(row('Bob Marley')).getByRole('img', { name: 'Online' })).toBeTruthy());
    expect(within(row('Cy Twombly')).queryByTestId('presence-online')).toBeNull();

    // When Cy comes online and Bob goes offline
    const changed = (userId: string, status: 'online' | 'offline') =>
      push(
        eventFrame(PresenceChanged, {
          userId,
          status,
          lastSeenAt: new Date().toISOString(),
          changedAt: new Date().toISOString(),
        }),
      );
    await changed(cy.id, 'online');
    await changed(bob.id, 'offline');

    // Then the dots follow, without reopening the panel
    await waitFor(() => expect(within(row('Cy Twombly')).getByTestId('presence-online')).toBeTruthy());
    expect(within(row('Bob Marley')).queryByTestId('presence-online')).toBeNull();
  });
});

describe('the member list of a group too big for presence frames (ADR 0034)', () => {
  beforeEach(() => setLocale('en'));
  afterEach(() => vi.useRealTimers());

  it('asks for the members’ presence while it is open, and stops when it is closed', async () => {
    // Given a group one member over the push limit, Ada signed in with it open
    const server = new FakeServer();
    const ada = server.addUser('Ada Lovelace');
    const others = Array.from({ length: PRESENCE_PUSH_MAX_MEMBERS }, (_, i) => server.addUser(`Member ${i}`));
    const group = server.addConversation([ada.id, ...others.map((u) => u.id)], 'group');
    group.title = 'Everyone';
    await signedIn(server, ada.id, `#/c/${group.id}`);
    await screen.findByTestId('messages');
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const asks = () => server.calls.filter((c) => c.path === '/notifications/presence').length;

    // When Ada opens the member list, and a member comes online a minute later
    fireEvent.click(await screen.findByTestId('group-info-button'));
    const panel = await screen.findByTestId('group-info');
    await waitFor(() => expect(within(panel).getAllByTestId('group-member')).toHaveLength(others.length + 1));
    const opened = asks();
    server.online.add(others[5]?.id as string);
    await act(() => vi.advanceTimersByTimeAsync(WATCHED_PRESENCE_REFRESH_MS));

    // Then the list asked again and shows the member online, with no frame about it
    expect(asks()).toBeGreaterThan(opened);
    const row = within(panel)
      .getAllByTestId('group-member')
      .find((r) => r.textContent?.includes('Member 5')) as HTMLElement;
    await waitFor(() => expect(within(row).getByTestId('presence-online')).toBeTruthy());

    // When the list is closed, it asks no more
    fireEvent.keyDown(panel, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('group-info')).toBeNull());
    const closed = asks();
    await act(() => vi.advanceTimersByTimeAsync(3 * WATCHED_PRESENCE_REFRESH_MS));
    expect(asks()).toBe(closed);
  });
});

describe('message info and who reacted', () => {
  beforeEach(() => setLocale('en'));

  it('shows who has read a group message and who has not', async () => {
    const { server, group, ada } = await team();
    // Given Bob's message (seq 1) was read by Ada but not by Cy
    server.conversations.get(group.id)?.reads.set(ada, 1);
    const message = (await screen.findAllByTestId('message'))[0] as HTMLElement;
    openMenu(within(message).getByRole('button', { name: 'Message actions' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Info' }));
    const info = await screen.findByTestId('message-info');
    await waitFor(() => expect(within(within(info).getByTestId('info-read')).getByText('Ada Lovelace')).toBeTruthy());
    expect(within(within(info).getByTestId('info-unread')).getByText('Cy Twombly')).toBeTruthy();
    // the sender is in neither list
    expect(within(info).queryByText('Bob Marley')).toBeNull();
  });

  it('lists the people who reacted when a chip is hovered', async () => {
    const server = new FakeServer();
    const ada = server.addUser('Ada Lovelace');
    const bob = server.addUser('Bob Marley');
    const chat = server.addConversation([ada.id, bob.id]);
    const { message } = server.post(chat.id, ada.id, 'Ship it?');
    message.reactions.push({ emoji: '🎉', userIds: [bob.id, ada.id] });
    await signedIn(server, ada.id, `#/c/${chat.id}`);
    const chip = await screen.findByTestId('reaction-chip');
    await waitFor(() => expect(chip.getAttribute('title')).toBe('🎉 by Bob Marley, You'));
    fireEvent.pointerEnter(chip, { pointerType: 'mouse' });
    const people = await screen.findByTestId('reaction-people', {}, { timeout: 1_500 });
    expect(
      within(people)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Bob Marley', 'You']);
    await act(async () => fireEvent.pointerLeave(chip));
  });

  it('lists the people who reacted on a long-press (touch), without toggling my reaction', async () => {
    // Given Ada's message with 🎉 from Bob and from her
    const server = new FakeServer();
    const ada = server.addUser('Ada Lovelace');
    const bob = server.addUser('Bob Marley');
    const chat = server.addConversation([ada.id, bob.id]);
    const { message } = server.post(chat.id, ada.id, 'Ship it?');
    message.reactions.push({ emoji: '🎉', userIds: [bob.id, ada.id] });
    await signedIn(server, ada.id, `#/c/${chat.id}`);
    const chip = await screen.findByTestId('reaction-chip');
    await waitFor(() => expect(chip.getAttribute('title')).toBe('🎉 by Bob Marley, You'));
    expect(chip.getAttribute('aria-pressed')).toBe('true');
    expect(chip.textContent).toContain('2');

    // When a finger rests on the chip (a touch pointer entering does not count as hovering)
    await act(async () => {
      fireEvent.pointerEnter(chip, { pointerType: 'touch' });
      fireEvent.pointerDown(chip, { pointerType: 'touch', button: 0, clientX: 10, clientY: 10 });
    });
    // Then nothing shows before the long-press delay has passed
    await act(() => new Promise((done) => setTimeout(done, LONG_PRESS_MS / 2)));
    expect(screen.queryByTestId('reaction-people')).toBeNull();
    // And once it has, the people who reacted show
    await act(() => new Promise((done) => setTimeout(done, LONG_PRESS_MS / 2 + 100)));
    const people = await screen.findByTestId('reaction-people');
    expect(
      within(people)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Bob Marley', 'You']);

    // When the finger lifts (the browser then fires a click)
    await act(async () => {
      fireEvent.pointerUp(chip, { pointerType: 'touch', button: 0, clientX: 10, clientY: 10 });
      fireEvent.click(chip);
    });
    await act(() => new Promise((done) => setTimeout(done, 300)));

    // Then my reaction is not toggled: still pressed, still 2, the server unchanged, the people still shown
    expect(chip.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('reaction-chip').textContent).toContain('2');
    expect(message.reactions).toEqual([{ emoji: '🎉', userIds: [bob.id, ada.id] }]);
    expect(screen.getByTestId('reaction-people')).toBeTruthy();

    // And a plain tap afterwards does toggle it (the long-press guard lasts for that press only)
    await act(async () => fireEvent.pointerLeave(chip));
    await act(async () => {
      fireEvent.pointerDown(chip, { pointerType: 'touch', button: 0, clientX: 10, clientY: 10 });
      fireEvent.pointerUp(chip, { pointerType: 'touch', button: 0, clientX: 10, clientY: 10 });
      fireEvent.click(chip);
    });
    await waitFor(() => expect(screen.getByTestId('reaction-chip').getAttribute('aria-pressed')).toBe('false'));
  });
});

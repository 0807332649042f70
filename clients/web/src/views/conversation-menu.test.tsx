import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '../lib/i18n.ts';
import { FakeServer } from '../test/fake-server.ts';
import { signedIn } from '../test/signed-in.tsx';
import { listSections, unreadTotal } from './conversation-list-sections.ts';

async function inbox() {
  const server = new FakeServer();
  const ada = server.addUser('Ada Lovelace');
  const names = ['Bob Marley', 'Cy Twombly', 'Dee Dee Ramone'];
  const chats = names.map((name) => {
    const other = server.addUser(name);
    const chat = server.addConversation([ada.id, other.id]);
    server.post(chat.id, other.id, `Hi from ${name}`);
    return chat;
  });
  const { push } = await signedIn(server, ada.id, '#/');
  await waitFor(() => expect(screen.getAllByTestId('conversation-item')).toHaveLength(3));
  return { server, ada: ada.id, chats, push };
}

const titles = () => screen.getAllByTestId('conversation-row').map((r) => r.textContent ?? '');
const row = (name: string) =>
  screen.getAllByTestId('conversation-item').find((r) => r.textContent?.includes(name)) as HTMLElement;
const choose = async (name: string, item: string) => {
  fireEvent.contextMenu(row(name));
  const menu = await screen.findByTestId('conversation-menu');
  fireEvent.click(within(menu).getByRole('menuitem', { name: item }));
  await waitFor(() => expect(screen.queryByTestId('conversation-menu')).toBeNull());
};

describe('the conversation list menu', () => {
  beforeEach(() => setLocale('en'));

  it('pins to the top, mutes with an icon, and archives under "Archived (N)"', async () => {
    const { server, ada, chats, push } = await inbox();
    // newest first: Dee, Cy, Bob
    expect(titles()[0]).toContain('Dee Dee Ramone');

    // When Ada pins Bob (a right-click opens the row's menu)
    await choose('Bob Marley', 'Pin');
    await waitFor(() => expect(titles()[0]).toContain('Bob Marley'));
    expect(within(row('Bob Marley')).getByTestId('pinned-icon')).toBeTruthy();
    expect(server.conversations.get(chats[0]?.id as string)?.preferences?.get(ada)).toEqual({ pinned: true });

    // When she mutes Cy from the "⋯" button's menu
    fireEvent.pointerDown(within(row('Cy Twombly')).getByTestId('conversation-menu-button'), {
      button: 0,
      pointerType: 'mouse',
    });
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Mute' }));
    await waitFor(() => expect(within(row('Cy Twombly')).getByTestId('muted-icon')).toBeTruthy());

    // When she archives Dee
    await choose('Dee Dee Ramone', 'Archive');
    await waitFor(() => expect(titles().some((t) => t.includes('Dee Dee Ramone'))).toBe(false));
    const toggle = screen.getByTestId('archived-toggle');
    expect(toggle.textContent).toContain('Archived (1)');
    fireEvent.click(toggle);
    expect(within(screen.getByTestId('archived-list')).getByText('Dee Dee Ramone')).toBeTruthy();

    // When Dee writes again, her chat leaves the archive (it is not muted)
    const dee = chats[2]?.memberIds.find((id) => id !== ada) as string;
    const { message } = server.post(chats[2]?.id as string, dee, 'Still there?');
    await push(server.sentFrame(message));
    await waitFor(() => expect(screen.queryByTestId('archived-toggle')).toBeNull());
    expect(titles()[1]).toContain('Dee Dee Ramone');
  });

  it('shows the refusal when a sixth chat is pinned, and puts the row back', async () => {
    const { server, ada, chats } = await inbox();
    // Given five other chats are pinned on the server
    for (let i = 0; i < 5; i++) {
      const extra = server.addConversation([ada, `ghost${i}`]);
      extra.preferences = new Map([[ada, { pinned: true }]]);
    }
    await choose('Cy Twombly', 'Pin');
    expect((await screen.findByTestId('list-menu-error')).textContent).toContain('You can pin at most 5 chats');
    expect(within(row('Cy Twombly')).queryByTestId('pinned-icon')).toBeNull();
    expect(server.conversations.get(chats[1]?.id as string)?.preferences?.get(ada)?.pinned).toBeUndefined();
  });

  it('speaks Spanish', async () => {
    setLocale('es');
    await inbox();
    fireEvent.contextMenu(row('Bob Marley'));
    const menu = await screen.findByTestId('conversation-menu');
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((m) => m.textContent),
    ).toEqual(['Silenciar', 'Archivar', 'Fijar']);
  });
});

describe('listSections and unreadTotal', () => {
  const c = (id: string, extra: object = {}) => ({
    id,
    kind: 'direct' as const,
    memberIds: [],
    lastSeq: 0,
    unreadCount: 2,
    readSeqs: {},
    activityAt: '',
    ...extra,
  });
  it('puts pinned first, archived apart, and leaves muted chats out of the unread total', () => {
    const all = {
      a: c('a'),
      b: c('b', { pinned: true }),
      d: c('d', { archived: true, pinned: true }),
      m: c('m', { muted: true }),
    };
    expect(listSections(['a', 'b', 'd', 'm'], all)).toEqual({ pinned: ['b'], rest: ['a', 'm'], archived: ['d'] });
    expect(unreadTotal(all)).toBe(6);
  });
});

import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '../lib/i18n.ts';
import { REFRESH_TOKEN_KEY } from '../lib/session-store.ts';
import { FakeServer } from '../test/fake-server.ts';
import { FakeSocket } from '../test/fake-socket.ts';
import { renderApp } from '../test/render-app.tsx';

/** An organisation with an admin (Ada) and a colleague (Bob Tan). */
function organisation() {
  const server = new FakeServer();
  const ada = server.addUser('Ada Lovelace');
  ada.roles = ['admin', 'user'];
  const bob = server.addUser('Bob Tan');
  return { server, ada, bob };
}

/** Signs `userId` in (as on a return visit) and opens the admin area. */
function openAdmin(server: FakeServer, userId: string) {
  localStorage.setItem(REFRESH_TOKEN_KEY, server.sessionFor(userId));
  window.location.hash = '#/admin';
  renderApp(server);
}

const row = async (e164: string) => {
  await waitFor(() => expect(document.querySelector(`[data-e164="${e164}"]`)).not.toBeNull());
  return document.querySelector(`[data-e164="${e164}"]`) as HTMLElement;
};

// Each step here waits on several fake requests and renders: on a busy 2-core machine that can take over a second.
configure({ asyncUtilTimeout: 5_000 });

describe('the admin area', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    setLocale('en');
  });

  it('searches, orders with the order followed live, and assigns the number to a colleague', async () => {
    // Given Ada, an admin, in the admin area
    const { server, ada, bob } = organisation();
    openAdmin(server, ada.id);
    expect(await screen.findByRole('heading', { name: 'Admin', level: 1 })).toBeTruthy();
    expect((await screen.findByTestId('country-US')).textContent).toContain('No numbers here yet.');

    // When she searches US local numbers and orders the first one
    fireEvent.change(screen.getByTestId('search-country'), { target: { value: 'US' } });
    fireEvent.click(screen.getByTestId('search-numbers'));
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Select +1 206 555 0100' }));
    fireEvent.click(screen.getByRole('button', { name: 'Order 1' }));

    // Then the order shows as processing, then complete once the carrier is done, and the number is free
    const status = await screen.findByTestId('order-status');
    expect(status.getAttribute('data-status')).toBe('processing');
    await waitFor(() => expect(status.getAttribute('data-status')).toBe('successful'));
    expect(status.textContent).toContain('Order complete');
    await waitFor(async () =>
      expect(within(await row('+12065550100')).getByTestId('number-state').textContent).toBe('Free'),
    );
    expect(within(screen.getByTestId('country-US')).getByTestId('country-summary').textContent).toBe(
      '1 number · 1 free',
    );

    // When she assigns it to Bob, picked from the directory
    fireEvent.click(screen.getByRole('button', { name: 'Assign +1 206 555 0100' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByTestId('assign-search'), { target: { value: 'Bob' } });
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Assign to Bob Tan' }));

    // Then the dialog closes, the row says whose it is, and the server holds the assignment
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const assigned = await row('+12065550100');
    expect(within(assigned).getByTestId('number-state').textContent).toBe('Assigned');
    expect(assigned.textContent).toContain('Assigned to Bob Tan');
    expect(server.numbers.inventory.get('+12065550100')?.assignedTo).toEqual({
      userId: bob.id,
      displayName: 'Bob Tan',
    });
  });

  it('explains honestly that a Swiss order waits for identity documents', async () => {
    // Given Ada in the admin area
    const { server, ada } = organisation();
    openAdmin(server, ada.id);
    await screen.findByTestId('country-CH');

    // When she orders a Swiss number
    fireEvent.change(screen.getByTestId('search-country'), { target: { value: 'CH' } });
    fireEvent.click(screen.getByTestId('search-numbers'));
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Select +41 44 668 18 00' }));
    fireEvent.click(screen.getByRole('button', { name: 'Order 1' }));

    // Then she reads what the wait is, and the number shows as ordered
    const status = await screen.findByTestId('order-status');
    expect(status.getAttribute('data-status')).toBe('pending-documents');
    expect(status.textContent).toContain('Switzerland needs identity documents through AWS; this can take 2–6 weeks');
    await waitFor(async () =>
      expect(within(await row('+41446681800')).getByTestId('number-state').textContent).toBe('Ordered'),
    );
  });

  it('imports a number from the SIP trunk’s pool, and says so when it is already there', async () => {
    // Given Ada in the admin area
    const { server, ada } = organisation();
    openAdmin(server, ada.id);
    await screen.findByTestId('country-SG');

    // When she lists Singapore's free numbers and imports one
    fireEvent.change(screen.getByTestId('search-country'), { target: { value: 'SG' } });
    fireEvent.click(screen.getByTestId('search-numbers'));
    fireEvent.click(await screen.findByRole('button', { name: 'Import +65 6123 4567' }));

    // Then it is in the inventory, free
    await waitFor(async () =>
      expect(within(await row('+6561234567')).getByTestId('number-state').textContent).toBe('Free'),
    );
    expect(server.numbers.inventory.get('+6561234567')?.carrier).toBe('sip-trunk');

    // When she types the same number into the import form
    fireEvent.change(screen.getByTestId('import-number'), { target: { value: '+65 6123 4567' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));

    // Then she is told it is already there
    expect(
      (await screen.findByText('That number is already in the inventory.')).closest('[role="alert"]'),
    ).not.toBeNull();
  });

  it('releases a number only after a confirmation that names its owner', async () => {
    // Given a Singapore number assigned to Bob
    const { server, ada, bob } = organisation();
    server.numbers.add('+6561234567', 'assigned', bob.id);
    openAdmin(server, ada.id);

    // When Ada asks to release it, then cancels
    fireEvent.click(within(await row('+6561234567')).getByRole('button', { name: 'Release +65 6123 4567' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('Release +65 6123 4567?');
    expect(dialog.textContent).toContain('Bob Tan loses it at once.');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    // Then nothing changed
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(server.numbers.inventory.get('+6561234567')?.state).toBe('assigned');

    // When she asks again and confirms
    fireEvent.click(within(await row('+6561234567')).getByRole('button', { name: 'Release +65 6123 4567' }));
    fireEvent.click(await screen.findByTestId('confirm-release'));

    // Then the number is released, on the server and on screen, with no actions left
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(server.numbers.inventory.get('+6561234567')?.state).toBe('released');
    const released = await row('+6561234567');
    expect(within(released).getByTestId('number-state').textContent).toBe('Released');
    expect(within(released).queryByRole('button')).toBeNull();
  });

  it('unassigns a number, and shows the service’s refusal in the person’s words', async () => {
    // Given a number assigned to Bob, and another that someone released meanwhile
    const { server, ada, bob } = organisation();
    server.numbers.add('+6561234567', 'assigned', bob.id);
    server.numbers.add('+6561234568');
    openAdmin(server, ada.id);
    const gone = await row('+6561234568');
    const stored = server.numbers.inventory.get('+6561234568');
    if (stored) stored.state = 'released';

    // When Ada unassigns Bob's number
    fireEvent.click(within(await row('+6561234567')).getByRole('button', { name: 'Unassign +65 6123 4567' }));

    // Then it is free again
    await waitFor(async () =>
      expect(within(await row('+6561234567')).getByTestId('number-state').textContent).toBe('Free'),
    );
    expect(server.numbers.inventory.get('+6561234567')?.assignedTo).toBeUndefined();

    // When she tries to release the one already released elsewhere
    fireEvent.click(within(gone).getByRole('button', { name: 'Release +65 6123 4568' }));
    fireEvent.click(await screen.findByTestId('confirm-release'));

    // Then the dialog says why it cannot
    const dialog = await screen.findByRole('alertdialog');
    expect((await within(dialog).findByRole('alert')).textContent).toBe('That number was already released.');
  });

  it('shows a non-admin a clear "Only admins" page, asks the server nothing, and hides the link', async () => {
    // Given Bob, who is not an admin
    const { server, bob } = organisation();

    // When he opens the admin area's address
    openAdmin(server, bob.id);

    // Then he reads that it is for admins, no number route was asked, and no nav item leads there
    expect(await screen.findByRole('heading', { name: 'Only admins' })).toBeTruthy();
    expect(screen.getByTestId('admin-only').textContent).toContain('Only admins can manage phone numbers.');
    expect(screen.queryByTestId('nav-admin')).toBeNull();
    expect(screen.queryByTestId('tab-admin')).toBeNull();
    expect(server.calls.some((c) => c.path.startsWith('/numbers') && c.user === bob.id)).toBe(false);
    expect(server.calls.some((c) => c.path === '/identity/me' || c.path === '/identity/auth/refresh')).toBe(true);
  });

  it('shows the admin link to an admin, and the error state with a retry when the inventory cannot load', async () => {
    // Given Ada, an admin, with the numbers service failing
    const { server, ada } = organisation();
    server.numbers.add('+6561234567');
    server.numbers.failList = true;
    openAdmin(server, ada.id);

    // Then the link is there and the area says it could not load
    expect(await screen.findByTestId('nav-admin')).toBeTruthy();
    expect((await screen.findByText('The numbers could not be loaded.')).closest('[role="alert"]')).not.toBeNull();

    // When the service is back and she tries again
    server.numbers.failList = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));

    // Then the inventory shows
    expect(await row('+6561234567')).toBeTruthy();
  });

  it('speaks Spanish', async () => {
    // Given Spanish and an admin
    setLocale('es');
    const { server, ada } = organisation();
    openAdmin(server, ada.id);

    // Then the admin area is in Spanish, country names included
    expect(await screen.findByRole('heading', { name: 'Administración', level: 1 })).toBeTruthy();
    expect((await screen.findByTestId('country-CH')).textContent).toContain('Suiza');
    expect(screen.getByTestId('country-CH').textContent).toContain('Requiere documentos de identidad');
  });
});

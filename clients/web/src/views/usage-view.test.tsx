import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../lib/i18n.ts';
import { REFRESH_TOKEN_KEY } from '../lib/session-store.ts';
import { shiftMonth } from '../lib/usage-format.ts';
import { FakeServer } from '../test/fake-server.ts';
import { FakeSocket } from '../test/fake-socket.ts';
import { CSV_HEADER } from '../test/fake-usage.ts';
import { renderApp } from '../test/render-app.tsx';

// The store shows the current UTC month first: the ledger's lines are put in it.
const MONTH = new Date().toISOString().slice(0, 7);
const at = (day: number, hour = 10) =>
  `${MONTH}-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;

/** Ada (admin) and Bob Tan, and a month of usage: Bob called Switzerland and Panama and got an SMS; Ada called Singapore. */
function organisation() {
  const server = new FakeServer();
  const ada = server.addUser('Ada Lovelace');
  ada.roles = ['admin', 'user'];
  const bob = server.addUser('Bob Tan');
  const phone = { feature: 'pstn-out', unit: 'second', direction: 'outbound' as const };
  server.usage.add({ ...phone, userId: bob.id, quantity: 95, amountMicros: 31_700, at: at(1), country: 'CH' });
  server.usage.add({ ...phone, userId: bob.id, quantity: 600, amountMicros: 1_200_000, at: at(3), country: 'PA' });
  server.usage.add({
    feature: 'pstn-out',
    unit: 'attendee-minute',
    userId: bob.id,
    quantity: 20,
    amountMicros: 34_000,
    at: at(3),
  });
  server.usage.add({
    feature: 'sms',
    unit: 'sms-segment',
    userId: bob.id,
    quantity: 1,
    amountMicros: 58_400,
    at: at(3, 11),
    country: 'CH',
  });
  server.usage.add({ ...phone, userId: ada.id, quantity: 120, amountMicros: 24_000, at: at(2), country: 'SG' });
  return { server, ada, bob };
}

/** Signs `userId` in (as on a return visit) and opens the Usage page. */
function openUsage(server: FakeServer, userId: string) {
  localStorage.setItem(REFRESH_TOKEN_KEY, server.sessionFor(userId));
  window.location.hash = '#/usage';
  renderApp(server);
}

configure({ asyncUtilTimeout: 5_000 });

// Each case renders the whole app against the fake API: slow on a busy 2-core machine.
describe('the Usage page', { timeout: 20_000 }, () => {
  beforeEach(() => {
    FakeSocket.all = [];
    setLocale('en');
  });

  it('shows my month: the total against my limit, by feature and country, and what cost most first; not the organisation', async () => {
    // Given Bob, not an admin, with four items this month and three WhatsApp replies
    const { server, bob } = organisation();
    server.usage.add({
      feature: 'whatsapp-message',
      unit: 'message',
      userId: bob.id,
      quantity: 3,
      amountMicros: 15_000,
      at: new Date(Date.now() - 60_000).toISOString(),
    });

    // When he opens Usage
    openUsage(server, bob.id);

    // Then his total (not Ada's call) against the 50 USD limit
    const mine = await screen.findByTestId('usage-mine');
    await waitFor(() =>
      expect(within(mine).getByTestId('usage-cap').textContent).toBe('$1.34 of your $50.00 monthly limit'),
    );
    // by feature: the phone minutes, the SMS, the meeting minutes, each with its quantity
    const features = within(mine).getByTestId('usage-by-feature');
    expect([...features.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Calls to phones 11:35 min$1.23',
      'SMS 1 SMS$0.06',
      'Calls to phones 20 meeting min$0.03',
      'WhatsApp messages 3 messages$0.02',
    ]);
    // by country, dearest first, the meeting minutes under "No country"
    const countries = within(mine)
      .getAllByTestId('usage-by-country-row')
      .map((r) => r.dataset.key);
    expect(countries).toEqual(['PA', 'CH', 'none']);
    // the costliest item first: the call to Panama
    const costly = within(mine).getAllByTestId('usage-costly-line');
    expect(costly).toHaveLength(5);
    expect(costly[0]?.textContent).toContain('Calls to phones · outgoing');
    expect(costly[0]?.textContent).toContain('Panama');
    expect(costly[0]?.textContent).toContain('$1.20');
    // and, not being an admin, no organisation section and no request for it
    expect(screen.queryByTestId('usage-org')).toBeNull();
    expect(server.calls.some((c) => c.path === '/usage/usage')).toBe(false);
  });

  it('says plainly when nothing was used this month, and reads an earlier month with the switcher', async () => {
    // Given Cleo, who used nothing this month but called last month
    const { server } = organisation();
    const cleo = server.addUser('Cleo Diaz');
    const last = shiftMonth(MONTH, -1);
    server.usage.add({
      feature: 'sms',
      unit: 'sms-segment',
      userId: cleo.id,
      quantity: 2,
      amountMicros: 101_000,
      at: `${last}-15T08:00:00.000Z`,
      country: 'PA',
    });

    // When she opens Usage
    openUsage(server, cleo.id);

    // Then the empty state; the next month is not offered
    expect((await screen.findByTestId('usage-mine-empty')).textContent).toContain('Nothing used in');
    expect(screen.getByRole('button', { name: 'Next month' })).toHaveProperty('disabled', true);

    // When she goes back a month, then last month's SMS
    fireEvent.click(screen.getByRole('button', { name: 'Previous month' }));
    await waitFor(() => expect(screen.getAllByTestId('usage-costly-line')).toHaveLength(1));
    expect(screen.getByTestId('usage-cap').textContent).toBe('$0.10 of your $50.00 monthly limit');
    expect(server.calls.filter((c) => c.path === '/usage/usage/me').map((c) => c.query.get('month'))).toEqual([
      MONTH,
      last,
    ]);
  });

  it('shows an error with Try again when the ledger cannot be read, and the month once it can', async () => {
    // Given the usage service failing once
    const { server, bob } = organisation();
    server.usage.failNext = 1;

    // When Bob opens Usage
    openUsage(server, bob.id);

    // Then an error with a retry, which then shows his month
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Your usage could not be loaded.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.getAllByTestId('usage-costly-line')).toHaveLength(4));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows an admin the organisation: a bar per day with spend, by country and by person with their names', async () => {
    // Given Ada, an admin
    const { server, ada } = organisation();

    // When she opens Usage
    openUsage(server, ada.id);

    // Then the organisation's month: bars on the three days anything was used
    const org = await screen.findByTestId('usage-org');
    await waitFor(() => expect(within(org).getAllByTestId('usage-day-bar')).toHaveLength(3));
    expect(within(org).getByRole('img', { name: /^Spend per day in / })).toBeTruthy();
    // by country: Panama, Switzerland (call and SMS), Singapore, then the meeting minutes
    expect(
      within(org)
        .getAllByTestId('usage-org-by-country-row')
        .map((r) => r.dataset.key),
    ).toEqual(['PA', 'CH', 'none', 'SG']);
    // by person, with names from the directory, Bob first
    await waitFor(() =>
      expect(
        within(org)
          .getAllByTestId('usage-org-by-person-row')
          .map((r) => r.textContent?.split('$')[0]),
      ).toEqual(['Bob Tan4 items', 'Ada Lovelace1 items']),
    );
    // and her own month above it
    expect(within(await screen.findByTestId('usage-mine')).getAllByTestId('usage-costly-line')).toHaveLength(1);
  });

  describe('Download CSV', () => {
    // jsdom has no blob URLs and does not save files: the saved Blob and the link's name are caught here
    let saved: { blob: Blob; name: string }[];
    const { createObjectURL, revokeObjectURL } = URL;
    beforeEach(() => {
      saved = [];
      const blobs = new Map<string, Blob>();
      URL.createObjectURL = (blob: Blob) => {
        const url = `blob:parley.test/${blobs.size + 1}`;
        blobs.set(url, blob as Blob);
        return url;
      };
      URL.revokeObjectURL = () => {};
      vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
        const blob = blobs.get(this.href);
        if (blob) saved.push({ blob, name: this.download });
      });
    });
    afterEach(() => {
      vi.restoreAllMocks();
      Object.assign(URL, { createObjectURL, revokeObjectURL });
    });

    it('saves the shown month as parley-usage-<month>.csv, fetched with her token, saying so while it loads', async () => {
      // Given Ada, an admin, on Usage, last month shown
      const { server, ada } = organisation();
      openUsage(server, ada.id);
      const org = await screen.findByTestId('usage-org');
      fireEvent.click(screen.getByRole('button', { name: 'Previous month' }));
      const last = shiftMonth(MONTH, -1);
      await waitFor(() =>
        expect(server.calls.some((c) => c.path === '/usage/usage' && c.query.get('month') === last)).toBe(true),
      );

      // When she presses Download CSV
      const button = within(org).getByRole('button', { name: 'Download CSV' });
      fireEvent.click(button);

      // Then it says it is preparing and cannot be pressed again meanwhile
      expect(within(org).getByTestId('usage-export').textContent).toBe('Preparing CSV…');
      expect(within(org).getByTestId('usage-export')).toHaveProperty('disabled', true);
      // and the month's CSV is saved under its month's name, asked for as Ada
      await waitFor(() => expect(saved).toHaveLength(1));
      expect(saved[0]?.name).toBe(`parley-usage-${last}.csv`);
      expect(saved[0]?.blob.type).toBe('text/csv;charset=utf-8');
      expect((await saved[0]?.blob.text())?.split('\r\n')[0]).toBe(CSV_HEADER);
      const asked = server.calls.filter((c) => c.path === '/usage/usage/export.csv');
      expect(asked.map((c) => ({ month: c.query.get('month'), user: c.user }))).toEqual([
        { month: last, user: ada.id },
      ]);
      await waitFor(() => expect(within(org).getByTestId('usage-export')).toHaveProperty('disabled', false));
    });

    it('says it failed when the export cannot be read, and a second press saves it', async () => {
      // Given Ada on Usage, the organisation shown
      const { server, ada } = organisation();
      openUsage(server, ada.id);
      const org = await screen.findByTestId('usage-org');
      await waitFor(() => expect(within(org).getAllByTestId('usage-day-bar')).toHaveLength(3));

      // When the export fails once
      server.usage.failNext = 1;
      fireEvent.click(within(org).getByRole('button', { name: 'Download CSV' }));

      // Then an error beside the button, and nothing saved
      const failed = await within(org).findByTestId('usage-export-error');
      expect(failed.textContent).toContain('The CSV could not be downloaded.');
      expect(failed.getAttribute('role')).toBe('alert');
      expect(saved).toEqual([]);

      // When she presses again, then it is saved and the error is gone
      fireEvent.click(within(org).getByRole('button', { name: 'Download CSV' }));
      await waitFor(() => expect(saved.map((s) => s.name)).toEqual([`parley-usage-${MONTH}.csv`]));
      expect(within(org).queryByTestId('usage-export-error')).toBeNull();
    });

    it('is not offered to someone who is not an admin', async () => {
      const { server, bob } = organisation();
      openUsage(server, bob.id);
      await screen.findByTestId('usage-mine');
      expect(screen.queryByRole('button', { name: 'Download CSV' })).toBeNull();
    });
  });

  it('is in the navigation, and speaks Spanish', async () => {
    // Given Bob, in Spanish, on Chats
    const { server, bob } = organisation();
    setLocale('es');
    localStorage.setItem(REFRESH_TOKEN_KEY, server.sessionFor(bob.id));
    window.location.hash = '#/';
    renderApp(server);

    // When he follows "Consumo" in the navigation
    fireEvent.click(await screen.findByTestId('nav-usage'));

    // Then the page in Spanish, amounts in the Spanish format
    expect(await screen.findByRole('heading', { name: 'Consumo', level: 1 })).toBeTruthy();
    // (Intl puts a no-break space before the currency sign)
    await waitFor(() =>
      expect(screen.getByTestId('usage-cap').textContent?.replace(/\u00a0/g, ' ')).toBe(
        '1,32 US$ de tu límite mensual de 50,00 US$',
      ),
    );
    expect(screen.getByText('Por país')).toBeTruthy();
  });
});

import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '../lib/i18n.ts';
import { FakeServer } from '../test/fake-server.ts';
import { signedIn } from '../test/signed-in.tsx';

// Two cores shared by many test runs: give the fake backend's round trips time.
configure({ asyncUtilTimeout: 5_000 });

// Issue 17, texting phones in the web client (ADR 0028): conversations of kind sms / whatsapp.
const PHONE = '+41791234567';

/** Ada owns a Parley number; a phone texted it, so she has an SMS conversation with it. */
function texting(kind: 'sms' | 'whatsapp' = 'sms') {
  const server = new FakeServer();
  const ada = server.addUser('Ada Lovelace');
  Object.assign(ada, { mobileNumber: '+41445551234' }); // her country (CH) reads national numbers
  server.messaging.parleyNumbers.set(ada.id, '+6531000001');
  const chat = server.messaging.addTextConversation(ada.id, PHONE, kind);
  return { server, ada: ada.id, chat };
}

const messageWith = (text: string) =>
  within(screen.getByTestId('messages'))
    .getAllByTestId('message')
    .find((m) => m.textContent?.includes(text)) as HTMLElement;

describe('texting a phone', { timeout: 20_000 }, () => {
  beforeEach(() => setLocale('en'));

  it('lists and opens a text conversation as its phone number with an SMS or WhatsApp badge, no presence, no call', async () => {
    const { server, ada, chat } = texting('whatsapp');
    server.post(chat.id, server.messaging.partyId(chat), '¿Está abierto hoy?');
    const { push } = await signedIn(server, ada, '#/');

    const row = await screen.findByTestId('conversation-row');
    await waitFor(() => expect(row.textContent).toContain('+41 79 123 45 67'));
    expect(within(row).getByTestId('text-channel-badge').textContent).toBe('WhatsApp');
    expect(row.textContent).toContain('¿Está abierto hoy?');

    fireEvent.click(row);
    const header = await screen.findByTestId('chat-title');
    expect(header.textContent).toBe('+41 79 123 45 67');
    const top = header.closest('header') as HTMLElement;
    expect(within(top).getByTestId('text-channel-badge').textContent).toBe('WhatsApp');
    expect(top.textContent).toContain('WhatsApp messages to this phone number');
    expect(top.textContent).not.toMatch(/members|Online|Offline/);
    expect(within(top).queryByRole('button', { name: /call/i })).toBeNull();
    // the phone's message is from that number (not a "…" of a profile that does not exist)
    await within(await screen.findByTestId('messages')).findByText('¿Está abierto hoy?');
    fireEvent.click(within(messageWith('¿Está abierto hoy?')).getByRole('button', { name: 'Reply' }));
    expect((await screen.findByText(/^Replying to/)).textContent).toBe('Replying to +41 79 123 45 67');
    // and a new one is read out as from that number
    await push(server.sentFrame(server.post(chat.id, server.messaging.partyId(chat), '¿Y mañana?').message));
    await waitFor(() => expect(screen.getByTestId('incoming-announcer').textContent).toContain('+41 79 123 45 67'));
  });

  it('shows an SMS badge and my replies’ delivery where read ticks go, live from MessageDeliveryChanged', async () => {
    const { server, ada, chat } = texting('sms');
    server.post(chat.id, server.messaging.partyId(chat), 'Hola');
    const sent = server.post(chat.id, ada, 'Sí, hasta las 18h.').message;
    const refused = server.post(chat.id, ada, 'Are you still there?').message;
    const { push } = await signedIn(server, ada, `#/c/${chat.id}`);
    expect((await screen.findByTestId('chat-title')).closest('header')?.textContent).toContain('SMS');
    await screen.findByText('Sí, hasta las 18h.');
    // stored but not reported yet: ✓ (and never a "read" tick: a phone sends no read receipts)
    expect(within(messageWith('hasta las 18h')).getByTestId('tick-sent')).toBeTruthy();
    expect(screen.queryByTestId('tick-read')).toBeNull();

    await push(server.messaging.deliver(sent, 'delivered'));
    await waitFor(() => expect(within(messageWith('hasta las 18h')).getByTestId('tick-delivered')).toBeTruthy());
    expect(within(messageWith('hasta las 18h')).getByRole('img', { name: 'Delivered' })).toBeTruthy();

    await push(server.messaging.deliver(refused, 'failed', 'opted-out'));
    await waitFor(() =>
      expect(within(messageWith('still there')).getByTestId('delivery-failed').textContent).toBe(
        'Not delivered: the number opted out',
      ),
    );
    // a late "sent" does not take "delivered" back
    await push(server.messaging.deliver(sent, 'sent'));
    expect(within(messageWith('hasta las 18h')).getByTestId('tick-delivered')).toBeTruthy();
  });

  it('reads the delivery a fetched history carries', async () => {
    const { server, ada, chat } = texting('sms');
    const m = server.post(chat.id, ada, 'Llego en 10').message;
    server.messaging.deliver(m, 'failed', 'daily-cap');
    await signedIn(server, ada, `#/c/${chat.id}`);
    await screen.findByText('Llego en 10');
    expect(within(messageWith('Llego en 10')).getByTestId('delivery-failed').textContent).toBe(
      'Not delivered: you reached today’s texting limit',
    );
  });

  it('offers no attachments in a text conversation, and says why on hover', async () => {
    const { server, ada, chat } = texting('sms');
    await signedIn(server, ada, `#/c/${chat.id}`);
    const composer = await screen.findByTestId('composer');
    const unavailable = await within(composer.closest('form') ?? document.body).findByTestId('attach-unavailable');
    expect(unavailable.getAttribute('title')).toBe('Files can’t be sent to a phone number: text only');
    expect((within(unavailable).getByRole('button') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Attach files' })).toBeNull();
  });

  it('starts a text conversation from a national number read in my country, sent as E.164', async () => {
    const { server, ada } = texting();
    await signedIn(server, ada, '#/');
    fireEvent.click(await screen.findByRole('button', { name: 'New chat' }));
    fireEvent.click(await screen.findByTestId('new-text-message'));
    fireEvent.change(await screen.findByTestId('text-number'), { target: { value: '078 765 43 21' } });
    fireEvent.click(screen.getByTestId('text-channel-whatsapp'));
    fireEvent.click(screen.getByTestId('start-text'));
    // while the server answers, the button says so and cannot be pressed twice
    expect(screen.getByTestId('start-text').textContent).toBe('Starting…');
    expect((screen.getByTestId('start-text') as HTMLButtonElement).disabled).toBe(true);

    // the chat opens with that number, on WhatsApp
    await waitFor(() => expect(screen.getByTestId('chat-title').textContent).toBe('+41 78 765 43 21'));
    const created = [...server.conversations.values()].find((c) => c.party?.phoneNumber === '+41787654321');
    expect(created?.kind).toBe('whatsapp');
    expect(screen.queryByTestId('new-text-form')).toBeNull();
  });

  it('says what is wrong: a bad number (nothing sent), no Parley number', async () => {
    const { server, ada } = texting();
    await signedIn(server, ada, '#/');
    fireEvent.click(await screen.findByRole('button', { name: 'New chat' }));
    fireEvent.click(await screen.findByTestId('new-text-message'));
    const before = server.conversations.size;
    fireEvent.change(await screen.findByTestId('text-number'), { target: { value: '12' } });
    fireEvent.click(screen.getByTestId('start-text'));
    expect((await screen.findByTestId('new-text-error')).textContent).toContain('doesn’t look like a phone number');
    expect(server.conversations.size).toBe(before);

    server.messaging.parleyNumbers.delete(ada);
    fireEvent.change(screen.getByTestId('text-number'), { target: { value: '+41 78 765 43 21' } });
    fireEvent.click(screen.getByTestId('start-text'));
    await waitFor(() =>
      expect(screen.getByTestId('new-text-error').textContent).toBe(
        'You need a Parley number to text phones. Ask an administrator for one.',
      ),
    );
    expect(server.conversations.size).toBe(before);
  });
});

import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '../lib/i18n.ts';
import { FakeServer } from '../test/fake-server.ts';
import { signedIn } from '../test/signed-in.tsx';

// Two cores shared by many test runs: give the fake backend's round trips time.
configure({ asyncUtilTimeout: 5_000 });

// Issue 17, WhatsApp outside the 24 h window (ADR 0030): WhatsApp accepts a reply only within 24 hours of
// the person's last message; the conversation says when that ends (`replyWindowEndsAt`).
const PHONE = '+41791234567';
const HOUR = 60 * 60 * 1000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/** Ada owns a Parley number and has a WhatsApp conversation with a phone. */
function whatsapp() {
  const server = new FakeServer();
  const ada = server.addUser('Ada Lovelace');
  server.messaging.parleyNumbers.set(ada.id, '+6531000001');
  const chat = server.messaging.addTextConversation(ada.id, PHONE, 'whatsapp');
  return { server, ada: ada.id, chat };
}

describe('WhatsApp’s 24 h reply window', { timeout: 20_000 }, () => {
  beforeEach(() => setLocale('en'));

  it('given their last message is 25 h old, then a notice replaces the composer, in English and Spanish', async () => {
    // Prepare
    const { server, ada, chat } = whatsapp();
    server.messaging.receiveWhatsApp(chat, 'Hola', ago(25 * HOUR));
    // Act
    await signedIn(server, ada, `#/c/${chat.id}`);
    // Assess
    const notice = await screen.findByTestId('reply-window-closed');
    expect(notice.textContent).toContain('WhatsApp lets you reply only within 24 hours of their last message');
    expect(notice.textContent).toContain('The window closed 1 hour ago.');
    expect(screen.queryByTestId('composer')).toBeNull();
    setLocale('es');
    await waitFor(() =>
      expect(screen.getByTestId('reply-window-closed').textContent).toContain(
        'WhatsApp solo te deja responder dentro de las 24 horas siguientes a su último mensaje',
      ),
    );
  });

  it('given they never wrote, then the notice says they have to write first', async () => {
    const { server, ada, chat } = whatsapp();
    chat.replyWindowEndsAt = null;
    await signedIn(server, ada, `#/c/${chat.id}`);
    expect((await screen.findByTestId('reply-window-closed')).textContent).toContain('they haven’t written to you yet');
    expect(screen.queryByTestId('composer')).toBeNull();
  });

  it('given the window is open, then the composer; under 2 h left, a hint of the hours, then the minutes', async () => {
    const { server, ada, chat } = whatsapp();
    server.messaging.receiveWhatsApp(chat, 'Hola', ago(20 * HOUR));
    const other = server.messaging.addTextConversation(ada, '+41797654321', 'whatsapp');
    server.messaging.receiveWhatsApp(other, 'Hola', ago(22.5 * HOUR)); // 1 h 30 min left
    const third = server.messaging.addTextConversation(ada, '+41790000001', 'whatsapp');
    server.messaging.receiveWhatsApp(third, 'Hola', ago(23 * HOUR + 20 * 60_000)); // 40 min left

    await signedIn(server, ada, `#/c/${chat.id}`);
    await screen.findByTestId('composer');
    expect(screen.queryByTestId('reply-window-hint')).toBeNull();
    expect(screen.queryByTestId('reply-window-closed')).toBeNull();

    window.location.hash = `#/c/${other.id}`;
    await waitFor(() => expect(screen.getByTestId('reply-window-hint').textContent).toBe('1 h left to reply'));
    expect(screen.getByTestId('composer')).toBeTruthy();
    window.location.hash = `#/c/${third.id}`;
    await waitFor(() => expect(screen.getByTestId('reply-window-hint').textContent).toBe('40 min left to reply'));
  });

  it('given the window is closed, when a new message from them arrives, then the composer comes back at once', async () => {
    // Prepare
    const { server, ada, chat } = whatsapp();
    server.messaging.receiveWhatsApp(chat, 'Hola', ago(30 * HOUR));
    const { push } = await signedIn(server, ada, `#/c/${chat.id}`);
    await screen.findByTestId('reply-window-closed');
    // Act: the phone writes again
    const message = server.messaging.receiveWhatsApp(chat, '¿Sigues ahí?');
    await push(server.sentFrame(message));
    // Assess
    await screen.findByTestId('composer');
    expect(screen.queryByTestId('reply-window-closed')).toBeNull();
    fireEvent.change(screen.getByTestId('composer'), { target: { value: 'Sí, aquí estoy' } });
    fireEvent.keyDown(screen.getByTestId('composer'), { key: 'Enter' });
    await waitFor(() => expect(chat.messages.at(-1)?.text).toBe('Sí, aquí estoy'));
  });

  it('given the window ends while the chat is open, then the notice replaces the composer without a reload', async () => {
    const { server, ada, chat } = whatsapp();
    server.messaging.receiveWhatsApp(chat, 'Hola', ago(24 * HOUR - 1500)); // 1.5 s left
    await signedIn(server, ada, `#/c/${chat.id}`);
    await screen.findByTestId('composer');
    await screen.findByTestId('reply-window-closed', undefined, { timeout: 5_000 });
    expect(screen.queryByTestId('composer')).toBeNull();
  });

  it('given the server’s clock says it closed (skew), then the message shows the server’s reason and the notice follows', async () => {
    // Prepare: 1 h left by the browser's clock, but the server is 2 h ahead
    const { server, ada, chat } = whatsapp();
    server.messaging.receiveWhatsApp(chat, 'Hola', ago(23 * HOUR));
    server.messaging.serverClockAheadMs = 2 * HOUR;
    await signedIn(server, ada, `#/c/${chat.id}`);
    const composer = await screen.findByTestId('composer');
    // Act
    fireEvent.change(composer, { target: { value: 'Llego mañana' } });
    fireEvent.keyDown(composer, { key: 'Enter' });
    // Assess
    const refusal = await screen.findByTestId('send-refusal');
    expect(refusal.textContent).toBe(
      'WhatsApp lets you reply only within 24 hours of their last message, and that time has passed.',
    );
    expect(within(screen.getByTestId('messages')).getByText('Llego mañana')).toBeTruthy();
    await screen.findByTestId('reply-window-closed');
    expect(chat.messages.map((m) => m.text)).toEqual(['Hola']);
  });

  it('shows a reply that WhatsApp failed at the boundary (131047) as the window having closed', async () => {
    const { server, ada, chat } = whatsapp();
    server.messaging.receiveWhatsApp(chat, 'Hola', ago(HOUR));
    const sent = server.post(chat.id, ada, 'Justo a tiempo').message;
    server.messaging.deliver(sent, 'failed', '131047 Re-engagement message');
    await signedIn(server, ada, `#/c/${chat.id}`);
    expect((await screen.findByTestId('delivery-failed')).textContent).toBe(
      'Not delivered: WhatsApp’s 24-hour reply window had closed',
    );
  });

  it('an SMS conversation has no window: the composer, no hint, whatever the age of their last text', async () => {
    const { server, ada } = whatsapp();
    const sms = server.messaging.addTextConversation(ada, PHONE, 'sms');
    const old = server.post(sms.id, server.messaging.partyId(sms), 'Hola').message;
    old.sentAt = ago(72 * HOUR);
    await signedIn(server, ada, `#/c/${sms.id}`);
    await screen.findByTestId('composer');
    expect(screen.queryByTestId('reply-window-closed')).toBeNull();
    expect(screen.queryByTestId('reply-window-hint')).toBeNull();
  });
});

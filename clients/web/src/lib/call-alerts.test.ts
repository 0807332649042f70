import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeMediaFactory } from '../test/fake-media.ts';
import { apiFor, FakeServer } from '../test/harness.ts';
import { startCallAlerts } from './call-alerts.ts';
import { CallStore } from './call-store.ts';
import { callingApi } from './calling-api.ts';
import { setLocale } from './i18n.ts';

/** A browser notification stand-in that records what was shown and closed. */
class RecordedNotification {
  static permission: NotificationPermission = 'granted';
  static shown: RecordedNotification[] = [];
  readonly title: string;
  closed = false;
  onclick: (() => void) | null = null;
  constructor(title: string) {
    this.title = title;
    RecordedNotification.shown.push(this);
  }
  close() {
    this.closed = true;
  }
}

function hiddenTab() {
  const doc = document.implementation.createHTMLDocument('Parley');
  Object.defineProperty(doc, 'visibilityState', { value: 'hidden', configurable: true });
  return { document: doc, Notification: RecordedNotification, focus: () => undefined } as unknown as Window;
}

describe('call alerts in a hidden tab', () => {
  afterEach(() => {
    vi.useRealTimers();
    RecordedNotification.shown = [];
  });

  it('flash the title and show a notification while it rings, and stop when it stops', () => {
    // Given Bob's calls in a hidden tab that may notify
    vi.useFakeTimers();
    setLocale('en');
    const server = new FakeServer();
    const ada = server.addUser('Ada Lovelace');
    const bob = server.addUser('Bob Marley');
    const calls = new CallStore({ api: callingApi(apiFor(server, bob.id)), me: bob.id, ...fakeMediaFactory() });
    const win = hiddenTab();
    const stop = startCallAlerts({ calls, window: win, nameOf: () => undefined });

    // When Ada's call rings
    const call = server.calling.place(ada.id, bob.id);
    calls.applyFrame(server.calling.ringingFrame(call));
    vi.advanceTimersByTime(1_000);

    // Then the title flashes her name and a notification says she is calling
    expect(win.document.title).toBe('📞 Ada Lovelace is calling');
    expect(RecordedNotification.shown.map((n) => n.title)).toEqual(['Ada Lovelace is calling you on Parley']);

    // When another device answers
    calls.applyFrame(server.calling.answeredFrame(call));

    // Then the title is back and the notification closed
    expect(win.document.title).toBe('Parley');
    expect(RecordedNotification.shown[0]?.closed).toBe(true);
    stop();
  });

  it('shows no notification when the person did not allow it', () => {
    // Given a hidden tab without permission
    const server = new FakeServer();
    const ada = server.addUser('Ada Lovelace');
    const bob = server.addUser('Bob Marley');
    const calls = new CallStore({ api: callingApi(apiFor(server, bob.id)), me: bob.id, ...fakeMediaFactory() });
    RecordedNotification.permission = 'default';
    const stop = startCallAlerts({ calls, window: hiddenTab(), nameOf: () => undefined });

    // When a call rings
    calls.applyFrame(server.calling.ringingFrame(server.calling.place(ada.id, bob.id)));

    // Then it rings (the store says so) but nothing was shown
    expect(calls.state.get().rings).toHaveLength(1);
    expect(RecordedNotification.shown).toEqual([]);
    stop();
    RecordedNotification.permission = 'granted';
  });
});

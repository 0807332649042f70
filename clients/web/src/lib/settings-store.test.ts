import { describe, expect, it } from 'vitest';
import { FakeServer, settingsFor } from '../test/harness.ts';
import { ApiError } from './api-client.ts';
import type { Profile } from './model.ts';

const CHROME_LINUX = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36';
const FIREFOX_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.1; rv:133.0) Gecko/20100101 Firefox/133.0';

function ada(server: FakeServer): Profile {
  const user = server.addUser('Ada Lovelace');
  return { id: user.id, displayName: user.displayName, email: user.email, roles: ['user'] };
}

describe('settings store', () => {
  it('lists my sessions with this device marked, and revokes another one', async () => {
    // Given Ada signed in on this laptop and on a Mac
    const server = new FakeServer();
    const me = ada(server);
    const here = server.addSession(me.id, CHROME_LINUX);
    const mac = server.addSession(me.id, FIREFOX_MAC);
    const settings = settingsFor(server, me, here.sessionId);

    // When the list loads and she revokes the Mac's session
    const loading = settings.loadSessions();
    const whileLoading = settings.state.get().sessions.status;
    await loading;
    const listed = settings.state.get().sessions.value?.map((s) => [s.id, s.current]);
    await settings.revokeSession(mac.sessionId);

    // Then she saw both (this one marked), and now only this one is left, here and on the server
    expect(whileLoading).toBe('loading');
    expect(listed).toEqual([
      [here.sessionId, true],
      [mac.sessionId, false],
    ]);
    expect(settings.state.get().sessions.value?.map((s) => s.id)).toEqual([here.sessionId]);
    expect(server.sessions.map((s) => s.sessionId)).toEqual([here.sessionId]);
  });

  it('says why the sessions could not be loaded, and keeps the list when a revoke fails', async () => {
    // Given a network that drops the first request
    const server = new FakeServer();
    const me = ada(server);
    const mac = server.addSession(me.id, FIREFOX_MAC);
    const settings = settingsFor(server, me);
    server.failNext = 1;

    // When the list is loaded (failing), loaded again, and a revoke fails on the way
    await settings.loadSessions();
    const failed = settings.state.get().sessions;
    await settings.loadSessions();
    server.failNext = 1;
    await settings.revokeSession(mac.sessionId);

    // Then the first load showed an error with nothing listed; after the failed revoke the list stays, with the error
    expect(failed.status).toBe('error');
    expect(failed.value).toBeUndefined();
    expect((failed.error as ApiError).code).toBe('network');
    const after = settings.state.get().sessions;
    expect(after.status).toBe('ready');
    expect(after.value?.map((s) => s.id)).toEqual([mac.sessionId]);
    expect((after.error as ApiError).code).toBe('network');
  });

  it('shows an empty list as ready with no sessions', async () => {
    // Given a server that lists none
    const server = new FakeServer();
    const settings = settingsFor(server, ada(server));

    // When the list loads
    await settings.loadSessions();

    // Then it is ready and empty (the view says so rather than showing a skeleton forever)
    expect(settings.state.get().sessions).toEqual({ status: 'ready', value: [] });
  });

  it('saves an SMS switch at once, and puts it back when the save fails', async () => {
    // Given Ada's preferences with every SMS off
    const server = new FakeServer();
    const me = ada(server);
    server.preferences.set(me.id, { smsOnMissedCall: false, smsOnVoicemail: false });
    const settings = settingsFor(server, me);
    await settings.loadPreferences();

    // When she turns on missed-call texts, then tries voicemail texts while the network is down
    await settings.setPreference('smsOnMissedCall', true);
    server.failNext = 1;
    const saving = settings.setPreference('smsOnVoicemail', true);
    const shownAtOnce = settings.state.get().preferences.value?.smsOnVoicemail;
    await saving;

    // Then the first is saved on the server; the second showed at once, then went back with an error
    expect(server.preferences.get(me.id)).toEqual({ smsOnMissedCall: true, smsOnVoicemail: false });
    expect(shownAtOnce).toBe(true);
    const { value, error } = settings.state.get().preferences;
    expect(value).toEqual({ smsOnMissedCall: true, smsOnVoicemail: false });
    expect(error).toBeInstanceOf(ApiError);
  });

  it('saves my profile, and keeps the API’s field error for the form', async () => {
    // Given Ada editing her profile
    const server = new FakeServer();
    const me = ada(server);
    const saved: Profile[] = [];
    const settings = settingsFor(server, me, undefined, saved);

    // When she saves a status and a time zone, then a mobile number that is not E.164
    await settings.saveProfile({ displayName: 'Ada Lovelace', statusMessage: 'In Panama', timeZone: 'America/Panama' });
    const afterSave = settings.state.get().profile.status;
    await settings.saveProfile({ displayName: 'Ada Lovelace', mobileNumber: '079 123 45 67' });

    // Then the first save reached the server and was handed on; the second is refused with the field's message
    expect(afterSave).toBe('saved');
    expect(saved.map((p) => [p.statusMessage, p.timeZone])).toEqual([['In Panama', 'America/Panama']]);
    expect(server.users.get(me.id)?.statusMessage).toBe('In Panama');
    const { status, error } = settings.state.get().profile;
    expect(status).toBe('idle');
    expect((error as ApiError).fieldError('mobileNumber')).toBe('must be an E.164 phone number');
  });
});

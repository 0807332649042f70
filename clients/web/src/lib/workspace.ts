import type { ApiClient } from './api-client.ts';
import { startCallAlerts } from './call-alerts.ts';
import { CallSettingsStore } from './call-settings-store.ts';
import { CallStore } from './call-store.ts';
import { callingApi } from './calling-api.ts';
import { ConversationStore } from './conversation-store.ts';
import { DialPadStore } from './dial-pad-store.ts';
import { identityApi } from './identity-api.ts';
import { createCallMedia } from './media/create-call-media.ts';
import { messagingApi } from './messaging-api.ts';
import type { Profile } from './model.ts';
import { notificationsApi } from './notifications-api.ts';
import { AdminNumbersStore } from './numbers-admin-store.ts';
import { numbersApi } from './numbers-api.ts';
import { MyNumbersStore } from './numbers-mine-store.ts';
import { PeopleStore } from './people-store.ts';
import { countryOfNumber } from './phone-format.ts';
import { RealtimeClient } from './realtime-client.ts';
import type { SessionStore } from './session-store.ts';
import { SettingsStore } from './settings-store.ts';
import type { Store } from './store.ts';
import { voicemailApi } from './voicemail-api.ts';
import { VoicemailStore } from './voicemail-store.ts';
import type { ParleyOptions, Workspace } from './workspace-model.ts';

export type { ParleyOptions, Workspace } from './workspace-model.ts';

function defaultWsBase(): string {
  const { protocol, host } = globalThis.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/ws`;
}

export interface WorkspaceContext {
  me: Profile;
  session: SessionStore;
  api: ApiClient;
  options: ParleyOptions;
  /** the workspace as it is now (its `me` follows profile edits) */
  current: Store<Workspace | undefined>;
}

/** What `openWorkspace` made: the workspace, what closes it, and what starts its traffic once it is shown. */
export interface OpenedWorkspace {
  workspace: Workspace;
  cleanup: (() => void)[];
  start(): void;
}

/**
 * Builds the signed-in workspace: every store, wired to the realtime link. A chunk of its own, imported
 * once someone is signed in (or about to be: `Parley.start`), so the sign-in screen loads none of it.
 */
export function openWorkspace({ me, session, api, options, current }: WorkspaceContext): OpenedWorkspace {
  const win = options.window ?? globalThis.window;
  const wsBase = options.wsBase ?? defaultWsBase();
  const realtime = new RealtimeClient({
    url: (token) => `${wsBase}?token=${encodeURIComponent(token)}`,
    token: () => session.accessToken(),
    createSocket: options.createSocket,
    onRefused: () => void session.verify(),
  });
  const messaging = messagingApi(api, me.id);
  const identity = identityApi(api);
  const notifications = notificationsApi(api);
  const numbers = numbersApi(api);
  const myNumbers = new MyNumbersStore({ numbers, me: me.id });
  const adminNumbers = new AdminNumbersStore({ numbers, orderPollMs: options.orderPollMs });
  const people = new PeopleStore({
    identity,
    notifications,
    isVisible: () => win?.document?.visibilityState !== 'hidden',
  });
  people.remember([me]);
  const settings = new SettingsStore({
    identity,
    notifications,
    me: () => current.get()?.me ?? me,
    currentSessionId: () => {
      const state = session.state.get();
      return state.status === 'signed-in' ? state.sessionId : undefined;
    },
    profileSaved: (profile) => {
      session.setUser(profile);
      people.remember([profile]);
    },
  });
  const conversations = new ConversationStore({
    api: messaging,
    me: me.id,
    sendAction: (action) => realtime.send(action),
    isVisible: () => win?.document?.visibilityState !== 'hidden',
  });
  const calling = callingApi(api);
  const calls = new CallStore({ api: calling, me: me.id, createMedia: options.createMedia ?? createCallMedia });
  const dialPad = new DialPadStore({
    api: calling,
    // National numbers are read in my own country: my mobile number's, else my Parley number's.
    defaultCountry: () =>
      countryOfNumber((current.get()?.me ?? me).mobileNumber) ?? myNumbers.state.get().numbers.value?.[0]?.country,
  });
  const voicemail = new VoicemailStore({ api: voicemailApi(api), me: me.id });
  const callSettings = new CallSettingsStore({ api: calling });
  const offFrame = realtime.onFrame((frame) => {
    calls.applyFrame(frame);
    voicemail.applyFrame(frame);
    conversations.applyFrame(frame);
    people.applyFrame(frame);
    myNumbers.applyFrame(frame);
    // New co-members become visible to presence once notifications has projected the membership.
    const memberIds = frame.data.memberIds;
    if (frame.type.startsWith('messaging.') && Array.isArray(memberIds)) {
      void people.loadPresence(memberIds.filter((id): id is string => typeof id === 'string' && id !== me.id));
    }
  });
  const offReconnect = realtime.onReconnect(() => {
    void conversations.resync();
    void people.refreshPresence();
    void calls.resync();
    void voicemail.resync();
    void myNumbers.resync();
  });
  const onOffline = () => realtime.wentOffline();
  const onOnline = () => realtime.reconnectNow();
  const onVisible = () => {
    if (win?.document.visibilityState !== 'visible') return;
    const active = conversations.state.get().activeId;
    if (active) void conversations.markRead(active).catch(() => undefined);
    // presence is pushed, not polled (ADR 0034): a tab shown again asks if it has not for a while
    void people.refreshPresenceIfStale();
  };
  win?.addEventListener('offline', onOffline);
  win?.addEventListener('online', onOnline);
  win?.document?.addEventListener('visibilitychange', onVisible);
  const offAlerts = win
    ? startCallAlerts({ calls, window: win, nameOf: (id) => people.state.get().profiles[id]?.displayName })
    : () => undefined;
  const cleanup = [
    offAlerts,
    () => calls.dispose(),
    () => conversations.dispose(),
    offFrame,
    offReconnect,
    () => win?.removeEventListener('offline', onOffline),
    () => win?.removeEventListener('online', onOnline),
    () => win?.document?.removeEventListener('visibilitychange', onVisible),
    () => realtime.stop(),
    () => adminNumbers.dispose(),
    () => dialPad.dispose(),
  ];
  const workspace: Workspace = {
    me,
    messaging,
    identity,
    notifications,
    numbers,
    calling,
    calls,
    dialPad,
    voicemail,
    callSettings,
    conversations,
    people,
    settings,
    myNumbers,
    adminNumbers,
    realtime,
  };
  return {
    workspace,
    cleanup,
    start() {
      realtime.start();
      void conversations.loadList().catch(() => undefined);
      void calls.resync();
    },
  };
}

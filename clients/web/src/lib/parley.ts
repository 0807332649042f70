import { type ApiClient, createApiClient } from './api-client.ts';
import { authApi } from './auth-api.ts';
import { startCallAlerts } from './call-alerts.ts';
import type { Join } from './call-model.ts';
import { CallSettingsStore } from './call-settings-store.ts';
import { CallStore } from './call-store.ts';
import { type CallingApi, callingApi } from './calling-api.ts';
import { ConversationStore } from './conversation-store.ts';
import { DialPadStore } from './dial-pad-store.ts';
import { type IdentityApi, identityApi } from './identity-api.ts';
import type { CallMedia } from './media/call-media.ts';
import { createCallMedia } from './media/create-call-media.ts';
import { type MessagingApi, messagingApi } from './messaging-api.ts';
import type { Profile } from './model.ts';
import { type NotificationsApi, notificationsApi } from './notifications-api.ts';
import { AdminNumbersStore } from './numbers-admin-store.ts';
import { type NumbersApi, numbersApi } from './numbers-api.ts';
import { MyNumbersStore } from './numbers-mine-store.ts';
import { PeopleStore } from './people-store.ts';
import { countryOfNumber } from './phone-format.ts';
import { RealtimeClient, type SocketLike } from './realtime-client.ts';
import { SessionStore } from './session-store.ts';
import { SettingsStore } from './settings-store.ts';
import { createStore, type Store } from './store.ts';
import { voicemailApi } from './voicemail-api.ts';
import { VoicemailStore } from './voicemail-store.ts';

/**
 * Everything that exists while someone is signed in; thrown away at sign-out. Views read the
 * stores and call their methods; the `*Api` ports are for stores (and attachment uploads).
 */
export interface Workspace {
  me: Profile;
  messaging: MessagingApi;
  identity: IdentityApi;
  notifications: NotificationsApi;
  calling: CallingApi;
  /** incoming rings, the call in progress and the call log */
  calls: CallStore;
  /** the Calls view's keypad: a number typed, parsed and quoted */
  dialPad: DialPadStore;
  /** my voicemail and its playback */
  voicemail: VoicemailStore;
  /** the Settings card "Calls" */
  callSettings: CallSettingsStore;
  numbers: NumbersApi;
  conversations: ConversationStore;
  people: PeopleStore;
  settings: SettingsStore;
  /** the Settings card: my phone numbers */
  myNumbers: MyNumbersStore;
  /** the admin area's inventory (only admins open it) */
  adminNumbers: AdminNumbersStore;
  realtime: RealtimeClient;
}

export interface ParleyOptions {
  apiBase?: string;
  /** `ws(s)://host/ws` */
  wsBase?: string;
  fetch?: typeof fetch;
  storage?: Storage;
  createSocket?: (url: string) => SocketLike;
  /** the media engine for a call's join (tests pass a fake; the browser picks one from the MediaPlacement) */
  createMedia?: (join: Join) => Promise<CallMedia>;
  window?: Window;
  /** how often the admin area reads an order still `processing` (tests make it quick) */
  orderPollMs?: number;
}

const PRESENCE_REFRESH_MS = 60_000;

function defaultWsBase(): string {
  const { protocol, host } = globalThis.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/ws`;
}

/** The client's composition root: session, API, and the per-user workspace with its realtime link. */
export class Parley {
  readonly session: SessionStore;
  readonly api: ApiClient;
  readonly workspace: Store<Workspace | undefined> = createStore<Workspace | undefined>(undefined);
  private readonly options: ParleyOptions;
  private cleanup: (() => void)[] = [];

  constructor(options: ParleyOptions = {}) {
    this.options = options;
    const apiBase = options.apiBase ?? '/api';
    this.session = new SessionStore({
      auth: authApi(createApiClient({ baseUrl: apiBase, fetch: options.fetch })),
      storage: options.storage,
    });
    this.api = createApiClient({ baseUrl: apiBase, tokens: this.session, fetch: options.fetch });
  }

  start(): () => void {
    const win = this.options.window ?? globalThis.window;
    const onStorage = (event: StorageEvent) => this.session.onStorage(event);
    win?.addEventListener('storage', onStorage);
    const unsubscribe = this.session.state.subscribe(() => this.follow());
    void this.session.restore();
    return () => {
      unsubscribe();
      win?.removeEventListener('storage', onStorage);
      this.closeWorkspace();
      this.session.dispose();
    };
  }

  private follow(): void {
    const state = this.session.state.get();
    const current = this.workspace.get();
    if (state.status === 'signed-in') {
      if (current?.me.id === state.user.id) {
        if (current.me !== state.user) this.workspace.set({ ...current, me: state.user });
        return;
      }
      this.closeWorkspace();
      this.openWorkspace(state.user);
    } else if (state.status === 'signed-out' && current) {
      this.closeWorkspace();
    }
  }

  private openWorkspace(me: Profile): void {
    const win = this.options.window ?? globalThis.window;
    const wsBase = this.options.wsBase ?? defaultWsBase();
    const realtime = new RealtimeClient({
      url: (token) => `${wsBase}?token=${encodeURIComponent(token)}`,
      token: () => this.session.accessToken(),
      createSocket: this.options.createSocket,
      onRefused: () => void this.session.verify(),
    });
    const messaging = messagingApi(this.api, me.id);
    const identity = identityApi(this.api);
    const notifications = notificationsApi(this.api);
    const numbers = numbersApi(this.api);
    const myNumbers = new MyNumbersStore({ numbers, me: me.id });
    const adminNumbers = new AdminNumbersStore({ numbers, orderPollMs: this.options.orderPollMs });
    const people = new PeopleStore({ identity, notifications });
    people.remember([me]);
    const settings = new SettingsStore({
      identity,
      notifications,
      me: () => this.workspace.get()?.me ?? me,
      currentSessionId: () => {
        const session = this.session.state.get();
        return session.status === 'signed-in' ? session.sessionId : undefined;
      },
      profileSaved: (profile) => {
        this.session.setUser(profile);
        people.remember([profile]);
      },
    });
    const conversations = new ConversationStore({
      api: messaging,
      me: me.id,
      sendAction: (action) => realtime.send(action),
      isVisible: () => win?.document?.visibilityState !== 'hidden',
    });
    const calling = callingApi(this.api);
    const calls = new CallStore({ api: calling, me: me.id, createMedia: this.options.createMedia ?? createCallMedia });
    const dialPad = new DialPadStore({
      api: calling,
      // National numbers are read in my own country: my mobile number's, else my Parley number's.
      defaultCountry: () =>
        countryOfNumber((this.workspace.get()?.me ?? me).mobileNumber) ??
        myNumbers.state.get().numbers.value?.[0]?.country,
    });
    const voicemail = new VoicemailStore({ api: voicemailApi(this.api), me: me.id });
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
    // Presence frames only reach people who already share a conversation or a contact: refresh the rest now and then.
    const presenceTimer = setInterval(() => void people.refreshPresence(), PRESENCE_REFRESH_MS);
    const onOffline = () => realtime.wentOffline();
    const onOnline = () => realtime.reconnectNow();
    const onVisible = () => {
      const active = conversations.state.get().activeId;
      if (active && win?.document.visibilityState === 'visible')
        void conversations.markRead(active).catch(() => undefined);
    };
    win?.addEventListener('offline', onOffline);
    win?.addEventListener('online', onOnline);
    win?.document?.addEventListener('visibilitychange', onVisible);
    const offAlerts = win
      ? startCallAlerts({ calls, window: win, nameOf: (id) => people.state.get().profiles[id]?.displayName })
      : () => undefined;
    this.cleanup = [
      offAlerts,
      () => calls.dispose(),
      () => conversations.dispose(),
      offFrame,
      offReconnect,
      () => win?.removeEventListener('offline', onOffline),
      () => win?.removeEventListener('online', onOnline),
      () => win?.document?.removeEventListener('visibilitychange', onVisible),
      () => realtime.stop(),
      () => clearInterval(presenceTimer),
      () => adminNumbers.dispose(),
      () => dialPad.dispose(),
    ];
    this.workspace.set({
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
    });
    realtime.start();
    void conversations.loadList().catch(() => undefined);
    void calls.resync();
  }

  private closeWorkspace(): void {
    for (const fn of this.cleanup) fn();
    this.cleanup = [];
    this.workspace.set(undefined);
  }
}

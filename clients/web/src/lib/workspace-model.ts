import type { Join } from './call-model.ts';
import type { CallSettingsStore } from './call-settings-store.ts';
import type { CallStore } from './call-store.ts';
import type { CallingApi } from './calling-api.ts';
import type { ConversationStore } from './conversation-store.ts';
import type { DialPadStore } from './dial-pad-store.ts';
import type { IdentityApi } from './identity-api.ts';
import type { CallMedia } from './media/call-media.ts';
import type { MessagingApi } from './messaging-api.ts';
import type { Profile } from './model.ts';
import type { NotificationsApi } from './notifications-api.ts';
import type { AdminNumbersStore } from './numbers-admin-store.ts';
import type { NumbersApi } from './numbers-api.ts';
import type { MyNumbersStore } from './numbers-mine-store.ts';
import type { PeopleStore } from './people-store.ts';
import type { RealtimeClient, SocketLike } from './realtime-client.ts';
import type { SettingsStore } from './settings-store.ts';
import type { VoicemailStore } from './voicemail-store.ts';

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

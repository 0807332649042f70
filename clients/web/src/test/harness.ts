import { type ApiClient, createApiClient } from '../lib/api-client.ts';
import { ConversationStore } from '../lib/conversation-store.ts';
import { identityApi } from '../lib/identity-api.ts';
import { messagingApi } from '../lib/messaging-api.ts';
import type { Profile } from '../lib/model.ts';
import { notificationsApi } from '../lib/notifications-api.ts';
import type { SendPolicy } from '../lib/outbox.ts';
import { SettingsStore } from '../lib/settings-store.ts';
import { FakeServer } from './fake-server.ts';

/** Sends give up sooner than in the browser, so failures show within a test's time. */
export const QUICK_SENDS: SendPolicy = { timeoutMs: 1_000, retryDelaysMs: [5, 5] };

/** The real API client, signed in as `me` on the fake server. */
export function apiFor(server: FakeServer, me: string): ApiClient {
  return createApiClient({
    baseUrl: '/api',
    fetch: server.fetch,
    tokens: { accessToken: async () => `at-${me}.1`, renewAfterUnauthorized: async () => false },
  });
}

/** The settings store for `me` (on the device with `sessionId`); `saved` collects the profiles it saved. */
export function settingsFor(server: FakeServer, me: Profile, sessionId?: string, saved: Profile[] = []) {
  const api = apiFor(server, me.id);
  return new SettingsStore({
    identity: identityApi(api),
    notifications: notificationsApi(api),
    me: () => me,
    currentSessionId: () => sessionId,
    profileSaved: (profile) => saved.push(profile),
  });
}

/** A conversation store for `me`, talking to a fake server through the real API client and readers. */
export function storeFor(server: FakeServer, me: string, sent: unknown[] = [], sendPolicy: SendPolicy = QUICK_SENDS) {
  const api = apiFor(server, me);
  const store = new ConversationStore({
    api: messagingApi(api, me),
    me,
    sendAction: (action) => {
      sent.push(action);
      return true;
    },
    sendPolicy,
  });
  return store;
}

/** Lets pending promises (fetches, merges) settle. */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

export function texts(store: ConversationStore, conversationId: string): string[] {
  return store.state.get().timelines[conversationId]?.messages.map((m) => m.text) ?? [];
}

export { FakeServer };

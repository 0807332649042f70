import type { ApiClient } from './api-client.ts';
import { itemsOf, type NotificationPreferences, type Presence } from './model.ts';

/** The notifications routes the client uses: presence and SMS preferences (a port, like `messaging-api.ts`). */
export interface NotificationsApi {
  /** presence of these users (one request; callers batch) */
  presence(userIds: string[]): Promise<Record<string, Presence>>;
  getPreferences(): Promise<NotificationPreferences>;
  /** replaces my preferences; the saved ones when the server sends them back */
  putPreferences(preferences: NotificationPreferences): Promise<NotificationPreferences | undefined>;
}

export function notificationsApi(api: ApiClient): NotificationsApi {
  return {
    async presence(userIds) {
      const body = await api.request<unknown>('GET', '/notifications/presence', {
        query: { userIds: userIds.join(',') },
      });
      const out: Record<string, Presence> = {};
      for (const raw of itemsOf(body)) {
        const item = raw as { userId?: unknown; status?: unknown; lastSeenAt?: unknown };
        if (typeof item.userId !== 'string') continue;
        out[item.userId] = {
          status: item.status === 'online' ? 'online' : 'offline',
          lastSeenAt: typeof item.lastSeenAt === 'string' ? item.lastSeenAt : undefined,
        };
      }
      return out;
    },
    async getPreferences() {
      const body = await api.request<unknown>('GET', '/notifications/preferences');
      return isPreferences(body) ? body : {};
    },
    async putPreferences(preferences) {
      const body = await api.request<unknown>('PUT', '/notifications/preferences', { body: preferences });
      return isPreferences(body) ? body : undefined;
    },
  };
}

function isPreferences(body: unknown): body is NotificationPreferences {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

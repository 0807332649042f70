import type { ApiClient } from './api-client.ts';
import { itemsOf, type Profile, readProfile, readSession, type Session } from './model.ts';

/** The fields of my profile I can change (`PATCH /identity/me`). */
export type ProfileChanges = Partial<
  Pick<Profile, 'displayName' | 'statusMessage' | 'locale' | 'timeZone' | 'mobileNumber'>
>;

/**
 * The identity routes the signed-in client uses (a port: stores are tested through the real API
 * client against a fake server). Signing in, renewing and out stay in the session store, which is
 * the token source every other request depends on.
 */
export interface IdentityApi {
  /** a public profile; undefined when the server sent none */
  getUser(id: string): Promise<Profile | undefined>;
  /** directory search by name */
  searchUsers(q: string): Promise<Profile[]>;
  /** my contacts; a contact the server sent without a name has its id as `displayName` */
  listContacts(): Promise<Profile[]>;
  addContact(id: string): Promise<void>;
  removeContact(id: string): Promise<void>;
  /** the people I blocked */
  listBlocks(): Promise<Profile[]>;
  block(id: string): Promise<void>;
  unblock(id: string): Promise<void>;
  /** my sessions; `currentId` marks this device's */
  listSessions(currentId?: string): Promise<Session[]>;
  revokeSession(id: string): Promise<void>;
  /** my profile as saved; undefined when the server answered without one */
  updateMe(changes: ProfileChanges): Promise<Profile | undefined>;
  /** texts a one-time code to `mobileNumber` (202) */
  requestMobileVerification(mobileNumber: string): Promise<void>;
  /** the code from that SMS makes the number my verified one */
  confirmMobileVerification(code: string): Promise<{ mobileNumber: string; mobileVerified: true }>;
}

const enc = encodeURIComponent;

export function identityApi(api: ApiClient): IdentityApi {
  return {
    async getUser(id) {
      return readProfile(await api.request<unknown>('GET', `/identity/users/${enc(id)}`));
    },
    async searchUsers(q) {
      const body = await api.request<unknown>('GET', '/identity/users', { query: { q } });
      return itemsOf(body).flatMap((raw) => readProfile(raw) ?? []);
    },
    async listContacts() {
      const body = await api.request<unknown>('GET', '/identity/contacts');
      return itemsOf(body).flatMap((raw) => readProfile(raw) ?? []);
    },
    async addContact(id) {
      await api.request('PUT', `/identity/contacts/${enc(id)}`);
    },
    async removeContact(id) {
      await api.request('DELETE', `/identity/contacts/${enc(id)}`);
    },
    async listBlocks() {
      const body = await api.request<unknown>('GET', '/identity/blocks');
      return itemsOf(body).flatMap((raw) => readProfile(raw) ?? []);
    },
    async block(id) {
      await api.request('PUT', `/identity/blocks/${enc(id)}`);
    },
    async unblock(id) {
      await api.request('DELETE', `/identity/blocks/${enc(id)}`);
    },
    async listSessions(currentId) {
      const body = await api.request<unknown>('GET', '/identity/sessions');
      return itemsOf(body).flatMap((raw) => readSession(raw, currentId) ?? []);
    },
    async revokeSession(id) {
      await api.request('DELETE', `/identity/sessions/${enc(id)}`);
    },
    async updateMe(changes) {
      return readProfile(await api.request<unknown>('PATCH', '/identity/me', { body: changes }));
    },
    async requestMobileVerification(mobileNumber) {
      await api.request('POST', '/identity/me/mobile/verification', { body: { mobileNumber } });
    },
    async confirmMobileVerification(code) {
      return api.request<{ mobileNumber: string; mobileVerified: true }>(
        'POST',
        '/identity/me/mobile/verification/confirm',
        { body: { code } },
      );
    },
  };
}

import type { ApiClient } from './api-client.ts';
import { type Conversation, itemsOf, type Message, readConversation, readMessage } from './model.ts';

/** The messaging routes (services/messaging/README.md) the conversation store uses (a port: tests drive it through fake fetch). */
export interface MessagingApi {
  listConversations(): Promise<Conversation[]>;
  getConversation(id: string): Promise<Conversation | undefined>;
  /** people (a direct chat or a group), or a phone number to text (`phoneNumber` in E.164, ADR 0028) */
  createConversation(
    input: { memberIds: string[]; title?: string } | { kind: 'sms' | 'whatsapp'; phoneNumber: string },
  ): Promise<Conversation>;
  /** accepts a message request (or a group I was added to) */
  acceptConversation(id: string): Promise<Conversation | undefined>;
  /** declines a request: a direct one is hidden, a group is left */
  declineConversation(id: string): Promise<void>;
  /** a group's new title (any member may) */
  renameConversation(id: string, title: string): Promise<Conversation>;
  /** adds people to a group (any member may) */
  addMembers(id: string, userIds: string[]): Promise<Conversation>;
  /** removes someone (an admin), or leaves (myself) */
  removeMember(id: string, userId: string): Promise<void>;
  /** makes a member an admin (an admin may) */
  makeAdmin(id: string, userId: string): Promise<Conversation>;
  /** my own mute / archive / pin for a conversation */
  setPreferences(id: string, preferences: ConversationPreferences): Promise<Conversation>;
  /** messages in `seq` order; `hasMore` when the server says more exist in the direction of travel */
  listMessages(id: string, range: { afterSeq?: number; beforeSeq?: number; limit: number }): Promise<MessagePage>;
  /** `signal` abandons the request (a send that takes too long is tried again with the same clientMessageId) */
  sendMessage(
    id: string,
    input: { clientMessageId: string; text?: string; attachmentIds?: string[]; replyToId?: string },
    signal?: AbortSignal,
  ): Promise<Message>;
  editMessage(id: string, messageId: string, text: string): Promise<Message | undefined>;
  deleteMessage(id: string, messageId: string): Promise<void>;
  react(id: string, messageId: string, emoji: string, on: boolean): Promise<void>;
  markRead(id: string, seq: number): Promise<void>;
  createAttachment(input: {
    conversationId: string;
    fileName: string;
    contentType: string;
    size: number;
    /** SHA-256 of the bytes, base64 (the upload URL is signed for it) */
    checksumSha256: string;
  }): Promise<{ attachmentId: string; uploadUrl: string; uploadHeaders?: Record<string, string> }>;
  attachmentUrl(attachmentId: string): Promise<string>;
}

/** What `PUT …/preferences` takes: any of the three. */
export type ConversationPreferences = Partial<Record<'muted' | 'archived' | 'pinned', boolean>>;

export interface MessagePage {
  items: Message[];
  hasMore?: boolean;
}

const c = (id: string) => `/messaging/conversations/${encodeURIComponent(id)}`;

function conversationOf(body: unknown, me: string): Conversation {
  const conversation = readConversation(body, me);
  if (!conversation) throw new Error('The server sent no conversation');
  return conversation;
}

export function messagingApi(api: ApiClient, me: string): MessagingApi {
  return {
    async acceptConversation(id) {
      return readConversation(await api.request<unknown>('POST', `${c(id)}/accept`), me);
    },
    async declineConversation(id) {
      await api.request('POST', `${c(id)}/decline`);
    },
    async listConversations() {
      const body = await api.request<unknown>('GET', '/messaging/conversations');
      return itemsOf(body).flatMap((raw) => readConversation(raw, me) ?? []);
    },
    async getConversation(id) {
      return readConversation(await api.request<unknown>('GET', c(id)), me);
    },
    async createConversation(input) {
      const conversation = readConversation(
        await api.request<unknown>('POST', '/messaging/conversations', { body: input }),
        me,
      );
      if (!conversation) throw new Error('The server sent no conversation');
      return conversation;
    },
    async renameConversation(id, title) {
      return conversationOf(await api.request<unknown>('PATCH', c(id), { body: { title } }), me);
    },
    async addMembers(id, userIds) {
      return conversationOf(await api.request<unknown>('POST', `${c(id)}/members`, { body: { userIds } }), me);
    },
    async removeMember(id, userId) {
      await api.request('DELETE', `${c(id)}/members/${encodeURIComponent(userId)}`);
    },
    async makeAdmin(id, userId) {
      return conversationOf(await api.request<unknown>('PUT', `${c(id)}/admins/${encodeURIComponent(userId)}`), me);
    },
    async setPreferences(id, preferences) {
      return conversationOf(await api.request<unknown>('PUT', `${c(id)}/preferences`, { body: preferences }), me);
    },
    async listMessages(id, range) {
      const body = await api.request<unknown>('GET', `${c(id)}/messages`, { query: range });
      const items = itemsOf(body)
        .flatMap((raw) => readMessage(raw, me) ?? [])
        .map((m) => ({ ...m, conversationId: m.conversationId || id }))
        .sort((a, b) => a.seq - b.seq);
      const hasMore = (body as { hasMore?: unknown } | undefined)?.hasMore;
      return { items, hasMore: typeof hasMore === 'boolean' ? hasMore : undefined };
    },
    async sendMessage(id, input, signal) {
      const message = readMessage(await api.request<unknown>('POST', `${c(id)}/messages`, { body: input, signal }), me);
      if (!message) throw new Error('The server sent no message');
      return { ...message, conversationId: message.conversationId || id };
    },
    async editMessage(id, messageId, text) {
      const body = await api.request<unknown>('PATCH', `${c(id)}/messages/${encodeURIComponent(messageId)}`, {
        body: { text },
      });
      return readMessage(body, me);
    },
    async deleteMessage(id, messageId) {
      await api.request('DELETE', `${c(id)}/messages/${encodeURIComponent(messageId)}`);
    },
    async react(id, messageId, emoji, on) {
      const path = `${c(id)}/messages/${encodeURIComponent(messageId)}/reactions/${encodeURIComponent(emoji)}`;
      await api.request(on ? 'PUT' : 'DELETE', path);
    },
    async markRead(id, seq) {
      await api.request('POST', `${c(id)}/read`, { body: { seq } });
    },
    async createAttachment(input) {
      return api.request('POST', '/messaging/attachments', { body: input });
    },
    async attachmentUrl(attachmentId) {
      const body = await api.request<{ downloadUrl: string }>(
        'GET',
        `/messaging/attachments/${encodeURIComponent(attachmentId)}`,
      );
      return body.downloadUrl;
    },
  };
}

import type { EventData } from '@parley/events/define-event';
import { MessageDeliveryChanged, MessageSent } from '@parley/events/messaging';
import type { ServerFrame } from '@parley/realtime/frames';
import { groupRoute } from './fake-groups.ts';
import { error, type FakeWorld, json } from './fake-http.ts';
import { eventFrame } from './frames.ts';

export interface StoredMessage {
  id: string;
  seq: number;
  conversationId: string;
  senderId: string;
  clientMessageId: string;
  text: string | null;
  sentAt: string;
  attachments: EventData<typeof MessageSent>['attachments'];
  reactions: { emoji: string; userIds: string[] }[];
  editedAt?: string;
  deleted: boolean;
  /** a text conversation's message of the owner: how far it got to the phone */
  delivery?: { status: 'sent' | 'delivered' | 'failed'; reason?: string; at: string };
}

export interface StoredConversation {
  id: string;
  kind: 'direct' | 'group' | 'sms' | 'whatsapp';
  title?: string;
  /** kind `sms` / `whatsapp`: the phone on the other side */
  party?: { phoneNumber: string; channel: 'sms' | 'whatsapp'; via: string };
  memberIds: string[];
  messages: StoredMessage[];
  reads: Map<string, number>;
  /** a group's admins (the creator, unless a test says otherwise) */
  adminIds?: string[];
  /** kind `whatsapp`: when replies stop being accepted (`null`: the phone never wrote); absent: not said */
  replyWindowEndsAt?: string | null;
  /** each member's own mute / archive / pin */
  preferences?: Map<string, { muted?: boolean; archived?: boolean; pinned?: boolean }>;
}

/** The messaging part of the fake API: conversations, messages by seq, reactions, read markers. */
export class FakeMessaging {
  readonly conversations = new Map<string, StoredConversation>();
  /** who owns a Parley number (user id → E.164): only they may start a text conversation */
  readonly parleyNumbers = new Map<string, string>();
  /** how far the fake server's clock is ahead of the browser's (WhatsApp's window is judged by it) */
  serverClockAheadMs = 0;
  private readonly world: FakeWorld;

  constructor(world: FakeWorld) {
    this.world = world;
  }

  addConversation(memberIds: string[], kind: 'direct' | 'group' = memberIds.length > 2 ? 'group' : 'direct') {
    const conversation: StoredConversation = {
      id: `c${this.world.next()}`,
      kind,
      memberIds,
      messages: [],
      reads: new Map(),
    };
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  /** A text conversation (ADR 0028) between `owner` and a phone, as a text to their number opens it. */
  addTextConversation(owner: string, phoneNumber: string, kind: 'sms' | 'whatsapp' = 'sms') {
    const existing = [...this.conversations.values()].find(
      (c) => c.kind === kind && c.memberIds[0] === owner && c.party?.phoneNumber === phoneNumber,
    );
    if (existing) return existing;
    const conversation: StoredConversation = {
      id: `t${this.world.next()}`,
      kind,
      memberIds: [owner],
      party: { phoneNumber, channel: kind, via: this.parleyNumbers.get(owner) ?? '+6531000001' },
      messages: [],
      reads: new Map(),
    };
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  /**
   * The phone writes in a WhatsApp conversation at `sentAt` (real time, default now): the message, and
   * the 24 h reply window from then, as messaging keeps it (ADR 0030). Returns the stored message.
   */
  receiveWhatsApp(c: StoredConversation, text: string, sentAt = new Date().toISOString()) {
    const { message } = this.post(c.id, this.partyId(c), text);
    message.sentAt = sentAt;
    c.replyWindowEndsAt = new Date(Date.parse(sentAt) + 24 * 60 * 60 * 1000).toISOString();
    return message;
  }

  /** The party's sender id in a text conversation (`tel:+…` / `wa:+…`). */
  partyId(c: StoredConversation): string {
    return `${c.kind === 'whatsapp' ? 'wa' : 'tel'}:${c.party?.phoneNumber}`;
  }

  /** Moves a message's delivery on and returns the `messaging.MessageDeliveryChanged` frame for it. */
  deliver(message: StoredMessage, status: 'sent' | 'delivered' | 'failed', reason?: string): ServerFrame {
    message.delivery = { status, ...(reason ? { reason } : {}), at: this.world.tick() };
    const data = {
      conversationId: message.conversationId,
      messageId: message.id,
      seq: message.seq,
      delivery: status,
      ...(reason ? { reason } : {}),
    };
    return eventFrame(MessageDeliveryChanged, data, message.delivery.at);
  }

  /** Stores a message as if POSTed; returns its REST shape (what a frame would announce). */
  post(conversationId: string, senderId: string, text: string, clientMessageId = `cm${this.world.next()}`) {
    const c = this.conversations.get(conversationId);
    if (!c) throw new Error(`no conversation ${conversationId}`);
    const existing = c.messages.find((m) => m.senderId === senderId && m.clientMessageId === clientMessageId);
    if (existing) return { message: existing, created: false };
    const seq = (c.messages[c.messages.length - 1]?.seq ?? 0) + 1;
    const message: StoredMessage = {
      id: `m${seq}_${conversationId}`,
      seq,
      conversationId,
      senderId,
      clientMessageId,
      text,
      sentAt: this.world.tick(),
      attachments: [],
      reactions: [],
      deleted: false,
    };
    c.messages.push(message);
    c.reads.set(senderId, seq);
    return { message, created: true };
  }

  /** The `messaging.MessageSent` frame for a stored message. */
  sentFrame(message: StoredMessage): ServerFrame {
    const text = message.text ?? '';
    const data = {
      conversationId: message.conversationId,
      messageId: message.id,
      seq: message.seq,
      senderId: message.senderId,
      clientMessageId: message.clientMessageId,
      sentAt: message.sentAt,
      preview: text.slice(0, 140),
      text: message.text ?? undefined,
      truncated: false,
      attachments: message.attachments,
    };
    return { ...eventFrame(MessageSent, data, message.sentAt), id: `evt-${message.id}` };
  }

  private view(c: StoredConversation, me: string, markers = false) {
    const last = c.messages[c.messages.length - 1];
    const mine = c.reads.get(me) ?? 0;
    return {
      id: c.id,
      kind: c.kind,
      ...(c.title ? { title: c.title } : {}),
      ...(c.party ? { party: c.party } : {}),
      ...(c.kind === 'whatsapp' && c.replyWindowEndsAt !== undefined ? { replyWindowEndsAt: c.replyWindowEndsAt } : {}),
      members: c.memberIds.map((userId) => ({
        userId,
        role: c.adminIds?.includes(userId) ? 'admin' : 'member',
        ...(markers ? { lastReadSeq: c.reads.get(userId) ?? 0 } : {}),
      })),
      muted: c.preferences?.get(me)?.muted === true,
      archived: c.preferences?.get(me)?.archived === true,
      pinned: c.preferences?.get(me)?.pinned === true,
      ...(last
        ? {
            lastMessage: {
              messageId: last.id,
              seq: last.seq,
              senderId: last.senderId,
              preview: last.text ?? '',
              sentAt: last.sentAt,
              deleted: last.deleted,
            },
          }
        : {}),
      lastSeq: last?.seq ?? 0,
      lastActivityAt: last?.sentAt ?? '2026-11-20T08:00:00.000Z',
      lastReadSeq: mine,
      unreadCount: c.messages.filter((m) => m.seq > mine && m.senderId !== me).length,
    };
  }

  private messageView(m: StoredMessage) {
    return {
      ...m,
      reactions: m.reactions.map((r) => ({ emoji: r.emoji, count: r.userIds.length, userIds: r.userIds })),
    };
  }

  /** Answers a messaging route for `me`; undefined when the path is not one. */
  // biome-ignore lint/suspicious/noExplicitAny: a test double reads whatever JSON the client sent
  route(method: string, path: string, q: URLSearchParams, body: any, me: string): Response | undefined {
    if (method === 'GET' && path === '/messaging/conversations') {
      const mine = [...this.conversations.values()].filter((c) => c.memberIds.includes(me));
      return json(200, { items: mine.map((c) => this.view(c, me)) });
    }
    const conv = /^\/messaging\/conversations\/([^/]+)(\/.*)?$/.exec(path);
    const c = conv ? this.conversations.get(decodeURIComponent(conv[1] ?? '')) : undefined;
    if (conv && !c?.memberIds.includes(me)) return error(404, 'conversation_not_found', 'No such conversation');
    if (c) {
      const rest = conv?.[2] ?? '';
      if (method === 'GET' && rest === '') return json(200, this.view(c, me, true));
      if (method === 'GET' && rest === '/messages') {
        const limit = Number(q.get('limit') ?? 50);
        const after = q.has('afterSeq') ? Number(q.get('afterSeq')) : undefined;
        const before = q.has('beforeSeq') ? Number(q.get('beforeSeq')) : undefined;
        let list = c.messages.filter(
          (m) => (after === undefined || m.seq > after) && (before === undefined || m.seq < before),
        );
        const hasMore = list.length > limit;
        list = after !== undefined ? list.slice(0, limit) : list.slice(-limit);
        return json(200, { items: list.map((m) => this.messageView(m)), hasMore });
      }
      if (method === 'POST' && rest === '/messages') {
        const endsAt = c.replyWindowEndsAt;
        const closed =
          endsAt === null || (endsAt !== undefined && Date.now() + this.serverClockAheadMs >= Date.parse(endsAt));
        if (c.kind === 'whatsapp' && closed)
          return json(409, {
            error: {
              code: 'whatsapp_window_closed',
              message: 'WhatsApp accepts a reply only within 24 hours of their last message.',
              details: [{ replyWindowEndsAt: endsAt ?? null }],
            },
          });
        const { message, created } = this.post(c.id, me, body.text ?? '', body.clientMessageId);
        return json(created ? 201 : 200, { message: this.messageView(message) });
      }
      const group = groupRoute(c, method, rest, body, me, this.conversations.values());
      if (group) return group === 'view' ? json(200, { conversation: this.view(c, me, true) }) : group;
      if (method === 'POST' && rest === '/read') {
        c.reads.set(me, Math.max(c.reads.get(me) ?? 0, body.seq));
        return json(204);
      }
      const own = /^\/messages\/([^/]+)$/.exec(rest);
      const target = own ? c.messages.find((x) => x.id === own[1]) : undefined;
      if (own && (!target || target.senderId !== me))
        return error(404, 'message_not_found', 'No such message of yours');
      if (target && method === 'PATCH') {
        target.text = body.text;
        target.editedAt = this.world.now();
        return json(200, { message: this.messageView(target) });
      }
      if (target && method === 'DELETE') {
        Object.assign(target, { text: null, deleted: true, attachments: [], reactions: [] });
        return json(204);
      }
      const reaction = /^\/messages\/([^/]+)\/reactions\/(.+)$/.exec(rest);
      if (reaction) {
        const m = c.messages.find((x) => x.id === reaction[1]);
        const emoji = decodeURIComponent(reaction[2] ?? '');
        if (!m) return error(404, 'message_not_found', 'No such message');
        const entry = m.reactions.find((r) => r.emoji === emoji) ?? { emoji, userIds: [] };
        if (!m.reactions.includes(entry)) m.reactions.push(entry);
        entry.userIds = method === 'PUT' ? [...new Set([...entry.userIds, me])] : entry.userIds.filter((u) => u !== me);
        return json(204);
      }
    }
    if (method === 'POST' && path === '/messaging/conversations' && (body.kind === 'sms' || body.kind === 'whatsapp')) {
      if (!this.parleyNumbers.has(me)) return error(403, 'no_parley_number', 'You have no Parley number to text from');
      if (!/^\+[1-9]\d{6,14}$/.test(String(body.phoneNumber)))
        return error(400, 'validation_failed', 'phoneNumber: not an E.164 number');
      const before = this.conversations.size;
      const created = this.addTextConversation(me, body.phoneNumber, body.kind);
      return json(this.conversations.size > before ? 201 : 200, { conversation: this.view(created, me) });
    }
    if (method === 'POST' && path === '/messaging/conversations') {
      const created = this.addConversation([me, ...body.memberIds]);
      return json(201, { conversation: this.view(created, me) });
    }
    return undefined;
  }
}

import type { ConversationSync } from './conversation-sync.ts';
import type { Attachment, Message } from './model.ts';
import { DEFAULT_SEND_POLICY, isRefusal, type SendPolicy, SendTimeout } from './outbox-policy.ts';
import { memoryOutboxStorage, type OutboxRecord, type OutboxStorage } from './outbox-storage.ts';
import { addPending, emptyTimeline, lastLoadedSeq, mergeMessages, updateMessage } from './timeline.ts';
import { newId } from './utils.ts';

export type { SendPolicy } from './outbox-policy.ts';

export interface OutgoingMessage {
  text: string;
  attachments?: Attachment[];
  replyTo?: Message;
}

export interface OutboxOptions {
  policy?: Partial<SendPolicy>;
  /** where unsent messages survive a reload (IndexedDB in the browser) */
  storage?: OutboxStorage;
  /** calls `wake` when the browser is back online; returns the unsubscribe */
  onOnline?: (wake: () => void) => () => void;
}

/** One conversation's messages on their way, in the order written, sent one at a time. */
interface Lane {
  queue: string[];
  running: boolean;
  /** ends the current backoff wait early */
  wake?: () => void;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Messages written here, on their way to the server. Each shows at once as pending (even before the
 * conversation's history has arrived) and is kept in `storage` until the server has it, so it
 * survives a reload or a closed tab and is sent when the page comes back. Per conversation they are
 * POSTed one after the other in the order written, so the server's `seq` order is that order. An
 * attempt that fails on the way (network, 5xx, timeout) is tried again with backoff, and at once when
 * the browser is back online or the socket reconnects (`wake`), always with the same
 * `clientMessageId` (the server answers with the same message, never a second one). Only a message
 * the server refused (4xx) shows "Not sent", with Retry and Delete; the next one goes after it.
 */
export class Outbox {
  private readonly store: ConversationSync;
  private readonly policy: SendPolicy;
  private readonly storage: OutboxStorage;
  private readonly records = new Map<string, OutboxRecord>();
  private readonly lanes = new Map<string, Lane>();
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly restored: Promise<void>;
  private readonly offOnline: () => void;
  private lastOrder = 0;
  private io: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(store: ConversationSync, options: OutboxOptions = {}) {
    this.store = store;
    this.policy = { ...DEFAULT_SEND_POLICY, ...options.policy };
    this.storage = options.storage ?? memoryOutboxStorage();
    this.offOnline = options.onOnline?.(() => this.wake()) ?? (() => undefined);
    this.restored = this.restore();
  }

  send(id: string, outgoing: OutgoingMessage): Promise<void> {
    const clientMessageId = newId();
    const reply = outgoing.replyTo;
    const pending: Message = {
      id: clientMessageId,
      clientMessageId,
      conversationId: id,
      seq: 0,
      senderId: this.store.me,
      text: outgoing.text,
      sentAt: new Date(this.store.now()).toISOString(),
      deleted: false,
      attachments: outgoing.attachments ?? [],
      replyTo: reply && {
        messageId: reply.id,
        seq: reply.seq,
        senderId: reply.senderId,
        preview: reply.text.slice(0, 140),
      },
      reactions: [],
      state: 'pending',
    };
    this.lastOrder = Math.max(this.lastOrder + 1, this.store.now());
    const record = {
      owner: this.store.me,
      clientMessageId,
      conversationId: id,
      order: this.lastOrder,
      message: pending,
    };
    this.records.set(clientMessageId, record);
    this.save(record);
    // Not loaded yet (written while the history is on its way): hold it in a timeline of its own,
    // which the history keeps when it arrives.
    this.store.setTimeline(id, addPending(this.store.state.get().timelines[id] ?? emptyTimeline, pending));
    const outcome = this.outcome(clientMessageId);
    // after the messages kept from before a reload, which were written first
    void this.restored.then(() => this.enqueue(id, clientMessageId));
    return outcome;
  }

  /** Sends a refused message again, after the ones waiting now, with the same clientMessageId. */
  retry(id: string, clientMessageId: string): Promise<void> {
    const record = this.records.get(clientMessageId);
    if (record?.conversationId !== id || record.message.state !== 'failed') return Promise.resolve();
    this.setState(record, 'pending');
    const outcome = this.outcome(clientMessageId);
    this.enqueue(id, clientMessageId);
    return outcome;
  }

  /** Forgets a refused message: off the screen and out of storage. */
  discard(id: string, clientMessageId: string): void {
    const record = this.records.get(clientMessageId);
    if (record?.conversationId !== id || record.message.state !== 'failed') return;
    this.forget(record);
    this.store.updateTimeline(id, (t) => ({
      ...t,
      messages: t.messages.filter((m) => m.state === 'sent' || m.clientMessageId !== clientMessageId),
    }));
  }

  /** Tries every waiting message now (back online, socket reconnected). */
  wake(): void {
    for (const lane of this.lanes.values()) lane.wake?.();
  }

  /** Stops sending (sign-out); what is unsent stays in storage for the next time. */
  dispose(): void {
    this.stopped = true;
    this.offOnline();
    this.wake();
  }

  /** Everything stored has been handed to storage (tests, and before a deliberate reload). */
  async flushed(): Promise<void> {
    await this.restored;
    await this.io;
  }

  private async restore(): Promise<void> {
    const records = await this.storage.load(this.store.me).catch(() => []);
    for (const record of records) {
      if (this.records.has(record.clientMessageId)) continue;
      this.records.set(record.clientMessageId, record);
      this.lastOrder = Math.max(this.lastOrder, record.order);
      const id = record.conversationId;
      const timeline = this.store.state.get().timelines[id] ?? emptyTimeline;
      if (!timeline.messages.some((m) => m.clientMessageId === record.clientMessageId))
        this.store.setTimeline(id, addPending(timeline, record.message));
      if (record.message.state === 'pending') this.enqueue(id, record.clientMessageId);
    }
  }

  private outcome(clientMessageId: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiters.set(clientMessageId, [...(this.waiters.get(clientMessageId) ?? []), { resolve, reject }]);
    });
  }

  private settle(clientMessageId: string, error?: unknown): void {
    const waiting = this.waiters.get(clientMessageId) ?? [];
    this.waiters.delete(clientMessageId);
    for (const w of waiting) error === undefined ? w.resolve() : w.reject(error);
  }

  private enqueue(id: string, clientMessageId: string): void {
    const lane = this.lanes.get(id) ?? { queue: [], running: false };
    this.lanes.set(id, lane);
    if (!lane.queue.includes(clientMessageId)) lane.queue.push(clientMessageId);
    void this.run(id, lane);
  }

  private async run(id: string, lane: Lane): Promise<void> {
    if (lane.running) return;
    lane.running = true;
    try {
      while (!this.stopped) {
        const next = lane.queue[0];
        if (next === undefined) break;
        const record = this.records.get(next);
        if (record) await this.deliver(id, record, lane);
        if (this.stopped) break;
        lane.queue.shift();
      }
    } finally {
      lane.running = false;
      if (lane.queue.length === 0 && this.lanes.get(id) === lane) this.lanes.delete(id);
    }
  }

  private async deliver(id: string, record: OutboxRecord, lane: Lane): Promise<void> {
    const pending = record.message;
    const input = {
      clientMessageId: record.clientMessageId,
      text: pending.text || undefined,
      attachmentIds: pending.attachments.length ? pending.attachments.map((a) => a.id) : undefined,
      replyToId: pending.replyTo?.messageId,
    };
    for (let attempt = 0; !this.stopped; attempt += 1) {
      try {
        const message = await this.attempt(id, input);
        this.forget(record);
        this.accept(id, pending, message);
        this.settle(record.clientMessageId);
        return;
      } catch (error) {
        if (isRefusal(error)) {
          this.setState(record, 'failed', { code: error.code, message: error.message });
          // WhatsApp's 24 h window closed before this client saw it (its clock is behind): take the server's
          // word, closed now at the latest, until a message from them opens it again
          if (error.code === 'whatsapp_window_closed') {
            const endsAt = error.details.find((d) => 'replyWindowEndsAt' in d)?.replyWindowEndsAt;
            const now = new Date().toISOString();
            const closedAt = typeof endsAt === 'string' ? (Date.parse(endsAt) < Date.parse(now) ? endsAt : now) : null;
            this.store.patchConversation(id, { replyWindowEndsAt: closedAt });
          }
          this.settle(record.clientMessageId, error);
          return;
        }
        const delays = this.policy.retryDelaysMs;
        await this.pause(lane, delays[Math.min(attempt, delays.length - 1)] ?? 1_000);
      }
    }
  }

  /** Waits `ms`, or less when woken. */
  private pause(lane: Lane, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(wake, ms);
      function wake() {
        clearTimeout(timer);
        lane.wake = undefined;
        resolve();
      }
      lane.wake = wake;
    });
  }

  /** One POST, abandoned after the policy's timeout even if the request itself never settles. */
  private async attempt(id: string, input: Parameters<ConversationSync['deps']['api']['sendMessage']>[1]) {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new SendTimeout(`no answer within ${this.policy.timeoutMs} ms`));
        controller.abort();
      }, this.policy.timeoutMs);
    });
    try {
      return await Promise.race([this.store.deps.api.sendMessage(id, input, controller.signal), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private setState(record: OutboxRecord, state: 'pending' | 'failed', failure?: Message['failure']): void {
    const { failure: _, ...rest } = record.message;
    record.message = { ...rest, state, ...(failure ? { failure } : {}) };
    this.save(record);
    this.store.updateTimeline(record.conversationId, (t) =>
      updateMessage(t, record.clientMessageId, (m) => {
        if (m.state === 'sent') return m;
        const { failure: __, ...kept } = m;
        return { ...kept, state, ...(failure ? { failure } : {}) };
      }),
    );
  }

  /** Storage operations run one after the other, so a removal never overtakes the write it undoes. */
  private save(record: OutboxRecord): void {
    const copy = { ...record };
    this.io = this.io.then(() => this.storage.put(copy)).catch(() => undefined);
  }

  private forget(record: OutboxRecord): void {
    this.records.delete(record.clientMessageId);
    this.io = this.io.then(() => this.storage.remove(record.owner, record.clientMessageId)).catch(() => undefined);
  }

  private accept(id: string, pending: Message, message: Message): void {
    const store = this.store;
    const sent = {
      ...message,
      clientMessageId: pending.clientMessageId,
      attachments: message.attachments.length ? message.attachments : pending.attachments,
    };
    store.updateTimeline(id, (t) => mergeMessages(t, [sent]));
    store.noteMessages(id, [sent]);
    const conversation = store.state.get().conversations[id];
    if (conversation && (conversation.readSeqs[store.me] ?? 0) < sent.seq) {
      store.patchConversation(id, { readSeqs: { ...conversation.readSeqs, [store.me]: sent.seq } });
    }
    const timeline = store.state.get().timelines[id];
    if (timeline && lastLoadedSeq(timeline) > timeline.contiguousSeq) void store.recover(id).catch(() => undefined);
  }
}

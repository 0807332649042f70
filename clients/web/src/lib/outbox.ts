import { ApiError } from './api-client.ts';
import type { ConversationSync } from './conversation-sync.ts';
import type { Attachment, Message } from './model.ts';
import { addPending, emptyTimeline, lastLoadedSeq, mergeMessages, updateMessage } from './timeline.ts';
import { newId } from './utils.ts';

export interface OutgoingMessage {
  text: string;
  attachments?: Attachment[];
  replyTo?: Message;
}

/** How hard the outbox tries before a message shows "Not sent · Retry". */
export interface SendPolicy {
  /** one attempt may take this long; then it is abandoned and tried again (API Gateway gives up at 30 s) */
  timeoutMs: number;
  /** the waits before the second, third, … attempt of a send that failed on the way (network, 5xx, timeout) */
  retryDelaysMs: number[];
}

export const DEFAULT_SEND_POLICY: SendPolicy = { timeoutMs: 35_000, retryDelaysMs: [1_000, 3_000] };

class SendTimeout extends Error {
  override name = 'SendTimeout';
}

/** Worth another attempt with the same clientMessageId: the server may not have it, and says nothing else. */
function isTransient(error: unknown): boolean {
  if (error instanceof SendTimeout) return true;
  if (error instanceof ApiError)
    return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
  return (error as Error | undefined)?.name === 'AbortError';
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Messages written here, on their way to the server. Each shows at once as pending (even before the
 * conversation's history has arrived); per conversation they are POSTed one after the other, so the
 * server's `seq` order is the order they were written (two in flight at once could be numbered the
 * other way round). An attempt that fails on the way or hangs is tried again, with the same
 * `clientMessageId` (the server answers with the same message, never a second one); when the
 * attempts are used up the message shows as failed and the next one goes, so nothing waits forever.
 */
export class Outbox {
  private readonly store: ConversationSync;
  private readonly policy: SendPolicy;
  private readonly queues = new Map<string, Promise<void>>();

  constructor(store: ConversationSync, policy: Partial<SendPolicy> = {}) {
    this.store = store;
    this.policy = { ...DEFAULT_SEND_POLICY, ...policy };
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
    // Not loaded yet (written while the history is on its way): hold it in a timeline of its own,
    // which the history keeps when it arrives.
    this.store.setTimeline(id, addPending(this.store.state.get().timelines[id] ?? emptyTimeline, pending));
    return this.enqueue(id, pending);
  }

  retry(id: string, clientMessageId: string): Promise<void> {
    const message = this.store.state.get().timelines[id]?.messages.find((m) => m.clientMessageId === clientMessageId);
    if (message?.state !== 'failed') return Promise.resolve();
    this.store.updateTimeline(id, (t) => updateMessage(t, clientMessageId, (m) => ({ ...m, state: 'pending' })));
    return this.enqueue(id, message);
  }

  private enqueue(id: string, pending: Message): Promise<void> {
    const previous = this.queues.get(id) ?? Promise.resolve();
    const delivery = previous.then(() => this.deliver(id, pending));
    const tail = delivery.catch(() => undefined);
    this.queues.set(id, tail);
    void tail.then(() => {
      if (this.queues.get(id) === tail) this.queues.delete(id);
    });
    return delivery;
  }

  private async deliver(id: string, pending: Message): Promise<void> {
    const clientMessageId = pending.clientMessageId ?? pending.id;
    const input = {
      clientMessageId,
      text: pending.text || undefined,
      attachmentIds: pending.attachments.length ? pending.attachments.map((a) => a.id) : undefined,
      replyToId: pending.replyTo?.messageId,
    };
    for (let attempt = 0; ; attempt += 1) {
      try {
        const message = await this.attempt(id, input);
        this.accept(id, pending, message);
        return;
      } catch (error) {
        const wait = this.policy.retryDelaysMs[attempt];
        if (isTransient(error) && wait !== undefined) {
          await sleep(wait);
          continue;
        }
        this.store.updateTimeline(id, (t) => updateMessage(t, clientMessageId, (m) => ({ ...m, state: 'failed' })));
        if (error instanceof ApiError && error.status >= 400 && error.status < 500) throw error;
        return;
      }
    }
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

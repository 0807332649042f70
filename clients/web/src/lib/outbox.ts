import { ApiError } from './api-client.ts';
import type { ConversationStore } from './conversation-store.ts';
import type { Attachment, Message } from './model.ts';
import { addPending, lastLoadedSeq, mergeMessages, updateMessage } from './timeline.ts';
import { newId } from './utils.ts';

export interface OutgoingMessage {
  text: string;
  attachments?: Attachment[];
  replyTo?: Message;
}

/**
 * Messages written here, on their way to the server. Each shows at once as pending; per
 * conversation they are POSTed one after the other, so the server's `seq` order is the order they
 * were written (two in flight at once could be numbered the other way round). A retry reuses the
 * `clientMessageId`, which the server answers with the same message, never a second one.
 */
export class Outbox {
  private readonly store: ConversationStore;
  private readonly queues = new Map<string, Promise<void>>();

  constructor(store: ConversationStore) {
    this.store = store;
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
    this.store.updateTimeline(id, (t) => addPending(t, pending));
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
    const store = this.store;
    try {
      const message = await store.deps.api.sendMessage(id, {
        clientMessageId: pending.clientMessageId ?? pending.id,
        text: pending.text || undefined,
        attachmentIds: pending.attachments.length ? pending.attachments.map((a) => a.id) : undefined,
        replyToId: pending.replyTo?.messageId,
      });
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
      if (timeline && lastLoadedSeq(timeline) > timeline.contiguousSeq) void store.recover(id);
    } catch (error) {
      const key = pending.clientMessageId ?? pending.id;
      store.updateTimeline(id, (t) => updateMessage(t, key, (m) => ({ ...m, state: 'failed' })));
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) throw error;
    }
  }
}

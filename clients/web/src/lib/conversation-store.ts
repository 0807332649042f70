import type { ServerFrame } from '@parley/realtime/frames';
import { applyFrame } from './conversation-frames.ts';
import { ConversationSync, type ConversationSyncDeps, PAGE_SIZE } from './conversation-sync.ts';
import type { ConversationPreferences } from './messaging-api.ts';
import type { Conversation } from './model.ts';
import { Outbox, type OutgoingMessage, type SendPolicy } from './outbox.ts';
import { defaultOutboxStorage, type OutboxStorage } from './outbox-storage.ts';
import { applyReaction, mergeMessages, updateMessage } from './timeline.ts';

export type { OutgoingMessage } from './outbox.ts';

export interface ConversationStoreDeps extends ConversationSyncDeps {
  /** how long a send may take and how often it is tried (tests shorten it) */
  sendPolicy?: Partial<SendPolicy>;
  /** where unsent messages survive a reload (default: IndexedDB when the browser has it) */
  outboxStorage?: OutboxStorage;
  /** calls `wake` when the browser is back online (default: the window's `online` event) */
  onOnline?: (wake: () => void) => () => void;
}

function onWindowOnline(wake: () => void): () => void {
  const target = globalThis as Partial<Pick<Window, 'addEventListener' | 'removeEventListener'>>;
  target.addEventListener?.('online', wake);
  return () => target.removeEventListener?.('online', wake);
}

const TYPING_THROTTLE_MS = 3_000;

/**
 * The chat screens' store: what a view asks for (the list, opening a conversation, history, edits,
 * reactions, typing, sends) on top of the state and its sync with the server (`ConversationSync`).
 * Sends go through the outbox, frames through `conversation-frames.ts`.
 */
export class ConversationStore extends ConversationSync {
  private readonly typingSentAt = new Map<string, number>();
  private readonly outbox: Outbox;

  constructor(deps: ConversationStoreDeps) {
    super(deps);
    this.outbox = new Outbox(this, {
      policy: deps.sendPolicy,
      storage: deps.outboxStorage ?? defaultOutboxStorage(),
      onOnline: deps.onOnline ?? onWindowOnline,
    });
  }

  async loadList(): Promise<void> {
    if (this.state.get().listStatus !== 'ready') this.patch({ listStatus: 'loading' });
    try {
      this.replaceList(await this.deps.api.listConversations());
    } catch (error) {
      if (this.state.get().listStatus !== 'ready') this.patch({ listStatus: 'error' });
      throw error;
    }
  }

  /** Shows a conversation: loads its newest page once, then keeps it current. */
  async open(id: string | undefined): Promise<void> {
    this.patch({ activeId: id });
    if (!id) return;
    // The single read carries everyone's read markers (receipts); the list does not.
    const fresh = this.fetchConversation(id).catch(() => undefined);
    if (!this.state.get().conversations[id]) await fresh;
    if (!this.isLoaded(id)) await this.loadLatest(id);
    else void this.refreshLatest(id).catch(() => undefined);
    await fresh;
    await this.markRead(id);
  }

  async loadOlder(id: string): Promise<void> {
    const timeline = this.state.get().timelines[id];
    if (!timeline || timeline.loadingOlder || !timeline.hasOlder) return;
    this.setTimeline(id, { ...timeline, loadingOlder: true });
    try {
      const { items, hasMore } = await this.deps.api.listMessages(id, {
        beforeSeq: timeline.oldestSeq,
        limit: PAGE_SIZE,
      });
      this.updateTimeline(id, (t) => ({
        ...mergeMessages(t, items),
        loadingOlder: false,
        hasOlder: hasMore ?? (items.length > 0 && (items[0]?.seq ?? 1) > 1),
      }));
    } catch (error) {
      this.updateTimeline(id, (t) => ({ ...t, loadingOlder: false }));
      throw error;
    }
  }

  /** After a reconnect: refresh the list, fill every loaded conversation's gap, refresh the open one. */
  async resync(): Promise<void> {
    this.outbox.wake();
    await this.loadList().catch(() => undefined);
    const { timelines, activeId } = this.state.get();
    const loaded = Object.keys(timelines).filter((id) => this.isLoaded(id));
    await Promise.all(loaded.map((id) => this.recover(id).catch(() => undefined)));
    if (activeId) {
      // the open one's history may have failed to load while the network was down
      await (this.isLoaded(activeId) ? this.refreshLatest(activeId) : this.loadLatest(activeId)).catch(() => undefined);
      await this.markRead(activeId).catch(() => undefined);
    }
  }

  /** Re-reads the newest page of a loaded timeline: edits, deletions and reactions do not move `seq`. */
  async refreshLatest(id: string): Promise<void> {
    const beforeSeq = (this.state.get().conversations[id]?.lastSeq ?? 0) + 1;
    const { items } = await this.deps.api.listMessages(id, { beforeSeq, limit: PAGE_SIZE });
    this.updateTimeline(id, (t) =>
      mergeMessages(
        t,
        items.filter((m) => m.seq >= t.oldestSeq),
      ),
    );
  }

  async edit(id: string, messageId: string, text: string): Promise<void> {
    const edited = await this.deps.api.editMessage(id, messageId, text);
    const editedAt = edited?.editedAt ?? new Date(this.now()).toISOString();
    this.updateTimeline(id, (t) => updateMessage(t, messageId, (m) => ({ ...m, text, editedAt })));
  }

  async remove(id: string, messageId: string): Promise<void> {
    await this.deps.api.deleteMessage(id, messageId);
    this.updateTimeline(id, (t) =>
      updateMessage(t, messageId, (m) => ({ ...m, deleted: true, text: '', attachments: [], reactions: [] })),
    );
  }

  async toggleReaction(id: string, messageId: string, emoji: string): Promise<void> {
    const message = this.state.get().timelines[id]?.messages.find((m) => m.id === messageId);
    const on = !message?.reactions.find((r) => r.emoji === emoji)?.mine;
    const flip = (turnOn: boolean) =>
      this.updateTimeline(id, (t) =>
        updateMessage(t, messageId, (m) => ({
          ...m,
          reactions: applyReaction(m.reactions, { emoji, on: turnOn, mine: true, userId: this.me }),
        })),
      );
    flip(on);
    try {
      await this.deps.api.react(id, messageId, emoji, on);
    } catch (error) {
      flip(!on);
      throw error;
    }
  }

  /** Tells the others I am typing, at most every few seconds. */
  notifyTyping(id: string): void {
    const last = this.typingSentAt.get(id) ?? 0;
    if (this.now() - last < TYPING_THROTTLE_MS) return;
    if (this.deps.sendAction({ action: 'typing', conversationId: id })) this.typingSentAt.set(id, this.now());
  }

  async startConversation(memberIds: string[], title?: string): Promise<Conversation> {
    const conversation = await this.deps.api.createConversation({ memberIds, title: title || undefined });
    this.upsertConversation(conversation);
    return conversation;
  }

  /** Starts (or finds) the conversation texting `phoneNumber` (E.164) by SMS or WhatsApp from my Parley number. */
  async startTextConversation(kind: 'sms' | 'whatsapp', phoneNumber: string): Promise<Conversation> {
    const conversation = await this.deps.api.createConversation({ kind, phoneNumber });
    this.upsertConversation(conversation);
    return conversation;
  }

  /** Accepts a message request: the sender now sees my presence and read receipts. */
  async accept(id: string): Promise<void> {
    const conversation = await this.deps.api.acceptConversation(id);
    if (conversation) this.upsertConversation(conversation);
    else this.patchConversation(id, { request: false });
  }

  /** Declines a message request: it leaves my list (a group: I leave it). */
  async decline(id: string): Promise<void> {
    await this.deps.api.declineConversation(id);
    this.removeConversation(id);
  }

  /** Gives a group a new title; the others see it through `ConversationRenamed`. */
  async rename(id: string, title: string): Promise<void> {
    this.upsertConversation(await this.deps.api.renameConversation(id, title));
  }

  async addMembers(id: string, userIds: string[]): Promise<void> {
    this.upsertConversation(await this.deps.api.addMembers(id, userIds));
  }

  /** An admin removes someone; the member list follows from the answer's `MembersChanged` refetch too. */
  async removeMember(id: string, userId: string): Promise<void> {
    await this.deps.api.removeMember(id, userId);
    if (userId === this.me) this.removeConversation(id);
    else await this.fetchConversation(id).catch(() => undefined);
  }

  /** Leaves a group: it leaves my list. */
  leave(id: string): Promise<void> {
    return this.removeMember(id, this.me);
  }

  async makeAdmin(id: string, userId: string): Promise<void> {
    this.upsertConversation(await this.deps.api.makeAdmin(id, userId));
  }

  /** Mutes, archives or pins for me alone: shown at once, put back if the server refuses. */
  async setPreferences(id: string, preferences: ConversationPreferences): Promise<void> {
    const before = this.state.get().conversations[id];
    if (!before) return;
    this.patchConversation(id, preferences);
    try {
      this.upsertConversation(await this.deps.api.setPreferences(id, preferences));
    } catch (error) {
      this.patchConversation(id, { muted: before.muted, archived: before.archived, pinned: before.pinned });
      throw error;
    }
  }

  /** Sends a message: shown at once as pending, delivered after the ones written before it. */
  send(id: string, outgoing: OutgoingMessage): Promise<void> {
    return this.outbox.send(id, outgoing);
  }

  /** Sends a failed message again with the same clientMessageId (the server never doubles it). */
  retry(id: string, clientMessageId: string): Promise<void> {
    return this.outbox.retry(id, clientMessageId);
  }

  /** Deletes a message the server refused (it was never stored). */
  discard(id: string, clientMessageId: string): void {
    this.outbox.discard(id, clientMessageId);
  }

  /** Stops sending (sign-out); unsent messages stay stored for the next sign-in. */
  dispose(): void {
    this.outbox.dispose();
  }

  /** The outbox's writes have reached storage. */
  outboxFlushed(): Promise<void> {
    return this.outbox.flushed();
  }

  /** Applies one server frame (see conversation-frames.ts). */
  applyFrame(frame: ServerFrame): void {
    applyFrame(this, frame);
  }
}

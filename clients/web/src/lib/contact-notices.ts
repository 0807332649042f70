import type { EventData } from '@parley/events/define-event';
import { ContactAdded } from '@parley/events/identity';
import type { ServerFrame } from '@parley/realtime/frames';
import { createStore, type Store } from './store.ts';

/** "Ana added you as a contact": one notice per adder, newest first, until dismissed. */
export interface ContactNotice {
  /** the frame's id (the event's): a redelivered frame adds nothing */
  id: string;
  /** who added me */
  userId: string;
  addedAt: string;
}

const MAX_NOTICES = 5;

/**
 * The notices of people who added me as a contact, from notifications' `identity.ContactAdded`
 * frames that name me as `contactId` (my own additions, on my other devices, name me as `userId`
 * and are not notices).
 */
export class ContactNoticesStore {
  readonly state: Store<ContactNotice[]> = createStore<ContactNotice[]>([]);
  private readonly me: string;

  constructor(me: string) {
    this.me = me;
  }

  applyFrame(frame: ServerFrame): void {
    if (frame.type !== ContactAdded.detailType) return;
    const d = frame.data as Partial<EventData<typeof ContactAdded>>;
    if (d.contactId !== this.me || typeof d.userId !== 'string' || d.userId === this.me) return;
    const notice: ContactNotice = { id: frame.id, userId: d.userId, addedAt: d.addedAt ?? frame.at };
    this.state.set((list) =>
      list.some((n) => n.id === notice.id)
        ? list
        : [notice, ...list.filter((n) => n.userId !== notice.userId)].slice(0, MAX_NOTICES),
    );
  }

  dismiss(id: string): void {
    this.state.set((list) => list.filter((n) => n.id !== id));
  }
}

const byRealtime = new WeakMap<object, ContactNoticesStore>();

/**
 * The notices store of a workspace's realtime link, made (and subscribed to its frames) on first use:
 * the shell asks for it as soon as someone is signed in, so no frame is missed while elsewhere.
 */
export function contactNoticesFor(
  realtime: { onFrame(listener: (frame: ServerFrame) => void): () => void },
  me: string,
): ContactNoticesStore {
  let store = byRealtime.get(realtime);
  if (!store) {
    const created = new ContactNoticesStore(me);
    realtime.onFrame((frame) => created.applyFrame(frame));
    byRealtime.set(realtime, created);
    store = created;
  }
  return store;
}

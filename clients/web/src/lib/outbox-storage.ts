import type { Message } from './model.ts';

/** One message the outbox holds until the server has it (or the person deletes it). */
export interface OutboxRecord {
  /** the signed-in user who wrote it: another account on the same browser never sends it */
  owner: string;
  clientMessageId: string;
  conversationId: string;
  /** the order it was written in (increasing across reloads) */
  order: number;
  /** as shown: `pending` or `failed` */
  message: Message;
}

/** Where the outbox keeps its messages so that they survive a reload or a closed tab. */
export interface OutboxStorage {
  /** the owner's messages, in the order they were written */
  load(owner: string): Promise<OutboxRecord[]>;
  put(record: OutboxRecord): Promise<void>;
  remove(owner: string, clientMessageId: string): Promise<void>;
}

/** Kept only while the page lives (tests, and browsers without IndexedDB). */
export function memoryOutboxStorage(): OutboxStorage {
  const records = new Map<string, OutboxRecord>();
  const key = (owner: string, id: string) => `${owner}\u0000${id}`;
  return {
    load: async (owner) => [...records.values()].filter((r) => r.owner === owner).sort((a, b) => a.order - b.order),
    put: async (record) => {
      records.set(key(record.owner, record.clientMessageId), structuredClone(record));
    },
    remove: async (owner, id) => {
      records.delete(key(owner, id));
    },
  };
}

const DB_NAME = 'parley-outbox';
const STORE = 'messages';

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * The outbox in IndexedDB (one object store keyed by owner and clientMessageId). A browser that
 * refuses IndexedDB (a private window) still sends: every operation falls back to memory.
 */
export function indexedDbOutboxStorage(factory: IDBFactory): OutboxStorage {
  const fallback = memoryOutboxStorage();
  let opened: Promise<IDBDatabase> | undefined;
  const db = () => {
    opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(DB_NAME, 1);
      request.onupgradeneeded = () => {
        const store = request.result.createObjectStore(STORE, { keyPath: ['owner', 'clientMessageId'] });
        store.createIndex('owner', 'owner');
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('outbox database blocked'));
    });
    return opened;
  };
  const store = async (mode: IDBTransactionMode) => (await db()).transaction(STORE, mode).objectStore(STORE);
  return {
    async load(owner) {
      try {
        const records = await done<OutboxRecord[]>((await store('readonly')).index('owner').getAll(owner));
        return records.sort((a, b) => a.order - b.order);
      } catch {
        return fallback.load(owner);
      }
    },
    async put(record) {
      try {
        await done((await store('readwrite')).put(record));
      } catch {
        await fallback.put(record);
      }
    },
    async remove(owner, id) {
      try {
        await done((await store('readwrite')).delete([owner, id]));
      } catch {
        await fallback.remove(owner, id);
      }
    },
  };
}

/** IndexedDB when the browser has it, else memory. */
export function defaultOutboxStorage(): OutboxStorage {
  const factory = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  return factory ? indexedDbOutboxStorage(factory) : memoryOutboxStorage();
}

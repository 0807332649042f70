/**
 * What someone started writing in a conversation, kept per person and conversation in
 * localStorage: it is still there after switching chats or reloading, and goes once sent.
 */
const PREFIX = 'parley.draft';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

const keyOf = (me: string, conversationId: string) => `${PREFIX}.${me}.${conversationId}`;

export function readDraft(me: string, conversationId: string): string {
  try {
    return storage()?.getItem(keyOf(me, conversationId)) ?? '';
  } catch {
    return '';
  }
}

/** Keeps `text` as the draft; an empty (or blank) one removes it. */
export function saveDraft(me: string, conversationId: string, text: string): void {
  try {
    if (text.trim()) storage()?.setItem(keyOf(me, conversationId), text);
    else storage()?.removeItem(keyOf(me, conversationId));
  } catch {
    // full or refused storage: the draft lives only in the box
  }
}

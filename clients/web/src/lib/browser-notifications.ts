import type { ConversationsState } from './conversation-sync.ts';
import { plainText } from './message-format.ts';
import type { Conversation, LastMessage } from './model.ts';
import type { Store } from './store.ts';

/**
 * Browser notifications of new messages while the tab is hidden. Permission is asked at a moment
 * the person understands (after their first message, or from Settings), once: a refusal, or a
 * prompt dismissed, is never asked again unprompted. Calls notify through `call-alerts.ts`.
 */

type NotificationClass = typeof Notification;
type NotifyWindow = Window & { Notification?: NotificationClass };

/** A conversation as the notifier reads it; `muted` is a per-conversation setting (may be absent). */
type Muteable = Conversation & { muted?: boolean };

const ASKED_KEY = 'parley.notifications.asked';

export type NotificationPermissionState = NotificationPermission | 'unsupported';

/** What the browser allows now ('unsupported' without the Notification API). */
export function notificationPermission(win: Window | undefined = globalThis.window): NotificationPermissionState {
  const Notify = (win as NotifyWindow | undefined)?.Notification;
  return Notify ? Notify.permission : 'unsupported';
}

function storage(win: Window | undefined): Storage | undefined {
  try {
    return win?.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * Asks for permission, from a person's action. `explicit` (the Settings button) asks again after
 * a dismissed prompt; the unprompted ask (after the first message sent) happens once per browser.
 * A refusal is final here: only the browser's own settings undo it.
 */
export async function askForNotifications(
  win: Window | undefined = globalThis.window,
  { explicit = false }: { explicit?: boolean } = {},
): Promise<NotificationPermissionState> {
  const Notify = (win as NotifyWindow | undefined)?.Notification;
  if (!Notify) return 'unsupported';
  if (Notify.permission !== 'default') return Notify.permission;
  const store = storage(win);
  if (!explicit && store?.getItem(ASKED_KEY)) return 'default';
  store?.setItem(ASKED_KEY, '1');
  try {
    return await Notify.requestPermission();
  } catch {
    return Notify.permission;
  }
}

export interface NotifyContext {
  permission: NotificationPermissionState;
  hidden: boolean;
  me: string;
}

/**
 * Should this new message notify? Only with permission, only while the tab is hidden (the open
 * chat and the list show it otherwise), never for my own messages, deleted ones or muted chats.
 */
export function shouldNotify(conversation: Muteable, message: LastMessage, context: NotifyContext): boolean {
  return (
    context.permission === 'granted' &&
    context.hidden &&
    message.senderId !== context.me &&
    !message.deleted &&
    conversation.muted !== true
  );
}

export interface MessageNotificationsDeps {
  conversations: Store<ConversationsState>;
  window: Window;
  me: string;
  /** a sender's display name, if known */
  nameOf: (userId: string) => string | undefined;
  /** the title line: sender, and the group's name for a group */
  title: (sender: string, conversation: Conversation) => string;
  /** the body for a message with only attachments (read when shown: the language may change) */
  attachmentText: () => string;
  /** opens the conversation (after the tab is focused) */
  open: (conversationId: string) => void;
}

/**
 * Watches the conversations' newest messages and shows a notification for each new one that
 * `shouldNotify` lets through (one per conversation at a time: a newer one replaces it). Clicking
 * it focuses the tab and opens the chat. Returns the stop function.
 */
export function startMessageNotifications(deps: MessageNotificationsDeps): () => void {
  const { window: win, me } = deps;
  let seen = new Map<string, number>();
  let primed = false;
  const shown = new Map<string, Notification>();

  const update = () => {
    const s = deps.conversations.get();
    if (s.listStatus !== 'ready' && !primed) return;
    const next = new Map<string, number>();
    for (const c of Object.values(s.conversations)) {
      next.set(c.id, c.lastSeq);
      const before = seen.get(c.id);
      const last = c.lastMessage;
      // The first sight of the list (and of a conversation I was just added to without messages) is not news.
      if (!primed || !last || last.seq <= (before ?? (c.unreadCount > 0 ? 0 : last.seq))) continue;
      const Notify = (win as NotifyWindow).Notification;
      const context = {
        permission: notificationPermission(win),
        hidden: win.document.visibilityState === 'hidden',
        me,
      };
      if (!Notify || !shouldNotify(c, last, context)) continue;
      const sender = deps.nameOf(last.senderId) ?? '…';
      const note = new Notify(deps.title(sender, c), {
        body: plainText(last.preview) || (last.hasAttachments ? deps.attachmentText() : ''),
        tag: `message-${c.id}`,
      });
      note.onclick = () => {
        win.focus();
        deps.open(c.id);
        note.close();
      };
      shown.get(c.id)?.close();
      shown.set(c.id, note);
    }
    seen = next;
    primed = true;
  };

  // Back on the tab: the notifications have done their job.
  const onVisible = () => {
    if (win.document.visibilityState !== 'visible') return;
    for (const note of shown.values()) note.close();
    shown.clear();
  };

  const off = deps.conversations.subscribe(update);
  win.document.addEventListener('visibilitychange', onVisible);
  update();
  return () => {
    off();
    win.document.removeEventListener('visibilitychange', onVisible);
    for (const note of shown.values()) note.close();
  };
}

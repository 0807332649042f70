import { createContext, useContext, useEffect, useState } from 'react';
import type { CallsState } from './call-store.ts';
import type { ConversationsState } from './conversation-sync.ts';
import type { Parley, Workspace } from './parley.ts';
import type { PeopleState } from './people-store.ts';
import type { ConnectionState } from './realtime-client.ts';
import type { SessionState } from './session-store.ts';
import type { SettingsState } from './settings-store.ts';
import { useStore } from './store.ts';

export const ParleyContext = createContext<Parley | undefined>(undefined);

export function useParley(): Parley {
  const parley = useContext(ParleyContext);
  if (!parley) throw new Error('useParley outside <ParleyContext.Provider>');
  return parley;
}

export function useSession(): SessionState {
  return useStore(useParley().session.state);
}

/** The signed-in workspace (views under the shell only). */
export function useWorkspace(): Workspace {
  const workspace = useStore(useParley().workspace);
  if (!workspace) throw new Error('useWorkspace while signed out');
  return workspace;
}

export function useConversations<S>(selector: (s: ConversationsState) => S): S {
  return useStore(useWorkspace().conversations.state, selector);
}

export function usePeople<S>(selector: (s: PeopleState) => S): S {
  return useStore(useWorkspace().people.state, selector);
}

export function useSettings<S>(selector: (s: SettingsState) => S): S {
  return useStore(useWorkspace().settings.state, selector);
}

export function useCalls<S>(selector: (s: CallsState) => S): S {
  return useStore(useWorkspace().calls.state, selector);
}

export function useConnection(): ConnectionState {
  return useStore(useWorkspace().realtime.state);
}

/** The display name for a user id (loading the profile if needed). */
export function useDisplayName(userId: string | undefined): string {
  const { people } = useWorkspace();
  const name = usePeople((s) => (userId ? s.profiles[userId]?.displayName : undefined));
  useEffect(() => {
    if (userId && !name) void people.ensureProfiles([userId]);
  }, [people, userId, name]);
  return name ?? '…';
}

/** Download URLs are presigned for 5 minutes: reuse one for 4. */
const URL_REUSE_MS = 4 * 60_000;
const urlCache = new Map<string, { url: Promise<string>; at: number }>();

/** A download URL for an attachment, fetched once per id (members only, presigned). */
export function useAttachmentUrl(attachmentId: string, enabled = true): string | undefined {
  const { messaging } = useWorkspace();
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const cached = urlCache.get(attachmentId);
    let promise = cached && Date.now() - cached.at < URL_REUSE_MS ? cached.url : undefined;
    if (!promise) {
      promise = messaging.attachmentUrl(attachmentId);
      urlCache.set(attachmentId, { url: promise, at: Date.now() });
      promise.catch(() => urlCache.delete(attachmentId));
    }
    promise.then((u) => live && setUrl(u)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [messaging, attachmentId, enabled]);
  return url;
}

/** Re-renders every `ms` (relative times, typing expiry). */
export function useTick(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

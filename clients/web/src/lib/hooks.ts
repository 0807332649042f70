import { useEffect, useState } from 'react';
import type { CallsState } from './call-store.ts';
import type { ConversationsState } from './conversation-sync.ts';
import { partyNumber } from './model.ts';
import { useWorkspace } from './parley-context.ts';
import type { PeopleState } from './people-store.ts';
import { formatNumber } from './phone-format.ts';
import type { ConnectionState } from './realtime-client.ts';
import type { SettingsState } from './settings-store.ts';
import { useStore } from './store.ts';

export { ParleyContext, useParley, useSession, useWorkspace } from './parley-context.ts';

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
  // a phone in a text conversation (`tel:+…` / `wa:+…`) has no profile: its number is its name
  const phone = partyNumber(userId);
  const name = usePeople((s) => (userId && !phone ? s.profiles[userId]?.displayName : undefined));
  useEffect(() => {
    if (userId && !phone && !name) void people.ensureProfiles([userId]);
  }, [people, userId, phone, name]);
  if (phone) return formatNumber(phone);
  return name ?? '…';
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

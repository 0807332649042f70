import { useWorkspace } from './hooks.ts';
import type { AdminNumbersState } from './numbers-admin-store.ts';
import type { MyNumbersState } from './numbers-mine-store.ts';
import { useStore } from './store.ts';

/** The Settings card's numbers (views under the shell only). */
export function useMyNumbers<S>(selector: (s: MyNumbersState) => S): S {
  return useStore(useWorkspace().myNumbers.state, selector);
}

/** The admin area's state (views under the shell only). */
export function useAdminNumbers<S>(selector: (s: AdminNumbersState) => S): S {
  return useStore(useWorkspace().adminNumbers.state, selector);
}

/** Whether the signed-in person may use the admin area (roles come with the session's user). */
export function useIsAdmin(): boolean {
  return useWorkspace().me.roles.includes('admin');
}

import { createContext, useContext } from 'react';
import type { Parley, Workspace } from './parley.ts';
import type { SessionState } from './session-store.ts';
import { useStore } from './store.ts';

/**
 * The hooks every screen may use, the sign-in screens included: nothing here imports a store of the
 * workspace, so the first load carries none of them (`hooks.ts` has the workspace's own hooks).
 */
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

import type { CallSettingsState } from './call-settings-store.ts';
import type { DialPadState } from './dial-pad-store.ts';
import { useWorkspace } from './hooks.ts';
import { useStore } from './store.ts';
import type { VoicemailState } from './voicemail-store.ts';

/** The Calls view's keypad (views under the shell only). */
export function useDialPad<S>(selector: (s: DialPadState) => S): S {
  return useStore(useWorkspace().dialPad.state, selector);
}

/** My voicemail (views under the shell only). */
export function useVoicemail<S>(selector: (s: VoicemailState) => S): S {
  return useStore(useWorkspace().voicemail.state, selector);
}

/** The Settings card "Calls" (views under the shell only). */
export function useCallSettings<S>(selector: (s: CallSettingsState) => S): S {
  return useStore(useWorkspace().callSettings.state, selector);
}

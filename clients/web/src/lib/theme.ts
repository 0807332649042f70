import { createStore, type Store } from './store.ts';

/**
 * Light or dark: the person's choice in Settings, "system" (the default) following
 * `prefers-color-scheme`. The choice is kept in `localStorage` (`parley.theme`) and applied as the
 * `dark` class on `<html>`; `public/theme-init.js` applies the same rule before the first paint (the
 * CSP allows no inline script, so it is a file of its own) and this module takes over once the app runs.
 */
export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'parley.theme';
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];
const DARK_QUERY = '(prefers-color-scheme: dark)';

type ThemeStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
type MatchMedia = (query: string) => Pick<MediaQueryList, 'matches' | 'addEventListener' | 'removeEventListener'>;

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return value === 'system' || value === 'light' || value === 'dark';
}

/** The stored choice; "system" when nothing (or nothing valid) is stored or storage is unavailable. */
export function readThemeChoice(storage: ThemeStorage | undefined): ThemeChoice {
  try {
    const stored = storage?.getItem(THEME_STORAGE_KEY);
    return isThemeChoice(stored) ? stored : 'system';
  } catch {
    return 'system';
  }
}

/** The theme a choice means, given whether the system prefers dark. */
export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean): Theme {
  if (choice === 'system') return systemPrefersDark ? 'dark' : 'light';
  return choice;
}

/** Puts a theme on the document: the `dark` class (Tailwind's dark variant and the tokens) and `color-scheme` (form controls, scrollbars). */
export function applyTheme(root: HTMLElement, theme: Theme): void {
  root.classList.toggle('dark', theme === 'dark');
  root.style.colorScheme = theme;
  root.dataset.theme = theme;
}

export interface ThemeState {
  choice: ThemeChoice;
  /** what is on screen now */
  theme: Theme;
}

export interface ThemeController {
  readonly state: Store<ThemeState>;
  /** Stores the choice ("system" forgets any stored one) and applies it at once. */
  choose(choice: ThemeChoice): void;
  dispose(): void;
}

export interface ThemeDeps {
  storage?: ThemeStorage;
  matchMedia?: MatchMedia;
  root?: HTMLElement;
}

function safeLocalStorage(): ThemeStorage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** Follows the stored choice and, while it is "system", the system's scheme as it changes. */
export function createThemeController(deps: ThemeDeps = {}): ThemeController {
  const storage = deps.storage ?? safeLocalStorage();
  const media = (deps.matchMedia ?? globalThis.matchMedia?.bind(globalThis))?.(DARK_QUERY);
  const root = deps.root ?? globalThis.document?.documentElement;
  const choice = readThemeChoice(storage);
  const state = createStore<ThemeState>({ choice, theme: resolveTheme(choice, media?.matches ?? false) });
  const show = () => {
    if (root) applyTheme(root, state.get().theme);
  };
  const onSystemChange = () => {
    const current = state.get();
    state.set({ ...current, theme: resolveTheme(current.choice, media?.matches ?? false) });
    show();
  };
  media?.addEventListener('change', onSystemChange);
  show();
  return {
    state,
    choose(next) {
      try {
        if (next === 'system') storage?.removeItem(THEME_STORAGE_KEY);
        else storage?.setItem(THEME_STORAGE_KEY, next);
      } catch {
        // storage refused (private mode quota): the choice still holds for this page
      }
      state.set({ choice: next, theme: resolveTheme(next, media?.matches ?? false) });
      show();
    },
    dispose() {
      media?.removeEventListener('change', onSystemChange);
    },
  };
}

let appTheme: ThemeController | undefined;

/** The page's one controller, made on first use (main.tsx makes it before the first render). */
export function themeController(): ThemeController {
  appTheme ??= createThemeController();
  return appTheme;
}

/** Tests: forget the page's controller so the next one reads storage again. */
export function resetThemeController(): void {
  appTheme?.dispose();
  appTheme = undefined;
}

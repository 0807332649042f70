import { afterEach, describe, expect, it } from 'vitest';
import { createThemeController, readThemeChoice, resolveTheme, THEME_STORAGE_KEY } from './theme.ts';

/** A `matchMedia` whose answer the test changes, firing `change` like the browser. */
function fakeSystem(dark: boolean) {
  const listeners = new Set<() => void>();
  const list = {
    matches: dark,
    addEventListener: (_: string, fn: () => void) => listeners.add(fn),
    removeEventListener: (_: string, fn: () => void) => listeners.delete(fn),
  };
  return {
    matchMedia: (query: string) => {
      expect(query).toBe('(prefers-color-scheme: dark)');
      return list as unknown as MediaQueryList;
    },
    set(next: boolean) {
      list.matches = next;
      for (const fn of listeners) fn();
    },
    listeners,
  };
}

const html = document.documentElement;

afterEach(() => {
  html.className = '';
  html.removeAttribute('style');
  delete html.dataset.theme;
});

describe('theme choice', () => {
  it('given nothing stored, then "system", which follows the system as it changes', () => {
    const system = fakeSystem(false);
    const theme = createThemeController({ storage: localStorage, matchMedia: system.matchMedia });

    expect(theme.state.get()).toEqual({ choice: 'system', theme: 'light' });
    expect(html.classList.contains('dark')).toBe(false);

    system.set(true);

    expect(theme.state.get()).toEqual({ choice: 'system', theme: 'dark' });
    expect(html.classList.contains('dark')).toBe(true);
    expect(html.style.colorScheme).toBe('dark');
    theme.dispose();
    expect(system.listeners.size).toBe(0);
  });

  it('given Dark chosen, then it is stored, applied, and the system no longer decides', () => {
    const system = fakeSystem(false);
    const theme = createThemeController({ storage: localStorage, matchMedia: system.matchMedia });

    theme.choose('dark');
    system.set(false);

    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('dark');
    expect(theme.state.get()).toEqual({ choice: 'dark', theme: 'dark' });
    expect(html.classList.contains('dark')).toBe(true);
    expect(html.dataset.theme).toBe('dark');
  });

  it('given Light stored, then a reload starts light on a dark system', () => {
    localStorage.setItem(THEME_STORAGE_KEY, 'light');
    const theme = createThemeController({ storage: localStorage, matchMedia: fakeSystem(true).matchMedia });

    expect(theme.state.get()).toEqual({ choice: 'light', theme: 'light' });
    expect(html.classList.contains('dark')).toBe(false);
    expect(html.style.colorScheme).toBe('light');
  });

  it('given System chosen again, then the stored choice is forgotten and the system decides', () => {
    localStorage.setItem(THEME_STORAGE_KEY, 'light');
    const theme = createThemeController({ storage: localStorage, matchMedia: fakeSystem(true).matchMedia });

    theme.choose('system');

    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBeNull();
    expect(theme.state.get()).toEqual({ choice: 'system', theme: 'dark' });
    expect(html.classList.contains('dark')).toBe(true);
  });

  it('given something else stored, or no matchMedia at all, then system and light', () => {
    localStorage.setItem(THEME_STORAGE_KEY, 'purple');

    expect(readThemeChoice(localStorage)).toBe('system');
    expect(createThemeController({ storage: localStorage, matchMedia: undefined }).state.get().theme).toBe(
      typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches
        ? 'dark'
        : 'light',
    );
    expect([resolveTheme('system', true), resolveTheme('light', true), resolveTheme('dark', false)]).toEqual([
      'dark',
      'light',
      'dark',
    ]);
  });
});

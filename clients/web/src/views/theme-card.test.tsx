import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../lib/i18n.ts';
import { resetThemeController, THEME_STORAGE_KEY, themeController } from '../lib/theme.ts';
import { ThemeCard } from './theme-card.tsx';

afterEach(() => {
  resetThemeController();
  document.documentElement.className = '';
  setLocale('en');
});

describe('Settings → Appearance', () => {
  it('given no choice yet, then System is checked; Dark turns the page dark and is kept', () => {
    render(<ThemeCard />);

    expect((screen.getByRole('radio', { name: 'System' }) as HTMLInputElement).checked).toBe(true);

    fireEvent.click(screen.getByRole('radio', { name: 'Dark' }));

    expect((screen.getByRole('radio', { name: 'Dark' }) as HTMLInputElement).checked).toBe(true);
    expect(document.documentElement.classList.contains('dark')).toBe(true);
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('dark');
  });

  it('given Dark stored, then a new page shows Dark checked; Light turns it light', () => {
    localStorage.setItem(THEME_STORAGE_KEY, 'dark');
    resetThemeController();
    render(<ThemeCard />);

    expect((screen.getByRole('radio', { name: 'Dark' }) as HTMLInputElement).checked).toBe(true);
    expect(document.documentElement.classList.contains('dark')).toBe(true);

    fireEvent.click(screen.getByRole('radio', { name: 'Light' }));

    expect(document.documentElement.classList.contains('dark')).toBe(false);
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('light');
    expect(themeController().state.get()).toEqual({ choice: 'light', theme: 'light' });
  });

  it('speaks Spanish', () => {
    setLocale('es');
    render(<ThemeCard />);

    expect(screen.getByRole('heading', { name: 'Apariencia' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Oscuro' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Sistema' })).toBeTruthy();
  });
});

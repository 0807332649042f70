import { createContext, useContext } from 'react';
import { type Dictionary, en, type MessageKey } from './i18n-en.ts';
import { es } from './i18n-es.ts';
import { createStore, type Store, useStore } from './store.ts';

export type { MessageKey } from './i18n-en.ts';

/** The languages Parley speaks. Add one: a dictionary file typed `Dictionary` and a line here. */
export const locales = { en: { label: 'English', dict: en }, es: { label: 'Español', dict: es } } as const;
export type Locale = keyof typeof locales;

const STORAGE_KEY = 'parley.locale';

function isLocale(value: string | null | undefined): value is Locale {
  return value === 'en' || value === 'es';
}

/** The stored choice, else the first browser language Parley speaks, else English. */
export function detectLocale(
  languages: readonly string[] = globalThis.navigator?.languages ?? [],
  stored: string | null = safeStorage()?.getItem(STORAGE_KEY) ?? null,
): Locale {
  if (isLocale(stored)) return stored;
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

function safeStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** Fills `{name}` placeholders. */
export function format(template: string, values?: Record<string, string | number>): string {
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** Builds the translate function for one locale. */
export function translator(locale: Locale): Translate {
  const dict: Dictionary = locales[locale].dict;
  return (key, values) => format(dict[key] ?? en[key], values);
}

/** The current locale, shared by the whole app; `setLocale` persists the user's choice. */
export const localeStore: Store<Locale> = createStore<Locale>(detectLocale());

export function setLocale(locale: Locale): void {
  safeStorage()?.setItem(STORAGE_KEY, locale);
  localeStore.set(locale);
  document.documentElement.lang = locale;
}

const TranslateContext = createContext<Locale | undefined>(undefined);
export const LocaleOverride = TranslateContext.Provider;

/** `t` for the current locale, plus the locale itself (for `Intl` formatting). */
export function useT(): { t: Translate; locale: Locale } {
  const override = useContext(TranslateContext);
  const current = useStore(localeStore);
  const locale = override ?? current;
  return { t: translator(locale), locale };
}

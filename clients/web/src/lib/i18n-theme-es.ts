import type { themeEn } from './i18n-theme-en.ts';

/** Spanish strings for the appearance setting and the installable app. */
export const themeEs: Record<keyof typeof themeEn, string> = {
  'theme.title': 'Apariencia',
  'theme.lead': 'Claro u oscuro. «Sistema» sigue a tu dispositivo y cambia con él.',
  'theme.label': 'Tema',
  'theme.system': 'Sistema',
  'theme.light': 'Claro',
  'theme.dark': 'Oscuro',
  'pwa.updateAvailable': 'Hay una actualización',
  'pwa.reload': 'Recargar',
  'pwa.dismiss': 'Más tarde',
};

/** English strings for the appearance setting and the installable app (update notice, offline copy). */
export const themeEn = {
  'theme.title': 'Appearance',
  'theme.lead': 'Light or dark. "System" follows your device and changes with it.',
  'theme.label': 'Theme',
  'theme.system': 'System',
  'theme.light': 'Light',
  'theme.dark': 'Dark',
  'pwa.updateAvailable': 'Update available',
  'pwa.reload': 'Reload',
  'pwa.dismiss': 'Later',
} as const;

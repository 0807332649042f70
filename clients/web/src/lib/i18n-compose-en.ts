/** English strings for writing messages and filling forms: the outbox, drafts, field errors, time zones. */
export const composeEn = {
  'compose.discard': 'Delete',
  'field.check': 'Check the highlighted field: {message}',
  'field.mobileInvalid':
    'That is not a mobile number we can text. Write it as you would dial it in {country}, or with + and the country code.',
  'field.mobileInvalidNoCountry': 'Write the number with + and the country code, e.g. +41 79 123 45 67.',
  'settings.mobileHintCountry': 'As you dial it in {country}, or with + and the country code. Used for SMS alerts.',
  'settings.timeZoneUtc': 'UTC (Coordinated Universal Time)',
} as const;

import type { composeEn } from './i18n-compose-en.ts';

/** Spanish strings for writing messages and filling forms (neutral Latin American, as spoken in Panama). */
export const composeEs: Record<keyof typeof composeEn, string> = {
  'compose.discard': 'Eliminar',
  'field.check': 'Revisa el campo marcado: {message}',
  'field.mobileInvalid':
    'Ese no es un número móvil al que podamos enviar SMS. Escríbelo como lo marcarías en {country}, o con + y el código de país.',
  'field.mobileInvalidNoCountry': 'Escribe el número con + y el código de país, p. ej. +507 6123 4567.',
  'settings.mobileHintCountry':
    'Como lo marcas en {country}, o con + y el código de país. Se usa para alertas por SMS.',
  'settings.timeZoneUtc': 'UTC (tiempo universal coordinado)',
};

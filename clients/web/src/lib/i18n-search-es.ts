import type { searchEn } from './i18n-search-en.ts';

/** Spanish strings for message search: the box above the chat list and its results. */
export const searchEs: Record<keyof typeof searchEn, string> = {
  'search.label': 'Buscar mensajes',
  'search.placeholder': 'Buscar mensajes',
  'search.clear': 'Borrar la búsqueda',
  'search.thisChat': 'Solo en este chat',
  'search.tooShort': 'Escribe al menos 2 caracteres.',
  'search.loading': 'Buscando…',
  'search.empty': 'Ningún mensaje coincide',
  'search.emptyHint': 'Prueba con menos palabras, o con el principio de una palabra.',
  'search.failed': 'La búsqueda falló: {reason}',
  'search.rateLimited': 'Estás buscando demasiado seguido. Espera unos segundos y vuelve a intentarlo.',
  'search.retry': 'Reintentar',
  'search.more': 'Más resultados',
  'search.loadingMore': 'Cargando más…',
  'search.results': 'Resultados de la búsqueda',
  'search.hitBy': '{name}, {time}',
};

import type { consentEn } from './i18n-consent-en.ts';

/** Spanish strings for consent: message requests and blocking. */
export const consentEs: Record<keyof typeof consentEn, string> = {
  'request.badge': 'Solicitud',
  'request.direct':
    '{name} no está en tus contactos. No verá que leíste esto, ni cuándo estás en línea, hasta que aceptes.',
  'request.group': 'Alguien que no está en tus contactos te agregó a este grupo. Acepta para participar, o sal de él.',
  'request.accept': 'Aceptar',
  'request.decline': 'Rechazar',
  'request.leave': 'Salir',
  'request.block': 'Bloquear',
  'request.failed': 'No funcionó. Inténtalo de nuevo.',
  'block.blocked': 'Bloqueaste a {name}. Ninguno de los dos puede escribir ni llamar al otro.',
  'block.unblock': 'Desbloquear',
  'block.title': 'Personas bloqueadas',
  'block.description': 'No pueden escribirte ni llamarte, ver cuándo estás en línea ni agregarte a grupos.',
  'block.empty': 'No has bloqueado a nadie.',
  'block.loading': 'Cargando…',
  'block.loadFailed': 'No se pudo cargar la lista de personas bloqueadas.',
  'block.action': 'Bloquear',
  'error.blocked': 'No puedes escribirle a esta persona.',
};

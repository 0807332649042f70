import type { readingEn } from './i18n-reading-en.ts';

/** Spanish strings for reading a chat: unread line, new messages, jumps, notifications, the tab's badge. */
export const readingEs: Record<keyof typeof readingEn, string> = {
  'reading.unreadOne': '1 mensaje sin leer',
  'reading.unread': '{count} mensajes sin leer',
  'reading.newOne': '1 mensaje nuevo',
  'reading.new': '{count} mensajes nuevos',
  'reading.jumpToOriginal': 'Ver el mensaje original',
  'reading.finding': 'Buscando el mensaje…',
  'reading.notFound': 'Ese mensaje ya no está en este chat.',
  'reading.skipToConversation': 'Saltar a la conversación',
  'reading.skipToContent': 'Saltar al contenido',
  'reading.announce': '{name}: {text}',
  'reading.attachment': 'envió un archivo adjunto',
  'reading.inGroup': '{name} en {group}',
  'reading.count': '{count} / {max}',
  'reading.countHintOne': 'Queda 1 carácter',
  'reading.countHint': 'Quedan {left} caracteres',
  'reading.tooLongOne': '1 carácter de más: acorta el mensaje para enviarlo',
  'reading.tooLong': '{over} caracteres de más: acorta el mensaje para enviarlo',
  'reading.browserTitle': 'Notificaciones del navegador',
  'reading.browserLead': 'Mensajes nuevos y llamadas mientras Parley está en una pestaña en segundo plano.',
  'reading.browserOn': 'Activadas en este navegador.',
  'reading.browserOff': 'Desactivadas en este navegador.',
  'reading.browserDenied': 'Bloqueadas: permite las notificaciones de este sitio en la configuración del navegador.',
  'reading.browserUnsupported': 'Este navegador no puede mostrar notificaciones.',
  'reading.browserTurnOn': 'Activar',
};

import type { chatEn } from './i18n-chat-en.ts';

/** Spanish strings for how messages are shown (neutral Latin American, as spoken in Panama). */
export const chatEs: Record<keyof typeof chatEn, string> = {
  'chat.showMore': 'Ver más',
  'chat.showLess': 'Ver menos',
  'chat.copy': 'Copiar texto',
  'chat.deleteTitle': '¿Eliminar este mensaje?',
  'chat.deleteLead': 'Todos en la conversación verán «Este mensaje fue eliminado.»',
  'chat.deleteConfirm': 'Eliminar',
  'chat.deleteCancel': 'Cancelar',
  'chat.statusSent': 'Enviado',
  'chat.statusRead': 'Leído',
  'chat.open': 'Abrir {name}',
  'chat.linkFailed': 'No se pudo abrir el archivo. Inténtalo de nuevo.',
  'viewer.image': 'Imagen {index} de {count}: {name}',
  'viewer.previous': 'Imagen anterior',
  'viewer.next': 'Imagen siguiente',
  'viewer.close': 'Cerrar visor',
  'viewer.download': 'Descargar',
  'viewer.loading': 'Cargando…',
} as const;

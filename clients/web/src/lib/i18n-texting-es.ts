import type { textingEn } from './i18n-texting-en.ts';

/** Spanish strings for texting phones (neutral Latin American, as spoken in Panama). */
export const textingEs: Record<keyof typeof textingEn, string> = {
  'texting.sms': 'SMS',
  'texting.whatsapp': 'WhatsApp',
  'texting.subtitleSms': 'Mensajes de texto a este número',
  'texting.subtitleWhatsapp': 'Mensajes de WhatsApp a este número',
  'texting.delivered': 'Entregado',
  'texting.notDelivered': 'No entregado',
  'texting.notDeliveredBecause': 'No entregado: {reason}',
  'texting.reason.opted-out': 'el número se dio de baja',
  'texting.reason.daily-cap': 'llegaste al límite de mensajes de hoy',
  'texting.noAttachments': 'No se pueden enviar archivos a un número de teléfono: solo texto',
  'texting.new': 'Nuevo mensaje de texto',
  'texting.backToPeople': 'Escribir a personas',
  'texting.lead': 'Escribe a un número de teléfono por SMS o WhatsApp desde tu número de Parley.',
  'texting.number': 'Número de teléfono',
  'texting.numberHint': 'Un número nacional se lee como {country}; empieza con + para otro país.',
  'texting.numberHintAny': 'Empieza con + y el código del país.',
  'texting.channel': 'Enviar como',
  'texting.start': 'Empezar',
  'texting.starting': 'Empezando…',
  'texting.badNumber': 'Eso no parece un número de teléfono. Revísalo, con el código del país si es del extranjero.',
  'texting.noParleyNumber': 'Necesitas un número de Parley para escribir a teléfonos. Pídele uno a un administrador.',
};

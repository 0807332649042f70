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
  'texting.reason.window-closed': 'había terminado el plazo de 24 horas de WhatsApp para responder',
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
  'texting.windowClosed':
    'WhatsApp solo te deja responder dentro de las 24 horas siguientes a su último mensaje. Podrás escribir de nuevo cuando te escriba.',
  'texting.windowNeverOpened':
    'WhatsApp solo te deja responder dentro de las 24 horas siguientes a su último mensaje, y todavía no te ha escrito. Podrás escribir cuando te escriba.',
  'texting.windowClosedAt': 'El plazo terminó {time}.',
  'texting.windowHoursLeft': 'Quedan {count} h para responder',
  'texting.windowMinutesLeft': 'Quedan {count} min para responder',
  'texting.windowHintTitle': 'WhatsApp acepta respuestas hasta {time}, 24 horas después de su último mensaje.',
  'texting.windowClosedRefusal':
    'WhatsApp solo te deja responder dentro de las 24 horas siguientes a su último mensaje, y ese plazo ya pasó.',
};

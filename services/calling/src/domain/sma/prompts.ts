/**
 * What the SIP media application says to phone callers, in the person's language (their profile's
 * locale): the voice Polly speaks it with, and the texts. English when the locale is not one of these.
 */
export interface Voice {
  languageCode: string;
  voiceId: string;
}

interface Texts {
  voice: Voice;
  greeting(name: string): string;
  unavailable(name: string): string;
  goodbye: string;
  notInService: string;
  sorry: string;
}

const TEXTS: Record<string, Texts> = {
  en: {
    voice: { languageCode: 'en-US', voiceId: 'Joanna' },
    greeting: (name) =>
      `${name} can't take your call right now. Please leave a message after this, and press the pound key when you are done.`,
    unavailable: (name) => `${name} can't take your call right now. Please try again later. Goodbye.`,
    goodbye: 'Thank you. Your message was saved. Goodbye.',
    notInService: 'The number you have dialled is not in service. Goodbye.',
    sorry: 'Sorry, the call could not be connected. Goodbye.',
  },
  es: {
    voice: { languageCode: 'es-US', voiceId: 'Lupe' },
    greeting: (name) =>
      `${name} no puede atender su llamada en este momento. Deje un mensaje y pulse la tecla numeral al terminar.`,
    unavailable: (name) => `${name} no puede atender su llamada en este momento. Inténtelo más tarde. Adiós.`,
    goodbye: 'Gracias. Su mensaje ha sido guardado. Adiós.',
    notInService: 'El número que ha marcado no está en servicio. Adiós.',
    sorry: 'Lo sentimos, no se pudo conectar la llamada. Adiós.',
  },
  de: {
    voice: { languageCode: 'de-DE', voiceId: 'Vicki' },
    greeting: (name) =>
      `${name} ist im Moment nicht erreichbar. Bitte hinterlassen Sie eine Nachricht und drücken Sie danach die Rautetaste.`,
    unavailable: (name) => `${name} ist im Moment nicht erreichbar. Bitte versuchen Sie es später noch einmal.`,
    goodbye: 'Danke. Ihre Nachricht wurde gespeichert. Auf Wiederhören.',
    notInService: 'Die gewählte Nummer ist nicht vergeben.',
    sorry: 'Der Anruf konnte leider nicht verbunden werden.',
  },
  fr: {
    voice: { languageCode: 'fr-FR', voiceId: 'Lea' },
    greeting: (name) =>
      `${name} ne peut pas prendre votre appel. Laissez un message, puis appuyez sur la touche dièse.`,
    unavailable: (name) => `${name} ne peut pas prendre votre appel. Veuillez rappeler plus tard. Au revoir.`,
    goodbye: 'Merci. Votre message a été enregistré. Au revoir.',
    notInService: "Le numéro que vous avez composé n'est pas attribué. Au revoir.",
    sorry: "Désolé, l'appel n'a pas pu être connecté. Au revoir.",
  },
};

/** The texts for a BCP 47 locale (its language), English by default. */
export function promptsFor(locale?: string): Texts {
  const language = (locale ?? 'en').toLowerCase().split('-')[0] ?? 'en';
  return TEXTS[language] ?? (TEXTS.en as Texts);
}

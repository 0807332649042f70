import type { EmailTokenPurpose } from './email-tokens.ts';

/** One email's content, in the recipient's language (their profile's `locale`; English otherwise). */
export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const COPY = {
  en: {
    'password-reset': {
      subject: 'Reset your Parley password',
      lead: 'Someone (we hope you) asked to reset the password of your Parley account.',
      action: 'Choose a new password',
      after: 'The link works once, for 30 minutes. Choosing a new password signs you out everywhere else.',
      ignore: 'If you did not ask for this, ignore this email: your password stays as it is.',
    },
    'email-verification': {
      subject: 'Verify your email for Parley',
      lead: 'Welcome to Parley. Confirm that this is your email address.',
      action: 'Verify my email',
      after: 'The link works once, for 24 hours.',
      ignore: 'If you did not create a Parley account, ignore this email.',
    },
    hello: (name: string) => `Hello ${name},`,
  },
  es: {
    'password-reset': {
      subject: 'Restablece tu contraseña de Parley',
      lead: 'Alguien (esperamos que tú) ha pedido restablecer la contraseña de tu cuenta de Parley.',
      action: 'Elegir una contraseña nueva',
      after:
        'El enlace sirve una vez, durante 30 minutos. Al elegir una contraseña nueva se cierran tus demás sesiones.',
      ignore: 'Si no lo has pedido tú, ignora este correo: tu contraseña no cambia.',
    },
    'email-verification': {
      subject: 'Verifica tu correo para Parley',
      lead: 'Te damos la bienvenida a Parley. Confirma que esta es tu dirección de correo.',
      action: 'Verificar mi correo',
      after: 'El enlace sirve una vez, durante 24 horas.',
      ignore: 'Si no has creado una cuenta de Parley, ignora este correo.',
    },
    hello: (name: string) => `Hola, ${name}:`,
  },
} as const;

/** The email that carries a password reset or verification link to `displayName`. */
export function linkEmail(input: {
  purpose: EmailTokenPurpose;
  displayName: string;
  link: string;
  locale?: string;
}): EmailContent {
  const lang = input.locale?.toLowerCase().startsWith('es') ? COPY.es : COPY.en;
  const copy = lang[input.purpose];
  const hello = lang.hello(input.displayName);
  const text = [hello, '', copy.lead, '', `${copy.action}: ${input.link}`, '', copy.after, copy.ignore].join('\n');
  const html = [
    `<p>${escapeHtml(hello)}</p>`,
    `<p>${escapeHtml(copy.lead)}</p>`,
    `<p><a href="${escapeHtml(input.link)}">${escapeHtml(copy.action)}</a></p>`,
    `<p>${escapeHtml(copy.after)}<br>${escapeHtml(copy.ignore)}</p>`,
  ].join('\n');
  return { subject: copy.subject, text, html };
}

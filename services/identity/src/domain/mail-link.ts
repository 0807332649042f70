import {
  type EmailTokenPurpose,
  type EmailTokenStore,
  emailLink,
  issueEmailToken,
  type Mailer,
} from './email-tokens.ts';
import { linkEmail } from './emails.ts';
import type { User } from './model.ts';
import type { Clock } from './ports.ts';

/** What mailing a link takes: the token store, the mailer, the clock and the web client's origin. */
export interface MailLinkDeps {
  emailTokens: EmailTokenStore;
  mailer: Mailer;
  clock: Clock;
  /** the web client's public origin (`PUBLIC_ORIGIN`): the link opens it */
  publicOrigin: string;
}

/** Issues a token for `purpose` and mails its link to the user's address, in their language. */
export async function mailLink(deps: MailLinkDeps, user: User, purpose: EmailTokenPurpose): Promise<void> {
  const token = await issueEmailToken(deps, { userId: user.id, email: user.email, purpose });
  const content = linkEmail({
    purpose,
    displayName: user.displayName,
    link: emailLink(deps.publicOrigin, purpose, token),
    ...(user.locale ? { locale: user.locale } : {}),
  });
  await deps.mailer.send({ to: user.email, ...content });
}

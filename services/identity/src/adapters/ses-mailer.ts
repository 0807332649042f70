import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer } from '../domain/email-tokens.ts';

/**
 * Mailer on SESv2 `SendEmail` (simple content, UTF-8). On AWS the sender's domain is a verified SES
 * identity; on devstack `AWS_ENDPOINT_URL_SESV2` points the same client at the emulator's outbox.
 */
export function sesMailer(client: SESv2Client, from: string): Mailer {
  return {
    async send(mail) {
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: [mail.to] },
          Content: {
            Simple: {
              Subject: { Data: mail.subject, Charset: 'UTF-8' },
              Body: {
                Text: { Data: mail.text, Charset: 'UTF-8' },
                ...(mail.html ? { Html: { Data: mail.html, Charset: 'UTF-8' } } : {}),
              },
            },
          },
        }),
      );
    },
  };
}

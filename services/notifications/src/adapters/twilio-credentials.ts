import type { SSMClient } from '@aws-sdk/client-ssm';
import { ssmParameter } from '@parley/lambda/ssm-parameter';
import type { TwilioCredentials } from './messaging-twilio.ts';

/**
 * Twilio's credentials and default senders from SSM under `prefix` (`account-sid`, `auth-token` (a
 * SecureString), `sms-from`, `whatsapp-from`): each read on first use and kept for `ttlMs`
 * (ssmParameter's refresh); a failed or empty read is not kept, so the next send reads again.
 */
export function twilioCredentials(
  ssm: Pick<SSMClient, 'send'>,
  prefix: string,
  ttlMs = 60 * 60_000,
): () => Promise<TwilioCredentials> {
  const p = (name: string) => ssmParameter(ssm, `${prefix}/${name}`, ttlMs);
  const accountSid = p('account-sid');
  const authToken = p('auth-token');
  const smsFrom = p('sms-from');
  const whatsappFrom = p('whatsapp-from');
  return async () => {
    const [a, t, s, w] = await Promise.all([accountSid(), authToken(), smsFrom(), whatsappFrom()]);
    return { accountSid: a, authToken: t, smsFrom: s, whatsappFrom: w };
  };
}

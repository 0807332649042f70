/** One email in devstack's SESv2 outbox (GET /_dev/mail). */
export interface OutboxMail {
  id: string;
  to: string;
  from: string;
  subject: string;
  text: string;
  html?: string;
  sentAt: string;
}

/** The emails devstack's SES emulator has "sent" to `to`, newest first. */
export async function mailTo(baseUrl: string, to: string): Promise<OutboxMail[]> {
  const res = await fetch(`${baseUrl.replace(/\/$/, '')}/_dev/mail`);
  return ((await res.json()) as { items: OutboxMail[] }).items.filter((m) => m.to === to);
}

/** The link (`…/#/reset?token=…` or `…/#/verify?token=…`) in an email, and its token. */
export function linkIn(mail: Pick<OutboxMail, 'text'>, route: 'reset' | 'verify'): { link: string; token: string } {
  const match = new RegExp(`(https?://\\S+/#/${route}\\?token=([A-Za-z0-9_-]+))`).exec(mail.text);
  if (!match?.[1] || !match[2]) throw new Error(`no #/${route} link in: ${mail.text}`);
  return { link: match[1], token: match[2] };
}

/** Waits for a new email to `to` whose text holds a `#/<route>` link (after `seen` such ones) and returns it. */
export async function waitForLink(
  baseUrl: string,
  to: string,
  route: 'reset' | 'verify',
  seen = 0,
  timeoutMs = 20_000,
): Promise<{ link: string; token: string; mail: OutboxMail }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const withLink = (await mailTo(baseUrl, to)).filter((m) => m.text.includes(`/#/${route}?token=`));
    const mail = withLink.length > seen ? withLink[0] : undefined;
    if (mail) return { ...linkIn(mail, route), mail };
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`no #/${route} email reached ${to} within ${timeoutMs} ms`);
}

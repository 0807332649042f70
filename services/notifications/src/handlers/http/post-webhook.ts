import { httpHandler, ok } from '@parley/lambda/http';
import { logger } from '@parley/lambda/observability';
import { WEBHOOK_ROUTES, type WebhookRoute } from '../../domain/messaging-provider.ts';
import { handleWebhook } from '../../domain/webhooks.ts';
import { publicWebhookUrl } from '../../wiring/messaging.ts';
import { webhooks } from '../../wiring/webhooks.ts';
import { errorStatus } from './errors.ts';

const ROUTE_BY_PATH = new Map<string, WebhookRoute>(
  Object.entries(WEBHOOK_ROUTES).map(([route, path]) => [path, route as WebhookRoute]),
);

/** The empty TwiML answer: Twilio sends nothing back to the phone. */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/**
 * `POST /webhooks/{sns,whatsapp,twilio/sms,twilio/whatsapp,twilio/status}`: public provider webhooks, no
 * bearer token. The signature is the proof: a bad or missing one is 403 and changes nothing; a replay is
 * 200 and processed once. Twilio's inbound routes answer empty TwiML.
 */
export const handler = httpHandler({ raw: true, errors: errorStatus }).handler(async (event) => {
  const path = event.routeKey.split(' ')[1] ?? event.rawPath;
  const route = ROUTE_BY_PATH.get(path);
  if (!route) throw new Error(`no webhook route for ${event.routeKey}`);
  const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
  const outcome = await handleWebhook(webhooks(), {
    route,
    url: publicWebhookUrl(path) + query,
    headers: event.headers ?? {},
    body: event.rawBody ?? '',
  });
  logger.info('webhook', { route, ...outcome });
  if (route === 'twilio-sms' || route === 'twilio-whatsapp')
    return { statusCode: 200, headers: { 'content-type': 'text/xml', 'cache-control': 'no-store' }, body: EMPTY_TWIML };
  return ok(outcome);
});

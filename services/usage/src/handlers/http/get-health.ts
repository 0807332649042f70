import { httpHandler, ok } from '@parley/lambda/http';

export const handler = httpHandler().handler(async () =>
  ok({ service: 'usage', status: 'ok', time: new Date().toISOString() }),
);

import { httpHandler, ok } from '@parley/lambda/http';
import { wiring } from '../../wiring.ts';

// Public keys change only on rotation; verifiers cache them (the authorizer refetches on an unknown kid).
export const handler = httpHandler().handler(async () =>
  ok(await wiring.signer().jwks(), { 'cache-control': 'public, max-age=300' }),
);

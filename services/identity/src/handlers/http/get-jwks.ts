import { httpHandler, ok } from '@parley/lambda/http';
import { signer } from '../../wiring/signer.ts';

// Public keys change only on rotation; verifiers cache them (the authorizer refetches on an unknown kid).
export const handler = httpHandler().handler(async () =>
  ok(await signer().jwks(), { 'cache-control': 'public, max-age=300' }),
);

import { SSMClient } from '@aws-sdk/client-ssm';
import { awsClient } from '@parley/lambda/clients';
import { once } from '@parley/lambda/once';
import { joseTokenSigner } from '../adapters/jose-token-signer.ts';
import { ssmSigningKeys } from '../adapters/signing-keys.ts';
import { config } from '../config.ts';
import { systemClock } from '../domain/ports.ts';

/** Access-token signer with keys from SSM (cached): all the JWKS route loads. */
export const signer = /* @__PURE__ */ once(() =>
  joseTokenSigner({
    keys: ssmSigningKeys(awsClient(SSMClient, {}), config.SIGNING_KEYS_PARAMETER),
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    clock: systemClock,
  }),
);

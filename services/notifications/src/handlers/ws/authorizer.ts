import { websocketAuthorizer } from '@parley/lambda/authorizer';

/** `$connect` authorizer: the access token comes from `?token=` (browsers cannot set WebSocket headers). */
export const handler = websocketAuthorizer();

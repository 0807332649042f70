import { httpAuthorizer } from '@parley/lambda/authorizer';

export const handler = httpAuthorizer();

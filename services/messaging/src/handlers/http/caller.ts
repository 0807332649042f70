import { userIdOf } from '@parley/lambda/auth-context';

/**
 * The signed-in caller of a parsed HTTP event. `userIdOf` expects `requestContext.authorizer`, which
 * `APIGatewayEventRequestContextV2` does not declare (TypeScript's weak-type check refuses the call);
 * this adapter states the shape at run time, where the authorizer context is present.
 */
export function callerOf(event: { requestContext: object }): string {
  return userIdOf(event as Parameters<typeof userIdOf>[0]);
}

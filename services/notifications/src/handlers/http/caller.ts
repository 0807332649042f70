import { userIdOf } from '@parley/lambda/auth-context';

/**
 * The caller's user id from an httpHandler event. `userIdOf` takes a weak type that TypeScript refuses
 * for the parsed HTTP API event ("no properties in common"), so the event is narrowed here once.
 */
export function callerOf(event: { requestContext: object }): string {
  return userIdOf(event as Parameters<typeof userIdOf>[0]);
}

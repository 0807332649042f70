import { HttpError } from './errors.ts';

/** What the authorizer passes to every handler (simple responses: `requestContext.authorizer.lambda`). */
export interface AuthContext {
  userId: string;
  roles: string[];
  sessionId?: string;
}

/** Any Lambda event with a request context (HTTP API v2, parsed or raw, or WebSocket). */
interface WithAuthorizer {
  requestContext?: object | null;
}

/** Reads the caller from the authorizer context; throws 401 when the route was reached without one. */
export function authOf(event: WithAuthorizer): AuthContext {
  const authorizer = (event.requestContext as { authorizer?: Record<string, unknown> | null } | null | undefined)
    ?.authorizer;
  // HTTP API simple responses nest the context under `lambda`; WebSocket authorizers put it flat.
  const ctx = (authorizer?.lambda as Record<string, unknown> | undefined) ?? authorizer;
  const userId = ctx?.userId;
  if (typeof userId !== 'string' || userId.length === 0) {
    throw new HttpError(401, 'unauthorized', 'Sign in first: this route needs a valid access token.');
  }
  const rawRoles = ctx?.roles;
  const roles = Array.isArray(rawRoles)
    ? rawRoles.map(String)
    : typeof rawRoles === 'string' && rawRoles.length > 0
      ? rawRoles.split(',')
      : [];
  const sessionId = typeof ctx?.sessionId === 'string' ? ctx.sessionId : undefined;
  return { userId, roles, ...(sessionId ? { sessionId } : {}) };
}

/** The caller's userId from the authorizer context, or undefined (never throws): for logs and traces. */
export function callerIdOf(event: WithAuthorizer): string | undefined {
  const authorizer = (event.requestContext as { authorizer?: Record<string, unknown> | null } | null | undefined)
    ?.authorizer;
  const ctx = (authorizer?.lambda as Record<string, unknown> | undefined) ?? authorizer;
  return typeof ctx?.userId === 'string' && ctx.userId !== '' ? ctx.userId : undefined;
}

export function userIdOf(event: WithAuthorizer): string {
  return authOf(event).userId;
}

export function requireRole(event: WithAuthorizer, role: string): AuthContext {
  const auth = authOf(event);
  if (!auth.roles.includes(role)) throw new HttpError(403, 'forbidden', `This needs the ${role} role.`);
  return auth;
}

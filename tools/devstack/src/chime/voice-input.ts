import { badRequest } from './voice-http.ts';

/** A JSON request body (or any object member of one). */
export type Input = Record<string, unknown>;

/** The model's E164PhoneNumber pattern. */
export const E164_PATTERN = /^\+?[1-9]\d{1,14}$/;

interface StringRule {
  min?: number;
  max?: number;
  pattern?: RegExp;
}

/** Reads a string member, refusing the wrong type, length or pattern the way AWS validation does. */
export function optionalString(input: Input, name: string, rule: StringRule = {}): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`${name} must be a string.`);
  const { min = 0, max = Number.POSITIVE_INFINITY, pattern } = rule;
  if (value.length < min || value.length > max) {
    throw badRequest(`${name} must be ${min} to ${max === Number.POSITIVE_INFINITY ? 'any' : max} characters long.`);
  }
  if (pattern && !pattern.test(value)) throw badRequest(`${name} "${value}" does not match ${pattern.source}.`);
  return value;
}

export function requiredString(input: Input, name: string, rule: StringRule = { min: 1 }): string {
  const value = optionalString(input, name, rule);
  if (value === undefined) throw badRequest(`${name} is required.`);
  return value;
}

export function optionalBoolean(input: Input, name: string): boolean | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw badRequest(`${name} must be a boolean.`);
  return value;
}

export function requiredBoolean(input: Input, name: string): boolean {
  const value = optionalBoolean(input, name);
  if (value === undefined) throw badRequest(`${name} is required.`);
  return value;
}

export function optionalInteger(input: Input, name: string, min: number, max: number): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw badRequest(`${name} must be an integer from ${min} to ${max}.`);
  }
  return value;
}

export function requiredInteger(input: Input, name: string, min: number, max: number): number {
  const value = optionalInteger(input, name, min, max);
  if (value === undefined) throw badRequest(`${name} is required.`);
  return value;
}

/** A map of string to string with at most `max` entries (SipHeaders, ArgumentsMap, Arguments). */
export function optionalStringMap(input: Input, name: string, max: number): Record<string, string> | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw badRequest(`${name} must be a map.`);
  const entries = Object.entries(value as Input);
  if (entries.length > max) throw badRequest(`${name} has ${entries.length} entries; at most ${max} are allowed.`);
  for (const [k, v] of entries) {
    if (typeof v !== 'string') throw badRequest(`${name}.${k} must be a string.`);
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

/** A list member whose items are objects (TargetApplications, Endpoints, Routes). */
export function optionalObjectList(input: Input, name: string, min: number, max: number): Input[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw badRequest(`${name} must be a list.`);
  if (value.length < min || value.length > max) throw badRequest(`${name} must have ${min} to ${max} items.`);
  for (const item of value) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) throw badRequest(`${name} items must be objects.`);
  }
  return value as Input[];
}

export function requiredObjectList(input: Input, name: string, min: number, max: number): Input[] {
  const value = optionalObjectList(input, name, min, max);
  if (value === undefined) throw badRequest(`${name} is required.`);
  return value;
}

export function optionalStringList(input: Input, name: string, min: number, max: number): string[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw badRequest(`${name} must be a list of strings.`);
  }
  if (value.length < min || value.length > max) throw badRequest(`${name} must have ${min} to ${max} items.`);
  return value as string[];
}

/** An object member (Origination, Termination). */
export function requiredObject(input: Input, name: string): Input {
  const value = input[name];
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw badRequest(`${name} is required.`);
  return value as Input;
}

/** A query member that must be one of `allowed` when present. */
export function queryEnum<T extends string>(
  query: URLSearchParams,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw badRequest(`${name} "${value}" is not one of ${allowed.join(', ')}.`);
  }
  return value as T;
}

/** `max-results` + `next-token` over a list already in its stable order. */
export function paginate<T>(
  items: T[],
  query: URLSearchParams,
  limit: number,
  fallback = limit,
): { page: T[]; NextToken?: string } {
  const rawMax = query.get('max-results');
  const max = rawMax === null ? fallback : Number(rawMax);
  if (!Number.isInteger(max) || max < 1 || max > limit) throw badRequest(`MaxResults must be from 1 to ${limit}.`);
  const start = decodeToken(query.get('next-token'));
  const page = items.slice(start, start + max);
  return start + max < items.length ? { page, NextToken: encodeToken(start + max) } : { page };
}

/** NextToken values are opaque to callers; here they carry an offset. */
export function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

export function decodeToken(token: string | null): number {
  if (token === null || token === '') return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through to the refusal
  }
  throw badRequest('NextToken is not valid.');
}

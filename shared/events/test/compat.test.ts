import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { breakingChanges, type SchemaNode } from '../src/compat.ts';

const schema = (s: z.ZodType) => z.toJSONSchema(s) as SchemaNode;
const v1 = z.object({ id: z.string(), kind: z.enum(['a', 'b']), note: z.string().optional() });

describe('breakingChanges', () => {
  it('accepts a new optional field', () => {
    expect(breakingChanges(schema(v1), schema(v1.extend({ extra: z.number().optional() })))).toEqual([]);
  });
  it('flags a removed field', () => {
    expect(breakingChanges(schema(v1), schema(v1.omit({ note: true })))).toEqual(['$.note: removed']);
  });
  it('flags a changed type', () => {
    expect(breakingChanges(schema(v1), schema(v1.extend({ id: z.number() })))).toEqual(['$.id: type string → number']);
  });
  it('flags a field that became required', () => {
    expect(breakingChanges(schema(v1), schema(v1.extend({ note: z.string() })))).toEqual(['$.note: newly required']);
  });
  it('accepts a const widened to an enum that keeps it, and flags one that drops it', () => {
    const one = z.object({ feature: z.literal('sms') });
    expect(breakingChanges(schema(one), schema(z.object({ feature: z.enum(['sms', 'whatsapp-message']) })))).toEqual(
      [],
    );
    expect(breakingChanges(schema(one), schema(z.object({ feature: z.enum(['mms', 'whatsapp-message']) })))).toEqual([
      '$.feature: const changed',
    ]);
  });
  it('flags a removed enum value', () => {
    expect(breakingChanges(schema(v1), schema(v1.extend({ kind: z.enum(['a']) })))).toEqual([
      '$.kind: enum value "b" removed',
    ]);
  });
});

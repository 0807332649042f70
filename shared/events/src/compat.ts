/** A JSON Schema node, as produced by `z.toJSONSchema`. */
export interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  enum?: unknown[];
  const?: unknown;
  anyOf?: SchemaNode[];
  additionalProperties?: boolean | SchemaNode;
  [key: string]: unknown;
}

const typesOf = (node: SchemaNode): string[] =>
  node.type === undefined ? [] : Array.isArray(node.type) ? [...node.type].sort() : [node.type];

/**
 * Lists the changes from `before` to `after` that would break a consumer or a stored event:
 * a property removed, a type changed, a property newly required, an enum value removed.
 * Adding an optional property, or a value to an enum (a const widened to an enum holding it), is not breaking.
 */
export function breakingChanges(before: SchemaNode, after: SchemaNode, path = '$'): string[] {
  const problems: string[] = [];
  const tb = typesOf(before);
  const ta = typesOf(after);
  if (tb.length && ta.length && tb.join('|') !== ta.join('|'))
    problems.push(`${path}: type ${tb.join('|')} → ${ta.join('|')}`);
  // a const widened to an enum that still holds it is an enum value added: not breaking
  const constKept = after.const === before.const || (after.enum ?? []).includes(before.const);
  if (before.const !== undefined && !constKept) problems.push(`${path}: const changed`);
  if (before.enum) {
    const kept = new Set(after.enum ?? []);
    for (const value of before.enum)
      if (!kept.has(value)) problems.push(`${path}: enum value ${JSON.stringify(value)} removed`);
  }
  if (before.properties) {
    for (const [name, node] of Object.entries(before.properties)) {
      const next = after.properties?.[name];
      if (!next) problems.push(`${path}.${name}: removed`);
      else problems.push(...breakingChanges(node, next, `${path}.${name}`));
    }
  }
  const wasRequired = new Set(before.required ?? []);
  for (const name of after.required ?? []) if (!wasRequired.has(name)) problems.push(`${path}.${name}: newly required`);
  if (before.items && after.items) problems.push(...breakingChanges(before.items, after.items, `${path}[]`));
  return problems;
}

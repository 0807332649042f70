/** The fields electrodb writes that address an item: its keys and its entity/version markers. */
const KEY_FIELDS = /^(pk|sk|gsi\d+pk|gsi\d+sk|__edb_e__|__edb_v__)$/;

type WritableEntity = { put(item: unknown): { params(): { Item: object } } };

/**
 * For a service's key-pinning test: what each entity writes as keys for an example item, beside the
 * keys items already in the table carry. A difference is a data migration, not a refactor.
 * `stored` maps each entity name to `[example item, the key fields it must produce]`.
 */
export function storedKeys(
  db: { entities: object },
  stored: Record<string, readonly [object, object]>,
): {
  entityNames: string[];
  pinnedNames: string[];
  rows: { name: string; written: Record<string, unknown>; keys: object }[];
} {
  const entities = db.entities as Record<string, WritableEntity>;
  return {
    entityNames: Object.keys(entities).sort(),
    pinnedNames: Object.keys(stored).sort(),
    rows: Object.entries(stored).map(([name, [item, keys]]) => {
      const written = (entities[name]?.put(item).params().Item ?? {}) as Record<string, unknown>;
      return {
        name,
        written: Object.fromEntries(Object.entries(written).filter(([field]) => KEY_FIELDS.test(field))),
        keys,
      };
    }),
  };
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../src/catalog.ts';
import { breakingChanges, type SchemaNode } from '../src/compat.ts';
import { detailJsonSchema, snapshotName } from '../src/schemas.ts';

const dir = join(import.meta.dirname, '..', 'schemas');

// Tests only read snapshots: `npm run catalog` writes a new or compatibly changed one (and refuses a
// breaking change), so a missing snapshot fails on every machine, not only in CI.
describe('event schema snapshots', () => {
  it('every event has a unique detail-type and version', () => {
    const keys = catalog.map((e) => `${e.detailType}@${e.version}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  for (const event of catalog) {
    it(`${event.detailType} v${event.version} matches its snapshot without a breaking change`, () => {
      const file = join(dir, snapshotName(event));
      expect(existsSync(file), `missing schema snapshot ${snapshotName(event)}: run \`npm run catalog\``).toBe(true);
      const current = detailJsonSchema(event);
      const stored = JSON.parse(readFileSync(file, 'utf8')) as SchemaNode;
      const problems = breakingChanges(stored, current as SchemaNode);
      expect(
        problems,
        `breaking change to ${event.detailType} v${event.version}: publish a v${event.version + 1} beside it`,
      ).toEqual([]);
      expect(
        current,
        `schema of ${event.detailType} changed compatibly: run \`npm run catalog\` to refresh ${snapshotName(event)}`,
      ).toEqual(stored);
    });
  }
});

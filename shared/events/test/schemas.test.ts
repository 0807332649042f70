import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../src/catalog.ts';
import { breakingChanges, type SchemaNode } from '../src/compat.ts';
import { detailJsonSchema, snapshotName } from '../src/schemas.ts';

const dir = join(import.meta.dirname, '..', 'schemas');

describe('event schema snapshots', () => {
  it('every event has a unique detail-type and version', () => {
    const keys = catalog.map((e) => `${e.detailType}@${e.version}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  for (const event of catalog) {
    it(`${event.detailType} v${event.version} matches its snapshot without a breaking change`, () => {
      const file = join(dir, snapshotName(event));
      const current = detailJsonSchema(event);
      if (!existsSync(file)) {
        // New events get a snapshot on a developer's machine; CI refuses an event without one.
        expect(
          process.env.CI,
          `missing schema snapshot ${snapshotName(event)}: run the tests locally and commit it`,
        ).toBeFalsy();
        writeFileSync(file, `${JSON.stringify(current, null, 2)}\n`);
        return;
      }
      const stored = JSON.parse(readFileSync(file, 'utf8')) as SchemaNode;
      const problems = breakingChanges(stored, current as SchemaNode);
      expect(
        problems,
        `breaking change to ${event.detailType} v${event.version}: publish a v${event.version + 1} beside it`,
      ).toEqual([]);
      expect(
        current,
        `schema of ${event.detailType} changed compatibly: delete ${snapshotName(event)} and re-run to refresh it`,
      ).toEqual(stored);
    });
  }
});

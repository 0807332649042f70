import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogFiles } from '../tools/scripts/generate-catalogs.ts';

describe('generated catalogs in docs/', () => {
  for (const [path, expected] of Object.entries(catalogFiles())) {
    it(`${path} is up to date (run \`npm run catalog\`)`, () => {
      expect(readFileSync(join(import.meta.dirname, '..', path), 'utf8')).toBe(expected);
    });
  }
});

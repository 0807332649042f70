import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { violations } from '../tools/scripts/check-layers.ts';

function fixture(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'layers-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  mkdirSync(join(root, 'shared'), { recursive: true });
  return root;
}

describe('layer rules', () => {
  it('hold across this repository', () => {
    expect(violations()).toEqual([]);
  });

  it('let a domain import the shared domain package, and catch that package importing what a domain may not', () => {
    const root = fixture({
      'services/a/src/domain/x.ts': "import { DomainError } from '@parley/domain/errors';\n",
      'shared/domain/src/errors.ts': "import { logger } from '@parley/lambda/observability';\n",
      'shared/domain/src/clock.ts': "export { z } from 'zod';\n",
    });
    expect(violations(root)).toEqual([
      'shared/domain/src/errors.ts: shared domain imports @parley/lambda/observability',
    ]);
  });

  it('catch a domain importing the AWS SDK, a service importing another, and shared importing a service', () => {
    const root = fixture({
      'services/a/src/domain/x.ts': "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\n",
      'services/a/src/handlers/y.ts': "import { z } from '../../../b/src/domain/z.ts';\n",
      'shared/lib/src/w.ts': "import { q } from '../../../services/a/src/q.ts';\n",
    });
    const found = violations(root);
    expect(found).toHaveLength(3);
    expect(found.join('\n')).toMatch(/domain imports @aws-sdk/);
    expect(found.join('\n')).toMatch(/service a imports service b/);
    expect(found.join('\n')).toMatch(/shared code imports a service/);
  });
});

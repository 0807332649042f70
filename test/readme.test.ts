import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..');
const WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
];

describe('README.md', () => {
  it('counts the stacks serverless-compose.yml deploys', () => {
    const compose = parse(readFileSync(join(root, 'serverless-compose.yml'), 'utf8'));
    const count = Object.keys(compose.services).length;
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const said = /all (\w+) stacks through serverless-compose\.yml/.exec(readme)?.[1];
    expect(said).toBe(WORDS[count]);
  });
});

// Regenerates src/domain/common-passwords.json, the list of common passwords that registration refuses.
//
// Source: the `passwords` dictionary of @zxcvbn-ts/language-common (MIT; frequency-ordered, from
// the xato.net 10-million-password corpus that zxcvbn uses). Passwords shorter than 8 characters are
// left out because the length rule already refuses them; everything else is kept, lowercased, in
// frequency order. Usage (no install into the project needed):
//   npm pack @zxcvbn-ts/language-common@4.1.3 && tar xzf zxcvbn-ts-language-common-4.1.3.tgz
//   node services/identity/scripts/generate-common-passwords.mjs package/src/passwords.json
import { readFileSync, writeFileSync } from 'node:fs';

const [source] = process.argv.slice(2);
if (!source)
  throw new Error('usage: generate-common-passwords.mjs <path to @zxcvbn-ts/language-common/src/passwords.json>');
const all = JSON.parse(readFileSync(source, 'utf8'));
const kept = [...new Set(all.map((p) => String(p).toLowerCase()).filter((p) => p.length >= 8 && p.length <= 128))];
const target = new URL('../src/domain/common-passwords.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(kept, null, 2)}\n`);
console.log(`wrote ${kept.length} passwords to ${target.pathname}`);

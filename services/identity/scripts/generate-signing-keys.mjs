// Prints a new signing-key set for SSM, or adds a key to an existing one (rotation).
//
//   New stage:  node services/identity/scripts/generate-signing-keys.mjs > keys.json
//               aws ssm put-parameter --type SecureString --name /parley/<stage>/identity/signing-keys \
//                 --value file://keys.json && rm keys.json
//   Rotate:     aws ssm get-parameter --with-decryption --name … --query Parameter.Value --output text > old.json
//               node …/generate-signing-keys.mjs old.json --activate > new.json   (then put-parameter --overwrite)
//
// Rotation without failures: add the new key first WITHOUT --activate and wait 10 minutes (the
// authorizers' JWKS cache), then activate it, then remove the old key after 15 more minutes
// (the lifetime of tokens it signed). The private keys never enter the repository or a template.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { exportJWK, generateKeyPair } from 'jose';

const args = process.argv.slice(2);
const activate = args.includes('--activate');
const existingFile = args.find((a) => !a.startsWith('--'));
const set = existingFile ? JSON.parse(readFileSync(existingFile, 'utf8')) : { activeKid: '', keys: [] };

const now = new Date();
const kid = `${now.toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;
const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
const meta = { kid, alg: 'ES256', use: 'sig' };
set.keys.push({
  kid,
  privateJwk: { ...(await exportJWK(privateKey)), ...meta },
  publicJwk: { ...(await exportJWK(publicKey)), ...meta },
  createdAt: now.toISOString(),
});
if (activate || !set.activeKid) set.activeKid = kid;
process.stdout.write(`${JSON.stringify(set)}\n`);

import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ACCOUNT_ID } from './constants.ts';
import { readBody } from './http-util.ts';
import { readJsonFile, writeJsonFile } from './json-file.ts';

/** One stored parameter, as SSM describes it. */
export interface StoredParameter {
  Name: string;
  Type: 'String' | 'StringList' | 'SecureString';
  Value: string;
  Version: number;
  LastModifiedDate: string;
  DataType: 'text';
}

/** An error answered in the AWS JSON protocol's shape (`__type` + `x-amzn-errortype`). */
class SsmFault extends Error {
  readonly type: string;
  readonly status: number;
  constructor(type: string, message: string, status = 400) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

const fail = (type: string, message: string, status = 400) => new SsmFault(type, message, status);

/**
 * A tiny AWS Systems Manager Parameter Store on the AWS JSON 1.1 protocol (what the SDK's SSMClient
 * speaks): GetParameter, GetParameters, GetParametersByPath, PutParameter, DeleteParameter.
 * SecureString values are returned in clear only WithDecryption, as on AWS. Persisted in `file`.
 */
export class SsmEmulator {
  readonly server: Server;
  private readonly parameters: Map<string, StoredParameter>;
  private readonly file: string;
  private readonly region: string;

  constructor(file: string, region: string) {
    this.file = file;
    this.region = region;
    const saved = readJsonFile<{ parameters?: StoredParameter[] }>(file, {});
    this.parameters = new Map((saved.parameters ?? []).map((p) => [p.Name, p]));
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  has(name: string): boolean {
    return this.parameters.has(name);
  }

  /** Stores a parameter (used to seed devstack's signing keys). */
  put(name: string, value: string, type: StoredParameter['Type'] = 'String', overwrite = true): number {
    const existing = this.parameters.get(name);
    if (existing && !overwrite)
      throw fail(
        'ParameterAlreadyExists',
        'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
      );
    const version = (existing?.Version ?? 0) + 1;
    this.parameters.set(name, {
      Name: name,
      Type: type,
      Value: value,
      Version: version,
      LastModifiedDate: new Date().toISOString(),
      DataType: 'text',
    });
    writeJsonFile(this.file, { parameters: [...this.parameters.values()] });
    return version;
  }

  private describe(p: StoredParameter, decrypt: boolean) {
    const value = p.Type === 'SecureString' && !decrypt ? ciphertextOf(p) : p.Value;
    return {
      Name: p.Name,
      Type: p.Type,
      Value: value,
      Version: p.Version,
      LastModifiedDate: Date.parse(p.LastModifiedDate) / 1000,
      ARN: `arn:aws:ssm:${this.region}:${ACCOUNT_ID}:parameter/${p.Name.replace(/^\//, '')}`,
      DataType: p.DataType,
    };
  }

  private operation(target: string, input: Record<string, unknown>): unknown {
    const decrypt = input.WithDecryption === true;
    switch (target) {
      case 'GetParameter': {
        const p = this.parameters.get(String(input.Name));
        if (!p) throw fail('ParameterNotFound', `Parameter ${String(input.Name)} not found.`);
        return { Parameter: this.describe(p, decrypt) };
      }
      case 'GetParameters': {
        const names = Array.isArray(input.Names) ? input.Names.map(String) : [];
        const found = names.filter((n) => this.parameters.has(n));
        return {
          Parameters: found.map((n) => this.describe(this.parameters.get(n) as StoredParameter, decrypt)),
          InvalidParameters: names.filter((n) => !this.parameters.has(n)),
        };
      }
      case 'GetParametersByPath': {
        const path = String(input.Path ?? '/').replace(/\/?$/, '/');
        const recursive = input.Recursive === true;
        const matches = [...this.parameters.values()].filter(
          (p) => p.Name.startsWith(path) && (recursive || !p.Name.slice(path.length).includes('/')),
        );
        return { Parameters: matches.map((p) => this.describe(p, decrypt)) };
      }
      case 'PutParameter': {
        if (typeof input.Name !== 'string' || typeof input.Value !== 'string')
          throw fail('ValidationException', 'Name and Value are required.');
        const type =
          (input.Type as StoredParameter['Type'] | undefined) ?? this.parameters.get(input.Name)?.Type ?? 'String';
        return { Version: this.put(input.Name, input.Value, type, input.Overwrite === true), Tier: 'Standard' };
      }
      case 'DeleteParameter': {
        if (!this.parameters.delete(String(input.Name)))
          throw fail('ParameterNotFound', `Parameter ${String(input.Name)} not found.`);
        writeJsonFile(this.file, { parameters: [...this.parameters.values()] });
        return {};
      }
      default:
        throw fail('UnknownOperationException', `devstack's SSM emulator does not implement ${target}.`);
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const text = JSON.stringify(body);
      res.writeHead(status, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-requestid': randomBytes(16).toString('hex'),
        ...headers,
      });
      res.end(text);
    };
    try {
      const target = String(req.headers['x-amz-target'] ?? '');
      if (req.method !== 'POST' || !target.startsWith('AmazonSSM.')) {
        throw fail('UnknownOperationException', 'Expected a POST with X-Amz-Target: AmazonSSM.<Operation>.');
      }
      const raw = await readBody(req);
      const input = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      reply(200, this.operation(target.slice('AmazonSSM.'.length), input));
    } catch (err) {
      const e =
        err instanceof SsmFault
          ? err
          : err instanceof SyntaxError
            ? fail('SerializationException', err.message)
            : fail('InternalServerError', (err as Error).message, 500);
      reply(e.status, { __type: e.type, message: e.message }, { 'x-amzn-errortype': e.type });
    }
  }
}

/** What SSM returns for a SecureString without decryption: an opaque blob, never the value. */
function ciphertextOf(p: StoredParameter): string {
  return Buffer.from(`devstack-kms:${p.Name}:${p.Version}`).toString('base64');
}

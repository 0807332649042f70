import { createServer } from 'node:net';

/** Asks the OS for a free loopback port. Ports handed out by one devstack are never repeated. */
export async function freePort(taken: Set<number> = new Set()): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.unref();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    if (port > 0 && !taken.has(port)) {
      taken.add(port);
      return port;
    }
  }
  throw new Error('could not find a free port');
}

/** Allocates named free ports at once: `await freePorts(['http', 'lambda'])`. */
export async function freePorts<K extends string>(names: readonly K[], taken: Set<number>): Promise<Record<K, number>> {
  const out = {} as Record<K, number>;
  for (const name of names) out[name] = await freePort(taken);
  return out;
}

// `npm run bench:messaging -- --profile`: loaded into every Node process of the benchmark's devstack
// through NODE_OPTIONS=--import (beside count-requests.mjs). Writes PARLEY_BENCH_PROFILE_DIR/<pid>.jsonl,
// one line per HTTP request the process served or made and, in a serverless-offline process, per
// function run. No handler code is touched; what it records (profile-report.ts turns it into hops):
//   in   a request this process served (node:http server): start → response flushed
//   out  a request it made (node:http client: the AWS SDK, http-proxy) → response headers
//   fetch  the same for fetch() (undici), e.g. the authorizer asking identity about a session
//   fn   serverless-offline's LambdaFunction.runHandler: the whole run, the handler's load included
// `id` is the message id read from the bodies (PutEvents entries, frames, responses, events).

import { subscribe } from 'node:diagnostics_channel';
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { ClientRequest } from 'node:http';
import { Session } from 'node:inspector';
import { createRequire } from 'node:module';
import { basename, dirname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = process.env.PARLEY_BENCH_PROFILE_DIR;
const now = () => performance.timeOrigin + performance.now();
const ID = /\\?"(?:messageId|clientMessageId)\\?":\\?"([^"\\]+)/;
const MESSAGE_ID = /"message":\{"id":"([^"]+)"/;
const idIn = (text) => (MESSAGE_ID.exec(text) ?? ID.exec(text))?.[1];

if (dir) {
  mkdirSync(dir, { recursive: true });
  const service = process.cwd().includes(`${sep}services${sep}`) ? basename(process.cwd()) : 'devstack';
  const file = join(dir, `${service}-${process.pid}.jsonl`);
  writeFileSync(file, '');
  let buffer = [];
  const record = (entry) => buffer.push(JSON.stringify({ p: service, ...entry }));
  const flush = () => {
    if (buffer.length === 0) return;
    appendFileSync(file, `${buffer.join('\n')}\n`);
    buffer = [];
  };
  // with PARLEY_BENCH_CPU_PROFILE=1 (--cpu-profile), the V8 CPU profile of the measured run: the bench
  // writes cpu-start and cpu-stop into the directory (`--cpu-prof` is not allowed in NODE_OPTIONS)
  let cpu = process.env.PARLEY_BENCH_CPU_PROFILE === '1' ? 'waiting' : 'off';
  const session = cpu === 'off' ? undefined : new Session();
  const watchCpu = () => {
    if (cpu === 'waiting' && existsSync(join(dir, 'cpu-start'))) {
      cpu = 'running';
      session.connect();
      session.post('Profiler.enable', () => session.post('Profiler.start'));
    } else if (cpu === 'running' && existsSync(join(dir, 'cpu-stop'))) {
      cpu = 'done';
      session.post('Profiler.stop', (err, result) => {
        if (!err) writeFileSync(join(dir, `${service}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
        session.disconnect();
      });
    }
  };
  setInterval(() => {
    flush();
    if (session) watchCpu();
  }, 500).unref();
  process.on('exit', flush);

  /** Wraps write/end of a stream to read a message id out of what passes (first 64 KB). */
  const sniff = (stream, onId) => {
    let seen = 0;
    let found = false;
    for (const name of ['write', 'end']) {
      const original = stream[name];
      stream[name] = function sniffed(chunk, ...rest) {
        if (!found && chunk && typeof chunk !== 'function' && seen < 65_536) {
          const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
          seen += text.length;
          const id = idIn(text);
          if (id) {
            found = true;
            onId(id);
          }
        }
        return original.call(this, chunk, ...rest);
      };
    }
  };

  const served = new WeakMap();
  subscribe('http.server.request.start', ({ request, response, server }) => {
    const entry = {
      k: 'in',
      port: server.address()?.port,
      method: request.method,
      path: (request.url ?? '').split('?')[0],
      start: now(),
    };
    served.set(response, entry);
    sniff(response, (id) => {
      entry.id = id;
    });
  });
  subscribe('http.server.response.finish', ({ response }) => {
    const entry = served.get(response);
    if (!entry) return;
    entry.end = now();
    entry.status = response.statusCode;
    record(entry);
  });

  const sent = new WeakMap();
  const bodyIds = new WeakMap();
  for (const name of ['write', 'end']) {
    const original = ClientRequest.prototype[name];
    ClientRequest.prototype[name] = function sniffed(chunk, ...rest) {
      if (chunk && typeof chunk !== 'function' && !bodyIds.has(this)) {
        const id = idIn(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        if (id) bodyIds.set(this, id);
      }
      return original.call(this, chunk, ...rest);
    };
  }
  subscribe('http.client.request.start', ({ request }) => {
    const target = request.getHeader('x-amz-target');
    const entry = {
      k: 'out',
      host: `${request.host}:${request.socket?.remotePort ?? ''}`,
      method: request.method,
      path: (request.path ?? '').split('?')[0],
      op: typeof target === 'string' ? target : undefined,
      start: now(),
      reused: request.reusedSocket,
    };
    sent.set(request, entry);
    // the channel publishes once a socket is assigned, after end(body): the body was read by the patch below
    const id = bodyIds.get(request);
    if (id) entry.id = id;
    else
      sniff(request, (found) => {
        entry.id = found;
      });
  });
  subscribe('http.client.response.finish', ({ request, response }) => {
    const entry = sent.get(request);
    if (!entry) return;
    entry.id ??= bodyIds.get(request);
    entry.end = now();
    entry.status = response.statusCode;
    entry.reused = request.reusedSocket;
    record(entry);
  });

  const fetched = new WeakMap();
  subscribe('undici:request:create', ({ request }) => {
    fetched.set(request, {
      k: 'fetch',
      method: request.method,
      host: request.origin,
      path: request.path.split('?')[0],
      start: now(),
    });
  });
  subscribe('undici:request:headers', ({ request, response }) => {
    const entry = fetched.get(request);
    if (!entry) return;
    entry.end = now();
    entry.status = response.statusCode;
    record(entry);
  });

  // serverless-offline's function runs, in the offline processes only (the class the plugin patches too)
  if (service !== 'devstack') {
    try {
      const require = createRequire(join(process.cwd(), 'package.json'));
      const entry = require.resolve('serverless-offline');
      const url = pathToFileURL(join(dirname(entry), 'lambda', 'LambdaFunction.js')).href;
      import(url).then(
        ({ default: LambdaFunction }) => {
          const { setEvent, runHandler } = LambdaFunction.prototype;
          const events = new WeakMap();
          LambdaFunction.prototype.setEvent = function setEvent_(event) {
            events.set(this, event);
            return setEvent.call(this, event);
          };
          LambdaFunction.prototype.runHandler = async function runHandler_() {
            const event = events.get(this);
            const item = { k: 'fn', name: this.functionName, start: now() };
            if (event?.detail) item.id = idIn(JSON.stringify(event.detail));
            try {
              const result = await runHandler.call(this);
              if (!item.id && typeof result?.body === 'string') item.id = idIn(result.body);
              return result;
            } finally {
              item.end = now();
              record(item);
            }
          };
        },
        () => {},
      );
    } catch {
      // not a serverless-offline process
    }
  }
}

import { randomBytes } from 'node:crypto';
import { RealtimeClient, websocketUrl } from '@parley/realtime/node-client';
import { type LatencySummary, summarise } from './stats.ts';

export interface BenchUser {
  id: string;
  token: string;
  refreshToken?: string;
  tokenAt: number;
}

export interface Group {
  id: string;
  members: BenchUser[];
}

/** What the workload drives: Parley on devstack, or the bare floor server. */
export interface Target {
  name: string;
  wsUrl: string;
  users(count: number): Promise<BenchUser[]>;
  groups(users: BenchUser[], size: number): Promise<Group[]>;
  send(user: BenchUser, group: Group, clientMessageId: string, text: string): Promise<void>;
}

export interface PhaseResult {
  target: string;
  users: number;
  groupSize: number;
  messages: number;
  concurrency: number;
  /** send (HTTP request start) → frame received by another member, ms */
  deliver: LatencySummary;
  /** the message's own `sentAt` (stamped when it was stored) → frame received: publish, bus and fan-out, ms */
  afterWrite: LatencySummary;
  /** send → HTTP response, ms */
  ack: LatencySummary;
  messagesPerSecond: number;
  deliveriesPerSecond: number;
  missing: number;
  /** handshakes that had to be retried while connecting the K users */
  reconnects: number;
  /** sockets the server closed during the measured run (their frames are missed) */
  dropped: number;
}

async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i] as T, i);
      }
    }),
  );
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function json(res: Response, what: string): Promise<Record<string, unknown>> {
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${what} answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return body;
}

/** Parley on devstack, through its public origin: identity to register, messaging to send, /ws to receive. */
export function parleyTarget(origin: string): Target {
  const pool: BenchUser[] = [];
  const tag = randomBytes(4).toString('hex');
  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${origin}/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  // Access tokens live 15 min; a long run refreshes them before they lapse.
  const fresh = async (user: BenchUser) => {
    if (Date.now() - user.tokenAt < 10 * 60_000 || !user.refreshToken) return user;
    const body = await json(await post('/identity/auth/refresh', { refreshToken: user.refreshToken }), 'refresh');
    const tokens = body.tokens as { accessToken: string; refreshToken: string };
    Object.assign(user, { token: tokens.accessToken, refreshToken: tokens.refreshToken, tokenAt: Date.now() });
    return user;
  };
  return {
    name: 'parley',
    wsUrl: websocketUrl(origin),
    async users(count) {
      const missing = Array.from({ length: Math.max(0, count - pool.length) }, (_, i) => pool.length + i);
      // scrypt (N=2^17) makes registration deliberately slow: two at a time on two cores
      const created = await mapLimit(missing, 2, async (n) => {
        const email = `bench-${tag}-${n}@parley.test`;
        const body = await json(
          await post('/identity/auth/register', {
            email,
            password: `bench-${tag}-password-${n}`,
            displayName: `Bench ${n}`,
          }),
          'register',
        );
        const tokens = body.tokens as { accessToken: string; refreshToken: string };
        return {
          id: (body.user as { id: string }).id,
          token: tokens.accessToken,
          refreshToken: tokens.refreshToken,
          tokenAt: Date.now(),
        };
      });
      pool.push(...created);
      return Promise.all(pool.slice(0, count).map(fresh));
    },
    async groups(users, size) {
      const chunks: BenchUser[][] = [];
      for (let i = 0; i < users.length; i += size) chunks.push(users.slice(i, i + size));
      // a large group's creation and its members' acceptances fan out to every member: one such group
      // at a time, or a 2-core devstack runs past the route's 10 s timeout while the others accept
      return mapLimit(chunks, size >= 50 ? 1 : 4, async (members) => {
        const [creator, ...others] = members as [BenchUser, ...BenchUser[]];
        const body = await json(
          await post(
            '/messaging/conversations',
            { memberIds: others.map((o) => o.id), kind: 'group', title: 'bench' },
            creator.token,
          ),
          'create conversation',
        );
        const id = (body.conversation as { id: string }).id;
        // strangers' groups start as requests: everyone accepts first, as in a group in use, so the
        // measured sends are plain sends (a first reply would also write the acceptance)
        for (const member of others) {
          await json(await post(`/messaging/conversations/${id}/accept`, {}, member.token), 'accept');
        }
        return { id, members };
      });
    },
    async send(user, group, clientMessageId, text) {
      await json(
        await post(`/messaging/conversations/${group.id}/messages`, { clientMessageId, text }, user.token),
        'send',
      );
    },
  };
}

/** The floor: the same clients and the same fan-out against a bare in-memory `ws` server. */
export function floorTarget(origin: string): Target {
  return {
    name: 'floor',
    wsUrl: websocketUrl(origin),
    async users(count) {
      return Array.from({ length: count }, (_, i) => ({ id: `u${i}`, token: `u${i}`, tokenAt: Date.now() }));
    },
    async groups(users, size) {
      const groups: Group[] = [];
      for (let i = 0; i < users.length; i += size)
        groups.push({ id: `g${i / size}`, members: users.slice(i, i + size) });
      const res = await fetch(`${origin}/groups`, {
        method: 'PUT',
        body: JSON.stringify(Object.fromEntries(groups.map((g) => [g.id, g.members.map((m) => m.id)]))),
      });
      if (!res.ok) throw new Error(`floor groups answered ${res.status}`);
      return groups;
    },
    async send(user, group, clientMessageId, text) {
      await json(
        await fetch(`${origin}/send`, {
          method: 'POST',
          body: JSON.stringify({ groupId: group.id, senderId: user.id, clientMessageId, text }),
        }),
        'floor send',
      );
    },
  };
}

export interface PhaseOptions {
  users: number;
  groupSize: number;
  messages: number;
  concurrency: number;
  /**
   * who sends message n: `spread` (default) takes the groups in turn, and within a group its members
   * in turn, so the messages in flight go to different conversations while there are enough groups
   * (pairs chatting at once: one person at a time types in each); `in-turn` (before 2026-12-04) lets
   * every member of a group send before the next group, so the messages in flight usually go to the
   * same conversation and race for its seq (ADR 0023's extra rounds)
   */
  order?: 'spread' | 'in-turn';
  /** called between the warm-up and the measured run, and after it (DynamoDB counters) */
  mark?: (when: 'start' | 'end') => Promise<void> | void;
}

/**
 * One measured phase: K users connected (one socket each), split into groups; `messages` messages sent
 * in the `order` given, `concurrency` in flight; every other member's socket must receive each one.
 */
export async function runPhase(target: Target, options: PhaseOptions): Promise<PhaseResult> {
  const users = await target.users(options.users);
  const groups = await target.groups(users, options.groupSize);
  const groupOf = new Map(groups.flatMap((g) => g.members.map((m) => [m.id, g] as const)));
  // like a real client: a refused or failed handshake is retried with backoff (and counted)
  let reconnects = 0;
  const connect = async (u: BenchUser): Promise<RealtimeClient> => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await RealtimeClient.connect(target.wsUrl, u.token, { timeoutMs: 60_000 });
      } catch (err) {
        if (attempt >= 5) throw err;
        reconnects += 1;
        await sleep(500 * 2 ** attempt);
      }
    }
  };
  const clients = await mapLimit(users, 8, connect);
  const pending = new Map<string, { t0: number; expected: Set<string> }>();
  // the warm-up's messages: who has yet to receive each
  const warming = new Map<string, Set<string>>();
  const deliver: number[] = [];
  const afterWrite: number[] = [];
  let lastDelivery = 0;
  clients.forEach((client, i) => {
    const me = (users[i] as BenchUser).id;
    client.onFrame(({ frame, receivedAt }) => {
      if (frame.type !== 'messaging.MessageSent') return;
      const warm = warming.get(String(frame.data.clientMessageId));
      if (warm) {
        warm.delete(me);
        if (warm.size === 0) warming.delete(String(frame.data.clientMessageId));
        return;
      }
      const entry = pending.get(String(frame.data.clientMessageId));
      if (!entry?.expected.delete(me)) return;
      deliver.push(receivedAt - entry.t0);
      const sentAt = Date.parse(String(frame.data.sentAt));
      // wall clocks of one machine: the frame's receipt in epoch ms, from the performance timeline
      if (Number.isFinite(sentAt)) afterWrite.push(performance.timeOrigin + receivedAt - sentAt);
      lastDelivery = receivedAt;
      if (entry.expected.size === 0) pending.delete(String(frame.data.clientMessageId));
    });
  });
  const senderOf = (n: number): BenchUser => {
    if (options.order === 'in-turn') return users[n % users.length] as BenchUser;
    const group = groups[n % groups.length] as Group;
    return group.members[Math.floor(n / groups.length) % group.members.length] as BenchUser;
  };
  const sendOne = async (n: number, measured: boolean, ack: number[], who?: BenchUser) => {
    const sender = who ?? senderOf(n);
    const group = groupOf.get(sender.id) as Group;
    const clientMessageId = `b${randomBytes(8).toString('hex')}`;
    const t0 = performance.now();
    const others = new Set(group.members.filter((m) => m !== sender).map((m) => m.id));
    if (measured) pending.set(clientMessageId, { t0, expected: others });
    else warming.set(clientMessageId, others);
    await target.send(sender, group, clientMessageId, `message ${n} from ${sender.id}`);
    if (measured) ack.push(performance.now() - t0);
  };
  // warm-up: one message per group (cold handlers, JIT), unmeasured. Then let the setup's traffic
  // settle: every member has its group's warm-up message (the frames queued behind the sign-ups',
  // acceptances' and connections' fan-outs: at 400 users in groups of 100, a minute's worth on
  // devstack), and 3 s more
  await mapLimit(groups, options.concurrency, (g) => sendOne(0, false, [], g.members[0] as BenchUser));
  const settled = performance.now() + 180_000;
  while (warming.size > 0 && performance.now() < settled) await sleep(100);
  await sleep(3_000);

  await options.mark?.('start');
  const ack: number[] = [];
  const first = performance.now();
  await mapLimit(
    Array.from({ length: options.messages }, (_, i) => i),
    options.concurrency,
    (i) => sendOne(i, true, ack),
  );
  const deadline = performance.now() + 30_000;
  while (pending.size > 0 && performance.now() < deadline) await sleep(50);
  await options.mark?.('end');
  const missing = [...pending.values()].reduce((n, p) => n + p.expected.size, 0);
  const dropped = clients.filter((c) => !c.open).length;
  const seconds = Math.max(lastDelivery - first, 1) / 1000;
  await mapLimit(clients, 32, (c) => c.close());
  await sleep(2_000);
  return {
    target: target.name,
    users: options.users,
    groupSize: options.groupSize,
    messages: options.messages,
    concurrency: options.concurrency,
    deliver: summarise(deliver),
    afterWrite: summarise(afterWrite),
    ack: summarise(ack),
    messagesPerSecond: options.messages / seconds,
    deliveriesPerSecond: deliver.length / seconds,
    missing,
    reconnects,
    dropped,
  };
}

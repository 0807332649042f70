/**
 * The floor: a bare `ws` server doing the same fan-out as Parley in one process and in memory.
 * `PUT /groups` {groupId: [userIds]} sets membership; `ws://…/ws?token=<userId>` connects;
 * `POST /send` {groupId, senderId, clientMessageId, text} pushes a MessageSent-shaped frame to
 * every connection of every member, then answers 201. No auth, no storage, no bus: what is left is
 * the cost of HTTP in, JSON and WebSocket frames out on this machine.
 * Prints `listening <port>` on stdout.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';

const groups = new Map<string, string[]>();
const sockets = new Map<string, Set<WebSocket>>();
const seqs = new Map<string, number>();

async function bodyOf(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

const server = createServer(async (req, res) => {
  try {
    if (req.method === 'PUT' && req.url === '/groups') {
      for (const [id, members] of Object.entries(await bodyOf(req))) groups.set(id, members as string[]);
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'POST' && req.url === '/send') {
      const { groupId, senderId, clientMessageId, text } = (await bodyOf(req)) as Record<string, string>;
      const members = groups.get(groupId as string) ?? [];
      const seq = (seqs.get(groupId as string) ?? 0) + 1;
      seqs.set(groupId as string, seq);
      const message = {
        conversationId: groupId,
        messageId: randomUUID(),
        seq,
        senderId,
        clientMessageId,
        sentAt: new Date().toISOString(),
        text,
      };
      const frame = JSON.stringify({
        id: randomUUID(),
        type: 'messaging.MessageSent',
        v: 1,
        at: message.sentAt,
        data: message,
      });
      for (const member of members) for (const socket of sockets.get(member) ?? []) socket.send(frame);
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ message }));
      return;
    }
    res.writeHead(404).end();
  } catch {
    res.writeHead(400).end();
  }
});

const wss = new WebSocketServer({ server });
wss.on('connection', (socket, req) => {
  const user = new URL(req.url ?? '/', 'http://x').searchParams.get('token') ?? '';
  const set = sockets.get(user) ?? new Set();
  set.add(socket);
  sockets.set(user, set);
  socket.on('close', () => set.delete(socket));
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => process.exit(0));

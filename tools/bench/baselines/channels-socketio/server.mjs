// socket.io's side of suites/channels.bench.ts: every client joins room "bench"; a client's "say" is emitted
// to the whole room on every server through the Redis adapter (Redis pub/sub). WebSocket transport only, as
// the other stacks. Env: BENCH_REDIS_URL, BENCH_PREFIX. Prints "READY <port>" once listening.
import { createServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';

const url = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const pubClient = new Redis(url);
const subClient = pubClient.duplicate();
const httpServer = createServer();
const io = new Server(httpServer, {
  transports: ['websocket'],
  adapter: createAdapter(pubClient, subClient, { key: `${process.env.BENCH_PREFIX ?? 'bench'}-socket.io` }),
});

io.on('connection', (socket) => {
  socket.join('bench');
  socket.on('say', (text) => io.to('bench').emit('said', text));
});

httpServer.listen(0, '127.0.0.1', () => process.stdout.write(`READY ${httpServer.address().port}\n`));
process.on('SIGTERM', () => {
  io.close();
  pubClient.disconnect();
  subClient.disconnect();
});

/**
 * The server process of the broadcast benchmark: @manouche/server with a consumer that joins group
 * "bench" and forwards every broadcast to its client; a client's frame is broadcast to the group through
 * the Redis channel layer. Bundled from source by channels.bench.ts and run as a child process.
 */
import { RedisChannelLayer, URLRouter, WebsocketConsumer, path, type ChannelMessage } from '@manouche/channels';
import { serve } from '@manouche/server';

const layer = new RedisChannelLayer({
  hosts: [process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379'],
  prefix: process.env.BENCH_PREFIX ?? 'bench',
  capacity: 1000,
});

class BroadcastConsumer extends WebsocketConsumer {
  static override groups = ['bench'];
  override async receive(text?: string) {
    if (text !== undefined) await this.channelLayer!.groupSend('bench', { type: 'bench.message', text });
  }
  async benchMessage(message: ChannelMessage) {
    await this.sendText(message.text as string);
  }
}

const app = URLRouter([path('ws/', BroadcastConsumer.asAsgi({ channelLayer: layer }))]);
const server = await serve(app, { host: '127.0.0.1', port: 0, accessLog: false, lifespan: 'off', announce: false });
process.stdout.write(`READY ${server.address.port}\n`);
// The server stops on SIGTERM; the layer's Redis connections would keep the process alive.
await server.closed;
await layer.close();

// The README's example: a chat consumer on a routing table, driven by the test communicator.
import { InMemoryChannelLayer, JsonWebsocketConsumer, URLRouter, path, type ChannelMessage } from '@manouche/channels';
import { WebsocketCommunicator } from '@manouche/channels/testing';

export class ChatConsumer extends JsonWebsocketConsumer {
  private group = '';

  override async connect() {
    this.group = `chat_${this.scope.url_route!.kwargs.roomName as string}`;
    await this.channelLayer!.groupAdd(this.group, this.channelName!);
    await this.accept();
  }

  override async disconnect() {
    await this.channelLayer!.groupDiscard(this.group, this.channelName!);
  }

  override async receiveJson(content: unknown) {
    // `chat.message` is handled by chatMessage() on every consumer in the group.
    await this.channelLayer!.groupSend(this.group, { type: 'chat.message', message: (content as { message: string }).message });
  }

  async chatMessage(event: ChannelMessage) {
    await this.sendJson({ message: event.message });
  }
}

export async function runExample(): Promise<unknown[]> {
  const layer = new InMemoryChannelLayer();
  const router = URLRouter([path('ws/chat/<slug:roomName>/', ChatConsumer.asAsgi({ channelLayer: layer }))]);
  const alice = new WebsocketCommunicator(router, '/ws/chat/lobby/');
  const bob = new WebsocketCommunicator(router, '/ws/chat/lobby/');
  await alice.connect();
  await bob.connect();
  await alice.sendJsonTo({ message: 'hello' });
  const received = [await alice.receiveJsonFrom(), await bob.receiveJsonFrom()];
  await alice.disconnect();
  await bob.disconnect();
  return received;
}

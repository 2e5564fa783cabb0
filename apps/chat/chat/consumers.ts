/**
 * The Channels tutorial's ChatConsumer: each connection joins its room's group; a message from one
 * client is stored, then broadcast to the group, which reaches every client in the room on every process.
 */
import { JsonWebsocketConsumer, type ChannelMessage } from 'manouche/channels';
import { Message } from './models.js';

/** The longest message a client may send, in characters. */
export const MAX_MESSAGE_LENGTH = 2000;

export class ChatConsumer extends JsonWebsocketConsumer {
  private roomGroupName = '';
  private author = 'anonymous';

  override async connect(): Promise<void> {
    const roomName = this.scope.url_route!.kwargs.roomName as string;
    this.roomGroupName = `chat_${roomName}`;
    const user = this.scope.user as { isAuthenticated?: boolean; getUsername?: () => string } | undefined;
    if (user?.isAuthenticated && user.getUsername) this.author = user.getUsername();
    await this.channelLayer!.groupAdd(this.roomGroupName, this.channelName!);
    await this.accept();
  }

  override async disconnect(): Promise<void> {
    await this.channelLayer!.groupDiscard(this.roomGroupName, this.channelName!);
  }

  /** A message from this client: `{ "message": "hello" }`. */
  override async receiveJson(content: unknown): Promise<void> {
    const text = (content as { message?: unknown } | null)?.message;
    if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_MESSAGE_LENGTH) {
      await this.sendJson({ error: `Send {"message": "..."} with 1 to ${MAX_MESSAGE_LENGTH} characters.` });
      return;
    }
    const roomName = this.roomGroupName.slice('chat_'.length);
    await Message.objects.create({ room: roomName, author: this.author, text });
    await this.channelLayer!.groupSend(this.roomGroupName, { type: 'chat.message', message: text, author: this.author });
  }

  /** A message broadcast to the room (type `chat.message`). */
  async chatMessage(event: ChannelMessage): Promise<void> {
    await this.sendJson({ message: event.message, author: event.author });
  }
}

/** The JSON WebSocket consumer (Channels' AsyncJsonWebsocketConsumer). */
import { WebsocketConsumer } from './websocket-consumer.js';

/**
 * Close code for a text frame that is not JSON (1007, "invalid frame payload data").
 *
 * @example
 * await communicator.sendTo({ text: 'not json' });
 * expect((await communicator.receiveClose()).code).toBe(INVALID_JSON_CLOSE_CODE); // 1007
 */
export const INVALID_JSON_CLOSE_CODE = 1007;
/**
 * Close code for a binary frame sent to a JSON consumer (1003, "unsupported data").
 *
 * @example
 * await communicator.sendTo({ bytes: new Uint8Array([1, 2]) });
 * expect((await communicator.receiveClose()).code).toBe(UNSUPPORTED_DATA_CLOSE_CODE); // 1003
 */
export const UNSUPPORTED_DATA_CLOSE_CODE = 1003;

/**
 * A WebSocket consumer that speaks JSON: override `receiveJson(content)`, call `sendJson(content)`.
 * A text frame that is not valid JSON closes the socket with 1007 and a log line; a binary frame closes it with 1003.
 *
 * @example
 * class ChatConsumer extends JsonWebsocketConsumer {
 *   async receiveJson(content: unknown) { await this.sendJson({ echo: content }); }
 * }
 */
export class JsonWebsocketConsumer extends WebsocketConsumer {
  override async receive(text?: string, bytes?: Uint8Array): Promise<void> {
    if (text === undefined) {
      this.logger.warn(
        `${this.describe()}: a binary frame of ${bytes?.byteLength ?? 0} bytes reached a JSON consumer; closing with ${UNSUPPORTED_DATA_CLOSE_CODE}.`,
      );
      await this.close(UNSUPPORTED_DATA_CLOSE_CODE, 'JSON text frames only');
      return;
    }
    let content: unknown;
    try {
      content = this.decodeJson(text);
    } catch (error) {
      this.logger.warn(`${this.describe()}: invalid JSON from the client (${(error as Error).message}); closing with ${INVALID_JSON_CLOSE_CODE}.`);
      await this.close(INVALID_JSON_CLOSE_CODE, 'invalid JSON');
      return;
    }
    await this.receiveJson(content);
  }

  /** Called with each decoded JSON message. */
  async receiveJson(_content: unknown): Promise<void> {}

  /** Encodes `content` as JSON and sends it as a text frame. */
  async sendJson(content: unknown, close = false): Promise<void> {
    await this.sendText(this.encodeJson(content));
    if (close) await this.close();
  }

  /** Parses a text frame; override for another encoding (Channels' decode_json). */
  decodeJson(text: string): unknown {
    return JSON.parse(text);
  }

  /** Serializes a message; override for another encoding (Channels' encode_json). */
  encodeJson(content: unknown): string {
    return JSON.stringify(content);
  }
}

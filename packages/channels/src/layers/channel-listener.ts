/**
 * @internal How a consumer takes its channel's messages from a layer of this package: the layer calls it
 * once per message instead of settling one receive() promise per message (see sliced-hand-off.ts for
 * when). Layers that only implement ChannelLayer are read through receive(), as before.
 */
import type { ChannelLayer } from './channel-layer.js';
import type { ChannelMessage } from '../names.js';

/** @internal The method's key: a symbol, so it stays off the public ChannelLayer interface. */
export const listenToChannel = Symbol('manouche.channels.listenToChannel');

/** @internal A layer whose channels can be listened to. */
export interface ListenableChannelLayer extends ChannelLayer {
  /**
   * Calls `onMessage` with each message for `channel` (one from this layer's newChannel()) soon after it arrives,
   * starting with those already waiting, never from inside the sender's call; returns the function that stops it.
   */
  [listenToChannel](channel: string, onMessage: (message: ChannelMessage) => void): () => void;
}

/** @internal */
export function isListenable(layer: ChannelLayer): layer is ListenableChannelLayer {
  return typeof (layer as Partial<ListenableChannelLayer>)[listenToChannel] === 'function';
}

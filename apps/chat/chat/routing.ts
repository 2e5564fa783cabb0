/** The chat's WebSocket routes (Channels' routing.py): the URLconf's path syntax and converters. */
import { path } from 'manouche/channels';
import { ChatConsumer } from './consumers.js';

// `slug` keeps room names within what a group name allows (letters, digits, hyphens, underscores).
export const websocketUrlpatterns = [path('ws/chat/<slug:roomName>/', ChatConsumer.asAsgi())];

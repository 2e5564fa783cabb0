/** The chat's pages, reversed as `chat:index`, `chat:rooms` and `chat:room`. */
import { path } from 'manouche/routing';
import { index, room, roomFeed } from './views.js';

export const appName = 'chat';

export default [path('', index, { name: 'index' }), path('rooms.json', roomFeed, { name: 'rooms' }), path('<slug:roomName>/', room, { name: 'room' })];

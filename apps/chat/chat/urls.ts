/** The chat's pages, reversed as `chat:index` and `chat:room`. */
import { path } from 'manouche/routing';
import { index, room } from './views.js';

export const appName = 'chat';

export default [path('', index, { name: 'index' }), path('<slug:roomName>/', room, { name: 'room' })];

/** The room list (rooms with recent messages, and a box to enter a room) and a room page. */
import { render, type HttpRequest } from 'manouche/core';
import { Message } from './models.js';

/** How many past messages a room page shows. */
export const HISTORY_SIZE = 50;

/** `chat:index`: the rooms people talked in lately, newest first. */
export async function index(request: HttpRequest) {
  const recent = await Message.objects.orderBy('-created').slice(0, 500);
  const rooms: string[] = [];
  for (const message of recent) if (!rooms.includes(message.room)) rooms.push(message.room);
  return render(request, 'chat/index.html', { rooms });
}

/** `chat:room`: a room's last messages, and the script that joins it over a WebSocket. */
export async function room(request: HttpRequest, kwargs: { roomName: string }) {
  const latest = await Message.objects.filter({ room: kwargs.roomName }).orderBy('-created').slice(0, HISTORY_SIZE);
  return render(request, 'chat/room.html', { roomName: kwargs.roomName, messages: [...latest].reverse() });
}

/** The room list (rooms with recent messages, and a box to enter a room), a room page, and the cached room feed. */
import { cachePage } from 'manouche/cache';
import { JsonResponse, render, type HttpRequest } from 'manouche/core';
import { Message } from './models.js';

/** How many past messages a room page shows. */
export const HISTORY_SIZE = 50;
/** How long every process serves the copy of the room feed one of them made, in seconds. */
export const ROOM_FEED_SECONDS = 30;

/** The rooms people talked in lately, newest first. */
async function activeRooms(): Promise<string[]> {
  const recent = await Message.objects.orderBy('-created').slice(0, 500);
  const rooms: string[] = [];
  for (const message of recent) if (!rooms.includes(message.room)) rooms.push(message.room);
  return rooms;
}

/** `chat:index`: the active rooms, and a box to enter one. */
export async function index(request: HttpRequest) {
  return render(request, 'chat/index.html', { rooms: await activeRooms() });
}

/** `chat:room`: a room's last messages, and the script that joins it over a WebSocket. */
export async function room(request: HttpRequest, kwargs: { roomName: string }) {
  const latest = await Message.objects.filter({ room: kwargs.roomName }).orderBy('-created').slice(0, HISTORY_SIZE);
  return render(request, 'chat/room.html', { roomName: kwargs.roomName, messages: [...latest].reverse() });
}

/**
 * `chat:rooms`: the active rooms as JSON, the same for every visitor, so it is cached (`cachePage`) in the
 * project's cache: with Redis, the first process to render it serves every process for ROOM_FEED_SECONDS.
 */
export const roomFeed = cachePage(ROOM_FEED_SECONDS)(async function roomFeed(_request: HttpRequest) {
  return new JsonResponse({ rooms: await activeRooms(), generatedAt: new Date().toISOString() });
});

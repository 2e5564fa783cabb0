// The README's WebSocket Origin check: a chat consumer behind originValidator and allowedHostsOriginValidator.
import type { AsgiApplication } from '@manouche/asgi';
import { allowedHostsOriginValidator, createApplication, originValidator } from '@manouche/core';
import { createResolver } from '@manouche/routing';
import { loadSettings } from '@manouche/settings';

const settings = loadSettings({
  values: { SECRET_KEY: 'change-me-to-a-long-random-string-of-50-characters', ALLOWED_HOSTS: ['chat.example.com'] },
  source: 'examples/websocket-origin.ts',
  baseDir: import.meta.dirname,
  env: {},
});
const urls = await createResolver([]);
// The consumer: accepts every handshake it is given.
const chat: AsgiApplication = async (scope, receive, send) => {
  if (scope.type !== 'websocket') return;
  await receive();
  await send({ type: 'websocket.accept' });
};

export const pinned = createApplication({ settings, urls, websocket: originValidator(chat, ['https://chat.example.com', '.example.org']) });
export const sameAsHosts = createApplication({ settings, urls, websocket: allowedHostsOriginValidator(chat, settings) }); // origins = ALLOWED_HOSTS

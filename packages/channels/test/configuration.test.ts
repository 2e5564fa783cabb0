import { afterEach, describe, expect, it } from 'vitest';
import {
  ChannelsConfigurationError,
  InMemoryChannelLayer,
  ProtocolTypeRouter,
  closeChannelLayers,
  configureChannelLayers,
  configureChannels,
  getChannelLayer,
  handlerName,
  AllowedHostsOriginValidator,
  WebsocketConsumer,
} from '../src/index.js';
import { SessionMiddlewareStack } from '../src/sessions.js';
import { WebsocketCommunicator } from '../src/testing.js';

afterEach(async () => {
  await configureChannelLayers({});
});

describe('CHANNEL_LAYERS', () => {
  it('creates the configured layer once per alias, and none for an alias that is not there', async () => {
    await configureChannelLayers({ default: { BACKEND: 'manouche.channels.layers.InMemoryChannelLayer', CONFIG: { capacity: 5 } } });
    const layer = getChannelLayer();
    expect(layer).toBeInstanceOf(InMemoryChannelLayer);
    expect(getChannelLayer('default')).toBe(layer);
    expect(getChannelLayer('other')).toBeNull();
    await closeChannelLayers();
    expect(getChannelLayer()).not.toBe(layer);
  });

  it("names Channels' Python backend and the Manouche one to write instead", async () => {
    await expect(configureChannelLayers({ default: { BACKEND: 'channels_redis.core.RedisChannelLayer' } })).rejects.toThrow(
      "CHANNEL_LAYERS['default'].BACKEND 'channels_redis.core.RedisChannelLayer' is not a known channel layer. Write 'manouche.channels.layers.RedisChannelLayer': the Python name is not used in Manouche.",
    );
    await expect(configureChannelLayers({ default: { CONFIG: {} } })).rejects.toThrow(ChannelsConfigurationError);
  });

  it('rejects a layer option that is not a positive number', () => {
    expect(() => new InMemoryChannelLayer({ capacity: 0 })).toThrow('Channel layer option capacity must be a positive number, got 0.');
  });
});

describe('message types', () => {
  it('map to camelCase handler names, as Channels maps dots to underscores', () => {
    expect(handlerName('chat.message')).toBe('chatMessage');
    expect(handlerName('user.joined_room')).toBe('userJoinedRoom');
    expect(handlerName('websocket.receive')).toBe('websocketReceive');
    expect(() => handlerName('send')).toThrow(/at least one "\."/);
  });
});

describe('ProtocolTypeRouter', () => {
  class Hello extends WebsocketConsumer {
    override async connect() {
      await this.accept();
      await this.sendText('hello');
    }
  }

  it('routes websocket scopes and names a protocol it has no route for', async () => {
    const router = ProtocolTypeRouter({ websocket: Hello.asAsgi({ channelLayer: null }) });
    const communicator = new WebsocketCommunicator(router, '/');
    await communicator.connect();
    expect(await communicator.receiveFrom()).toBe('hello');
    await communicator.disconnect();
    expect(router.routes.websocket).toBeTypeOf('function');
    await expect(
      router(
        { type: 'http' } as never,
        async () => ({ type: 'http.disconnect' }),
        async () => {},
      ),
    ).rejects.toThrow('No application configured for scope type "http" in ProtocolTypeRouter (it has websocket).');
    expect(() => ProtocolTypeRouter({ websockets: Hello.asAsgi() } as never)).toThrow(
      'ProtocolTypeRouter: unknown protocol "websockets"; expected http, websocket or lifespan.',
    );
  });
});

describe('the origin check and the session stack', () => {
  class Whoami extends WebsocketConsumer {
    override async connect() {
      await this.accept();
      const session = this.scope.session as { sessionKey: string | null };
      await this.sendText(`cookies=${JSON.stringify(this.scope.cookies)} session=${session.sessionKey}`);
    }
  }
  const settings = {
    DEBUG: false,
    ALLOWED_HOSTS: ['chat.example.com'],
    SECRET_KEY: 'test-secret-key-for-channels',
    SESSION_ENGINE: 'manouche.contrib.sessions.backends.signed_cookies',
    SESSION_COOKIE_NAME: 'sessionid',
  };

  it('refuses an origin outside ALLOWED_HOSTS and gives the session of the cookie to the consumer', async () => {
    await configureChannels(settings as never);
    const app = AllowedHostsOriginValidator(SessionMiddlewareStack(Whoami.asAsgi({ channelLayer: null })));
    const foreign = new WebsocketCommunicator(app, '/ws/', { headers: { origin: 'https://evil.example', host: 'chat.example.com' } });
    expect(await foreign.connect()).toMatchObject({ connected: false });
    const own = new WebsocketCommunicator(app, '/ws/', {
      headers: { origin: 'https://chat.example.com', host: 'chat.example.com', cookie: 'sessionid=abcdefgh12345678abcdefgh12345678; other=1' },
    });
    expect(await own.connect()).toMatchObject({ connected: true });
    expect(await own.receiveFrom()).toBe('cookies={"sessionid":"abcdefgh12345678abcdefgh12345678","other":"1"} session=abcdefgh12345678abcdefgh12345678');
    await own.disconnect();
  });
});

/** The Lua scripts of the Redis channel layer: each runs atomically on one Redis server. */
import type { Redis } from 'ioredis';

// KEYS[1] list; ARGV: envelope JSON, capacity, list ttl s. 0 when the list is full.
const SEND_SCRIPT = `
if redis.call('LLEN', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1`;

// KEYS[1] group; ARGV: list-key prefix, now ms, group expiry ms, message expiry ms, capacity, list ttl s, message JSON.
const GROUP_SEND_SCRIPT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[2]) - tonumber(ARGV[3]))
local members = redis.call('ZRANGE', KEYS[1], 0, -1)
local buckets = {}
local order = {}
for _, channel in ipairs(members) do
  local bang = string.find(channel, '!', 1, true)
  local key = channel
  if bang then key = string.sub(channel, 1, bang) end
  if not buckets[key] then
    buckets[key] = {}
    table.insert(order, key)
  end
  table.insert(buckets[key], channel)
end
local dropped = 0
for _, key in ipairs(order) do
  local list = ARGV[1] .. key
  if redis.call('LLEN', list) < tonumber(ARGV[5]) then
    redis.call('RPUSH', list, '{"c":' .. cjson.encode(buckets[key]) .. ',"x":' .. ARGV[4] .. ',"m":' .. ARGV[7] .. '}')
    redis.call('EXPIRE', list, ARGV[6])
  else
    dropped = dropped + #buckets[key]
  end
end
return dropped`;

// KEYS[1] group; ARGV: now ms, group expiry ms. The members, once the expired ones are gone.
const GROUP_MEMBERS_SCRIPT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
return redis.call('ZRANGE', KEYS[1], 0, -1)`;

/** @internal A client with the layer's scripts as commands. */
export type ScriptedRedis = Redis & {
  channelsSend(key: string, envelope: string, capacity: number, ttl: number): Promise<number>;
  channelsGroupSend(
    group: string,
    listPrefix: string,
    now: number,
    groupExpiryMs: number,
    expiresAt: number,
    capacity: number,
    ttl: number,
    message: string,
  ): Promise<number>;
  channelsGroupMembers(group: string, now: number, groupExpiryMs: number): Promise<string[]>;
};

/** @internal Adds the scripts to a client as commands. */
export function defineChannelScripts(client: Redis): ScriptedRedis {
  client.defineCommand('channelsSend', { numberOfKeys: 1, lua: SEND_SCRIPT });
  client.defineCommand('channelsGroupSend', { numberOfKeys: 1, lua: GROUP_SEND_SCRIPT });
  client.defineCommand('channelsGroupMembers', { numberOfKeys: 1, lua: GROUP_MEMBERS_SCRIPT });
  return client as ScriptedRedis;
}

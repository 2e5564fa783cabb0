/**
 * CONFIG.hosts of the Redis channel layer, and which host holds a name. Several hosts shard the layer as
 * channels_redis does: each channel and group name maps to one host by consistent hashing (CRC-32 of the
 * name onto a ring of 4096 slots split evenly among the hosts), so every process that lists the same
 * hosts in the same order finds a name on the same server.
 */
import { crc32 } from 'node:zlib';
import { ChannelsConfigurationError } from '../errors.js';

/** One entry of CONFIG.hosts: a URL, `{ address: url }`, or Channels' `[host, port]` pair. */
export type RedisHost = string | { address: string } | readonly [string, number];

const RING_SLOTS = 4096;

function hostUrl(host: RedisHost, where: string): string {
  if (Array.isArray(host) && host.length === 2 && typeof host[0] === 'string' && Number.isInteger(host[1])) {
    return `redis://${host[0].includes(':') ? `[${host[0]}]` : host[0]}:${host[1]}`;
  }
  const url = typeof host === 'string' ? host : (host as { address?: unknown } | null)?.address;
  if (typeof url !== 'string' || !/^rediss?:\/\/[^/]/.test(url)) {
    throw new ChannelsConfigurationError(
      `${where} must hold redis:// or rediss:// URLs (or { address } objects, or [host, port] pairs); got ${JSON.stringify(host)}.`,
    );
  }
  return url;
}

/**
 * The URLs of CONFIG.hosts, in order (the order decides which host holds a name, so every process must list
 * the same hosts the same way). Default: one server on 127.0.0.1:6379.
 * @internal
 */
export function redisHostUrls(hosts: unknown, alias?: string): string[] {
  const where = `CONFIG.hosts of the Redis channel layer${alias ? ` '${alias}'` : ''}`;
  if (hosts === undefined) return ['redis://127.0.0.1:6379'];
  if (!Array.isArray(hosts) || hosts.length === 0) {
    throw new ChannelsConfigurationError(`${where} must be a non-empty list such as ['redis://127.0.0.1:6379/0']; got ${JSON.stringify(hosts)}.`);
  }
  const urls = hosts.map((host: RedisHost) => hostUrl(host, where));
  const repeated = urls.find((url, index) => urls.indexOf(url) !== index);
  if (repeated) throw new ChannelsConfigurationError(`${where} lists ${repeated} twice; each host is one shard, so list it once.`);
  return urls;
}

/**
 * The index of the host that holds `name` among `ringSize` hosts (0 when there is one).
 * @internal
 */
export function shardOf(name: string, ringSize: number): number {
  if (ringSize === 1) return 0;
  return Math.floor((crc32(name) & (RING_SLOTS - 1)) / (RING_SLOTS / ringSize));
}

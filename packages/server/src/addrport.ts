import { AddressError } from './errors.js';

/**
 * A host and port to bind.
 *
 * @example
 * const { host, port }: BindAddress = parseAddrport('0.0.0.0:8000'); // { host: '0.0.0.0', port: 8000 }
 * await serve(app, { host, port });
 */
export interface BindAddress {
  host: string;
  port: number;
}

const PORT = /^\d{1,5}$/;
const HOST = /^[A-Za-z0-9.-]+$/;

function port(text: string, original: string): number {
  if (!PORT.test(text)) throw new AddressError(original);
  const value = Number(text);
  if (value > 65535) throw new AddressError(original);
  return value;
}

/**
 * Parses Django's `runserver` address forms: `8000`, `0.0.0.0:8000`, `localhost:8000`, `[::1]:8000`
 * (a host always comes with a port, as in Django).
 *
 * @example
 * parseAddrport('[::1]:8001'); // { host: '::1', port: 8001 }
 */
export function parseAddrport(value: string | undefined, defaultHost = '127.0.0.1', defaultPort = 8000): BindAddress {
  if (value === undefined || value === '') return { host: defaultHost, port: defaultPort };
  if (PORT.test(value)) return { host: defaultHost, port: port(value, value) };
  const ipv6 = /^\[([0-9A-Fa-f:.]+)\](?::(\d+))?$/.exec(value);
  if (ipv6 && ipv6[2] !== undefined) return { host: ipv6[1]!, port: port(ipv6[2], value) };
  const colon = value.lastIndexOf(':');
  if (ipv6 || colon === -1) throw new AddressError(value);
  const host = value.slice(0, colon);
  if (!HOST.test(host)) throw new AddressError(value);
  return { host, port: port(value.slice(colon + 1), value) };
}

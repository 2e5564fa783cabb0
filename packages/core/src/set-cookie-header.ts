/**
 * `Set-Cookie` header values, serialized by the `cookie` package. Everything after `name=value`
 * depends only on the name and options (Expires to the second), and a site sets the same few
 * cookies with the same options on response after response (csrftoken, sessionid): the library
 * serializes each attribute suffix once and it is reused. Serializing with options costs several
 * microseconds per call, the biggest single cost CSRF added to an anonymous page.
 */
import { serialize as serializeCookie, type SerializeOptions } from 'cookie';

const NAME_LIMIT = 256;

/** The attributes Manouche sets (the library's others, such as Priority, are not used). */
export type CookieAttributes = Pick<SerializeOptions, 'maxAge' | 'domain' | 'path' | 'expires' | 'httpOnly' | 'secure' | 'sameSite'>;

/** The last options a cookie name was set with, and their serialized suffix. */
interface Suffix {
  maxAge: number | undefined;
  domain: string | undefined;
  path: string | undefined;
  expiresSecond: number | undefined;
  httpOnly: boolean | undefined;
  secure: boolean | undefined;
  sameSite: SerializeOptions['sameSite'];
  text: string;
}
const lastSuffix = new Map<string, Suffix>();

// toUTCString drops milliseconds, so one Expires second is one suffix.
const secondOf = (date: Date | undefined) => (date === undefined ? undefined : Math.floor(date.getTime() / 1000));

function sameOptions(suffix: Suffix, options: CookieAttributes, expiresSecond: number | undefined): boolean {
  return (
    suffix.expiresSecond === expiresSecond &&
    suffix.maxAge === options.maxAge &&
    suffix.path === options.path &&
    suffix.domain === options.domain &&
    suffix.sameSite === options.sameSite &&
    suffix.httpOnly === options.httpOnly &&
    suffix.secure === options.secure
  );
}

/**
 * `name=value` and the attributes of `options`, exactly as `cookie`'s serialize writes them (value
 * percent-encoded with encodeURIComponent); throws the library's TypeError for an invalid name or
 * option, and a URIError for a value with a lone surrogate, as serialize does.
 *
 * @example
 * setCookieHeader('csrftoken', secret, { path: '/', maxAge: 31449600, sameSite: 'lax' }); // 'csrftoken=…; Max-Age=31449600; Path=/; SameSite=Lax'
 */
export function setCookieHeader(name: string, value: string, options: CookieAttributes): string {
  const expiresSecond = secondOf(options.expires);
  let suffix = lastSuffix.get(name);
  if (suffix === undefined || !sameOptions(suffix, options, expiresSecond)) {
    const { maxAge, domain, path, httpOnly, secure, sameSite } = options;
    // The library validates the name and every option here, once per change.
    const text = serializeCookie(name, '', options).slice(name.length + 1);
    suffix = { maxAge, domain, path, expiresSecond, httpOnly, secure, sameSite, text };
    if (lastSuffix.size >= NAME_LIMIT) lastSuffix.clear();
    lastSuffix.set(name, suffix);
  }
  // encodeURIComponent's output is always a valid cookie value (the library's check cannot fail on it).
  return `${name}=${value ? encodeURIComponent(value) : ''}${suffix.text}`;
}

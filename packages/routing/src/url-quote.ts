const SAFE_RUN = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/;
const KEPT = /%(?:24|26|2B|2C|3B|3D|3A|40|2F)/gi;
const KEPT_CHARS: Record<string, string> = {
  '%24': '$',
  '%26': '&',
  '%2B': '+',
  '%2C': ',',
  '%3B': ';',
  '%3D': '=',
  '%3A': ':',
  '%40': '@',
  '%2F': '/',
};

/**
 * Percent-encodes text for a URL path as Django's reverse does (`quote` with RFC 3986 sub-delims,
 * `/`, `~`, `:` and `@` kept): spaces, `%`, `?`, `#` and non-ASCII become `%XX`.
 * @internal
 */
export function quotePath(text: string): string {
  if (SAFE_RUN.test(text)) return text;
  return encodeURIComponent(text).replace(KEPT, (escape) => KEPT_CHARS[escape.toUpperCase()]);
}

/** HTTP dates (RFC 9110 IMF-fixdate), as Django's http_date and parse_http_date_safe. */

const IMF_FIXDATE = /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC850_DATE = /^[A-Za-z]{6,9}, \d{2}-[A-Za-z]{3}-\d{2} \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME_DATE = /^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

/**
 * `Sun, 06 Dec 2026 07:30:00 GMT` for epoch seconds.
 *
 * @example
 * httpDate(1796542200); // 'Sun, 06 Dec 2026 07:30:00 GMT'
 */
export function httpDate(epochSeconds: number): string {
  return new Date(Math.floor(epochSeconds) * 1000).toUTCString();
}

/**
 * Epoch seconds of an HTTP date (IMF-fixdate, RFC 850 or asctime), or undefined when it is not one.
 *
 * @example
 * parseHttpDate('Sun, 06 Dec 2026 07:30:00 GMT'); // 1796542200
 * parseHttpDate('yesterday'); // undefined
 */
export function parseHttpDate(value: string | null | undefined): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  let ms: number;
  if (IMF_FIXDATE.test(text) || RFC850_DATE.test(text)) ms = Date.parse(text);
  else if (ASCTIME_DATE.test(text)) ms = Date.parse(`${text} GMT`);
  else return undefined;
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

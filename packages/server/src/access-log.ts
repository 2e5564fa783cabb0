/**
 * Receives one access-log line (with its newline) per completed request.
 *
 * @example
 * const lines: string[] = [];
 * await serve(app, { accessLog: { write: (line) => lines.push(line) } }); // '[24/Nov/2026 03:45:24] "GET / HTTP/1.1" 200 …'
 */
export interface AccessLogWriter {
  write(line: string): unknown;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
let stampSecond = -1;
let stampText = '';

// The timestamp only changes once a second; format it once per second, not per request.
function timestamp(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== stampSecond) {
    const d = new Date(now);
    const pad = (n: number) => String(n).padStart(2, '0');
    stampText = `${pad(d.getDate())}/${MONTHS[d.getMonth()]}/${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
    stampSecond = second;
  }
  return stampText;
}

/**
 * @internal Formats a Django-style access line:
 * `[24/Nov/2026 03:45:24] "GET /blog/?page=2 HTTP/1.1" 200 1532 4.1ms`.
 */
export function formatAccessLine(method: string, target: string, httpVersion: string, status: number, bytes: number, durationMs: number): string {
  return `[${timestamp()}] "${method} ${target} HTTP/${httpVersion}" ${status} ${bytes} ${durationMs.toFixed(1)}ms\n`;
}

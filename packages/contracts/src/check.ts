/**
 * How serious a system-check message is (Django's levels).
 *
 * @example
 * const levels: CheckLevel[] = ['error', 'critical'];
 * const serious = messages.filter((m) => levels.includes(m.level));
 */
export type CheckLevel = 'debug' | 'info' | 'warning' | 'error' | 'critical';

/**
 * A system-check message with a stable id (`security.W004`, `models.E001`).
 *
 * @example
 * const msg: CheckMessage = { id: 'security.W018', level: 'warning', message: 'DEBUG is on in deployment.', hint: 'Set DEBUG = false.' };
 */
export interface CheckMessage {
  id: string;
  level: CheckLevel;
  message: string;
  hint?: string;
  /** What the message is about: a setting name, `blog.Post.title`, a URL pattern, a file. */
  obj?: string;
}

/**
 * A check a layer or app contributes to `manouche check`.
 *
 * @example
 * const blogChecks: SystemCheck = {
 *   tags: ['blog'],
 *   run: () => (process.env.BLOG_FEED_URL ? [] : [{ id: 'blog.W001', level: 'warning', message: 'BLOG_FEED_URL is not set.' }]),
 * };
 */
export interface SystemCheck {
  /** Tags select checks (`security`, `models`, `urls`, `templates`); `deploy` checks only run with --deploy. */
  tags: string[];
  run(context: { deploy: boolean }): CheckMessage[] | Promise<CheckMessage[]>;
}

/**
 * The filters every template sees as `f.<name>(value, …args)`, and the process-wide registry
 * that `registerFilter()` adds to.
 */
import { TemplateConfigurationError } from '../errors.js';
import { formatDate } from './date-format.js';
import { createHtmlFilters } from './html-filters.js';
import * as lists from './list-filters.js';
import { add, divisibleby, filesizeformat, floatformat, get_digit } from './number-filters.js';
import { pythonPformat, stringformat } from './python-format.js';
import { textOf } from './python-values.js';
import { striptags } from './strip-tags.js';
import * as text from './text-filters.js';
import { timesince, timeuntil } from './timesince.js';

/**
 * A template filter: the value first, then the filter's arguments.
 *
 * @example
 * const initials: TemplateFilter = (value: string, sep = '') => value.split(' ').map((w) => w[0]).join(sep);
 * createTemplateEngine({ filters: { initials } }); // <%= f.initials(it.user.fullName, '.') %>
 */
export type TemplateFilter = (value: any, ...args: any[]) => unknown;

/** Filters registered with `registerFilter()`, seen by every engine (an engine's own filters win). */
export const registeredFilters: Record<string, TemplateFilter> = Object.create(null) as Record<string, TemplateFilter>;

const filterName = /^[A-Za-z_$][\w$]*$/;

/** Checks that `name` can be written as `f.<name>(…)` and `fn` is a function. */
export function validateFilter(name: string, fn: unknown): void {
  if (!filterName.test(name)) {
    throw new TemplateConfigurationError(
      `Filter name ${JSON.stringify(name)} is not valid: use a JavaScript identifier such as "markdown" or "money_format" (templates call f.${'<name>'}(value)).`,
    );
  }
  if (typeof fn !== 'function') throw new TemplateConfigurationError(`Filter "${name}" must be a function (value, ...args) => result, got ${typeof fn}.`);
}

/**
 * Registers a filter for every template engine in this process (Django's `@register.filter`).
 *
 * @example
 * registerFilter('shout', (value) => `${value}!`.toUpperCase());
 * // in a template: <%= f.shout(it.post.title) %>
 */
export function registerFilter(name: string, fn: TemplateFilter): void {
  validateFilter(name, fn);
  registeredFilters[name] = fn;
}

/** The built-in filters for an engine with this time zone and autoescape setting. */
export function createBuiltinFilters(options: { timeZone?: string; autoescape: boolean }): Record<string, TemplateFilter> {
  const { timeZone } = options;
  const html = createHtmlFilters(options.autoescape);
  return {
    add,
    addslashes: text.addslashes,
    capfirst: text.capfirst,
    center: text.center,
    cut: text.cut,
    date: (value: unknown, format: unknown = 'N j, Y') => formatDate(value, textOf(format), timeZone),
    default: text.defaultValue,
    default_if_none: text.defaultIfNone,
    dictsort: lists.dictsort,
    dictsortreversed: lists.dictsortreversed,
    divisibleby,
    escape: html.escape,
    escapejs: text.escapejs,
    escapeseq: html.escapeseq,
    filesizeformat,
    first: text.first,
    floatformat,
    force_escape: html.force_escape,
    get_digit,
    iriencode: text.iriencode,
    join: html.join,
    json_script: html.json_script,
    jsonScript: html.json_script,
    last: text.last,
    length: text.length,
    linebreaks: html.linebreaks,
    linebreaksbr: html.linebreaksbr,
    linenumbers: html.linenumbers,
    ljust: text.ljust,
    lower: text.lower,
    make_list: text.make_list,
    phone2numeric: text.phone2numeric,
    pluralize: text.pluralize,
    pprint: (value: unknown) => pythonPformat(value),
    random: lists.random,
    rjust: text.rjust,
    safe: html.safe,
    safeseq: html.safeseq,
    slice: lists.slice,
    slugify: text.slugify,
    stringformat,
    striptags,
    time: (value: unknown, format: unknown = 'P') => formatDate(value, textOf(format), timeZone),
    timesince,
    timeuntil,
    title: text.title,
    truncatechars: text.truncatechars,
    truncatechars_html: html.truncatechars_html,
    truncatewords: text.truncatewords,
    truncatewords_html: html.truncatewords_html,
    unordered_list: html.unordered_list,
    upper: text.upper,
    urlencode: text.urlencode,
    urlize: html.urlize,
    urlizetrunc: html.urlizetrunc,
    wordcount: text.wordcount,
    wordwrap: text.wordwrap,
    yesno: text.yesno,
  };
}

/**
 * The built-in filters as plain functions, for use in code (Django's `django.template.defaultfilters`);
 * dates in the process's time zone, HTML filters escaping.
 *
 * @example
 * defaultFilters.truncatewords('Joel is a slug', 2); // "Joel is …"
 */
export const defaultFilters: Readonly<Record<string, TemplateFilter>> = Object.freeze(createBuiltinFilters({ autoescape: true }));

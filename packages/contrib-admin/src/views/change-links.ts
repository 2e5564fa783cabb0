import type { Model } from '@manouche/orm';
import type { AdminSite } from '../admin-site.js';
import type { ModelAdmin } from '../model-admin.js';

/**
 * The change-form URL of each object on a change-list page. A page has up to listPerPage rows:
 * for whole-number keys (digits, never percent-encoded) the URL is reversed twice and the part
 * around the key is reused; any other key, or a URL that does not split cleanly or takes no whole
 * number, is reversed per row.
 *
 * @example
 * const changeUrl = changeLinks(site, postAdmin);
 * changeUrl(42); // '/admin/blog/post/42/change/'
 */
export function changeLinks(site: AdminSite, ma: ModelAdmin<Model>): (pk: unknown) => string {
  const name = `${ma.opts.appLabel}_${ma.opts.modelName}_change`;
  const reverse = (pk: unknown) => site.reverse(name, [String(pk)]);
  let one: string;
  let other: string;
  try {
    [one, other] = [reverse(1), reverse(22)];
  } catch {
    // A project's URL for the change form that takes no whole numbers (a uuid converter): every row is reversed.
    return reverse;
  }
  let prefixLength = 0;
  while (prefixLength < one.length && one[prefixLength] === other[prefixLength]) prefixLength++;
  let suffixLength = 0;
  while (suffixLength < one.length - prefixLength && one[one.length - 1 - suffixLength] === other[other.length - 1 - suffixLength]) suffixLength++;
  const prefix = one.slice(0, prefixLength);
  const suffix = one.slice(one.length - suffixLength);
  // The key must sit alone between the two parts, in both samples.
  if (`${prefix}1${suffix}` !== one || `${prefix}22${suffix}` !== other) return reverse;
  return (pk) =>
    (typeof pk === 'number' && Number.isSafeInteger(pk) && pk >= 0) || (typeof pk === 'bigint' && pk >= 0n) ? `${prefix}${pk}${suffix}` : reverse(pk);
}

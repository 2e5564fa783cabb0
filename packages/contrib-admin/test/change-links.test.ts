import { describe, expect, it } from 'vitest';
import { changeLinks } from '../src/views/change-links.js';

/** A site whose reverse() builds the change URL with `toUrl`, the way a URL converter would. */
function siteReversing(toUrl: (pk: string) => string) {
  const calls: unknown[] = [];
  const site = {
    reverse(name: string, args: unknown[]) {
      calls.push(args[0]);
      expect(name).toBe('shop_article_change');
      return `/admin/shop/article/${toUrl(String(args[0]))}/change/`;
    },
  };
  return { site: site as never, calls };
}

const articleAdmin = { opts: { appLabel: 'shop', modelName: 'article' } } as never;
const KEYS = [0, 1, 7, 22, 42, 2_147_483_647, 12345678901234n, -3, 1.5, 'abc', 'a b/c?d', '%41'];

describe('the change links of a change-list page', () => {
  it('gives exactly what reverse() gives, for whole-number keys and any other key', () => {
    const { site } = siteReversing((pk) => encodeURIComponent(pk));
    const changeUrl = changeLinks(site, articleAdmin);
    const { site: reference } = siteReversing((pk) => encodeURIComponent(pk));
    for (const pk of KEYS) expect(changeUrl(pk)).toBe((reference as { reverse(n: string, a: unknown[]): string }).reverse('shop_article_change', [String(pk)]));
    expect(changeUrl(42)).toBe('/admin/shop/article/42/change/');
    expect(changeUrl('a b/c?d')).toBe('/admin/shop/article/a%20b%2Fc%3Fd/change/');
  });

  it('reverses whole-number keys only twice a page, and other keys once each', () => {
    const { site, calls } = siteReversing((pk) => pk);
    const changeUrl = changeLinks(site, articleAdmin);
    for (let pk = 1; pk <= 100; pk++) changeUrl(pk);
    expect(calls).toEqual(['1', '22']);
    changeUrl('slug-key');
    expect(calls).toEqual(['1', '22', 'slug-key']);
  });

  it('reverses every key when the key is not written as its digits (a padding converter)', () => {
    const padded = (pk: string) => pk.padStart(4, '0');
    const { site, calls } = siteReversing(padded);
    const changeUrl = changeLinks(site, articleAdmin);
    expect(changeUrl(7)).toBe('/admin/shop/article/0007/change/');
    expect(changeUrl(22)).toBe('/admin/shop/article/0022/change/');
    expect(calls).toEqual(['1', '22', '7', '22']);
  });

  it('reverses every key when the URL takes no whole numbers (a uuid converter)', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const { site } = siteReversing((pk) => {
      if (!uuid.test(pk)) throw new Error(`NoReverseMatch: ${pk}`);
      return pk;
    });
    const changeUrl = changeLinks(site, articleAdmin);
    const key = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(changeUrl(key)).toBe(`/admin/shop/article/${key}/change/`);
    expect(() => changeUrl(5)).toThrow('NoReverseMatch: 5');
  });
});

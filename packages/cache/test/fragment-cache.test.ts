import { beforeEach, describe, expect, it } from 'vitest';
import { createTemplateEngine } from '@manouche/templates';
import { cache, cacheFragment, caches, configureCaches, makeTemplateFragmentKey } from '../src/index.js';

const engine = createTemplateEngine();

describe('template fragment caching', () => {
  beforeEach(async () => {
    await configureCaches({ default: { BACKEND: 'manouche.cache.backends.locmem.LocMemCache', LOCATION: 'fragments' } });
  });

  it("makes Django's fragment keys", () => {
    expect(makeTemplateFragmentKey('sidebar')).toBe('template.cache.sidebar.d41d8cd98f00b204e9800998ecf8427e');
    expect(makeTemplateFragmentKey('sidebar', ['alice'])).toBe(makeTemplateFragmentKey('sidebar', ['alice']));
    expect(makeTemplateFragmentKey('sidebar', ['alice'])).not.toBe(makeTemplateFragmentKey('sidebar', ['bob']));
  });

  it('renders a fragment once per vary-on value and outputs it unescaped in the page', async () => {
    let renders = 0;
    const sidebar = (user: string) =>
      cacheFragment(500, 'sidebar', [user], () => {
        renders += 1;
        return engine.renderString('<aside>Hello <%= it.user %></aside>', { user });
      });
    const page = '<main><%= it.sidebar %></main>';
    expect(await engine.renderString(page, { sidebar: sidebar('alice') })).toBe('<main><aside>Hello alice</aside></main>');
    expect(await engine.renderString(page, { sidebar: sidebar('alice') })).toBe('<main><aside>Hello alice</aside></main>');
    expect(await engine.renderString(page, { sidebar: sidebar('<bob>') })).toBe('<main><aside>Hello &lt;bob&gt;</aside></main>');
    expect(renders).toBe(2);
  });

  it('renders again after the fragment key is deleted', async () => {
    let version = 0;
    const render = () => cacheFragment(null, 'menu', [], () => `<nav>v${++version}</nav>`);
    expect(String(await render())).toBe('<nav>v1</nav>');
    await cache.delete(makeTemplateFragmentKey('menu'));
    expect(String(await render())).toBe('<nav>v2</nav>');
  });

  it('uses the template_fragments cache when CACHES has one, or the alias it is given', async () => {
    await configureCaches({
      default: { BACKEND: 'manouche.cache.backends.locmem.LocMemCache', LOCATION: 'fragments-default' },
      template_fragments: { BACKEND: 'manouche.cache.backends.locmem.LocMemCache', LOCATION: 'fragments-own' },
      other: { BACKEND: 'manouche.cache.backends.locmem.LocMemCache', LOCATION: 'fragments-other' },
    });
    await cacheFragment(60, 'footer', [], () => '<footer></footer>');
    expect(await caches.get('template_fragments').get(makeTemplateFragmentKey('footer'))).toBe('<footer></footer>');
    expect(await caches.get('default').get(makeTemplateFragmentKey('footer'))).toBeUndefined();
    await cacheFragment(60, 'footer', [], () => '<footer>other</footer>', { using: 'other' });
    expect(await caches.get('other').get(makeTemplateFragmentKey('footer'))).toBe('<footer>other</footer>');
  });
});

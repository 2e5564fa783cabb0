import { describe, expect, it } from 'vitest';
import { AdminSite } from '../src/admin-site.js';
import { adminCheck } from '../src/checks.js';
import { AdminConfigurationError } from '../src/errors.js';
import { inlinesOf, tabularInline } from '../src/inlines.js';
import { Article, Author, Comment } from './support/shop-models.js';
import { testSettings } from './support/stack.js';

/** Options as an untyped project would write them (what `manouche check` is for). */
const untyped = (options: Record<string, unknown>) => options as never;

async function check(site: AdminSite) {
  return (await adminCheck(testSettings(), () => [site]).run({ deploy: false })).filter((message) => message.obj !== undefined);
}

describe('manouche check for inlines', () => {
  it('accepts inlines whose model has one foreign key to the parent', async () => {
    const site = new AdminSite({ name: 'inline-checks-ok' });
    site.register(Article, { inlines: [tabularInline(Comment, { fields: ['text'], extra: 1 })] });
    expect(await check(site)).toEqual([]);
  });

  it('checks an inline’s relation widgets and ordering with the ModelAdmin ids (admin.E002, E003, E033)', async () => {
    const site = new AdminSite({ name: 'inline-checks-widgets' });
    site.register(Article, { inlines: [tabularInline(Comment, untyped({ rawIdFields: ['nope', 'text'], ordering: ['-missing'] }))] });
    const ids = (await check(site)).map((message) => [message.id, message.obj]).sort();
    expect(ids).toEqual([
      ['admin.E002', 'shop.Comment (inline of shop.Article)'],
      ['admin.E003', 'shop.Comment (inline of shop.Article)'],
      ['admin.E033', 'shop.Comment (inline of shop.Article)'],
    ]);
  });

  it('reports an inline without a foreign key to the parent as admin.E202, naming both models', async () => {
    const site = new AdminSite({ name: 'inline-checks-fk' });
    site.register(Author, { inlines: [tabularInline(Comment)] });
    site.register(Comment, { inlines: [tabularInline(Article, untyped({ fkName: 'author' }))] });
    const messages = await check(site);
    expect(messages).toContainEqual({
      id: 'admin.E202',
      level: 'error',
      message: "'shop.Comment' has no ForeignKey to 'shop.Author'.",
      obj: 'shop.Comment (inline of shop.Author)',
    });
    expect(messages).toContainEqual(expect.objectContaining({ id: 'admin.E202', message: "fkName 'author' is not a ForeignKey to 'shop.Comment'." }));
    const ma = site.registrations()[0]!;
    expect(() => inlinesOf(ma)[0]!.fk).toThrow(AdminConfigurationError);
    expect(() => inlinesOf(ma)[0]!.fk).toThrow("'shop.Comment' has no ForeignKey to 'shop.Author'. (admin.E202, an inline of shop.Author)");
  });

  it('reports the foreign key in exclude (E201), bad counts (E203–E205), unknown fields and things that are not inlines', async () => {
    const site = new AdminSite({ name: 'inline-checks-options' });
    site.register(
      Article,
      untyped({
        inlines: [
          tabularInline(Comment, untyped({ exclude: ['article'], extra: -1, maxNum: 'ten', minNum: 1.5, fields: ['txt'], readonlyFields: ['nope'] })),
          { model: Comment },
          { kind: 'tabular', model: 'Comment' },
        ],
      }),
    );
    site.register(Author, untyped({ inlines: tabularInline(Article) }));
    const ids = (await check(site)).map((message) => `${message.id} ${message.obj}`);
    expect(ids).toEqual(
      expect.arrayContaining([
        'admin.E201 shop.Comment (inline of shop.Article)',
        'admin.E203 shop.Comment (inline of shop.Article)',
        'admin.E204 shop.Comment (inline of shop.Article)',
        'admin.E205 shop.Comment (inline of shop.Article)',
        'admin.E108 shop.Comment (inline of shop.Article)',
        'admin.E035 shop.Comment (inline of shop.Article)',
        'admin.E104 shop.Article (admin)',
        'admin.E106 shop.Article (admin)',
        'admin.E103 shop.Author (admin)',
      ]),
    );
  });
});

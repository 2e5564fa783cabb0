import { describe, expect, it } from 'vitest';
import { AdminSite } from '../src/admin-site.js';
import { adminCheck } from '../src/checks.js';
import { AlreadyRegistered, NotRegistered } from '../src/errors.js';
import { Article, Author, Comment } from './support/shop-models.js';
import { testSettings } from './support/stack.js';

/** Options as an untyped project would write them (what `manouche check` is for). */
const untyped = (options: Record<string, unknown>) => options as never;

describe('manouche check for the admin', () => {
  it('reports every unknown name with Django’s admin check ids', async () => {
    const site = new AdminSite({ name: 'checked' });
    site.register(
      Article,
      untyped({
        listDisplay: ['title', 'titel'],
        listDisplayLinks: ['body'],
        listFilter: ['stauts'],
        searchFields: ['^nmae'],
        ordering: ['-pubish'],
        readonlyFields: ['nope'],
        exclude: ['missing'],
        prepopulatedFields: { slugg: ['title'], slug: ['titl'] },
        listPerPage: 0,
        dateHierarchy: 'title',
      }),
    );
    site.register(Comment, untyped({ fields: ['text'], fieldsets: [[null, { fields: ['text'] }]] }));
    const messages = await adminCheck(testSettings(), () => [site]).run({ deploy: false });
    const ids = messages.map((message) => message.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'admin.E108',
        'admin.E111',
        'admin.E116',
        'admin.E126',
        'admin.E033',
        'admin.E035',
        'admin.E015',
        'admin.E027',
        'admin.E030',
        'admin.E118',
        'admin.E128',
        'admin.E005',
      ]),
    );
    expect(messages.find((message) => message.id === 'admin.E108')).toMatchObject({
      level: 'error',
      obj: 'shop.Article (admin)',
      message: "The value of 'listDisplay[1]' refers to 'titel', which is not a callable or an attribute or method on 'shop.Article'.",
    });
    expect(messages.find((message) => message.id === 'admin.E116')?.message).toBe(
      "The value of 'listFilter[0]' refers to 'stauts', which does not refer to a Field.",
    );
  });

  it('passes a correct registration and reports missing apps and middleware', async () => {
    const site = new AdminSite({ name: 'clean' });
    site.register(Article, { listDisplay: ['title', 'author__name', 'isLong'], listFilter: ['status'], searchFields: ['=slug'], ordering: ['-publish'] });
    expect(await adminCheck(testSettings(), () => [site]).run({ deploy: false })).toEqual([]);
    const bare = await adminCheck(testSettings({ INSTALLED_APPS: [], MIDDLEWARE: [] }), () => []).run({ deploy: false });
    expect(bare.map((message) => message.id)).toEqual(['admin.E401', 'admin.E405', 'admin.E406', 'admin.E408', 'admin.E409', 'admin.E410']);
  });
});

describe('registering models', () => {
  it('refuses a second registration and unregistering a model that is not registered', () => {
    const site = new AdminSite({ name: 'registry' });
    site.register(Author);
    expect(() => site.register(Author)).toThrow(AlreadyRegistered);
    expect(() => site.register(Author)).toThrow("The model Author is already registered with 'registry' (AdminSite).");
    site.unregister(Author);
    expect(site.isRegistered(Author)).toBe(false);
    expect(() => site.unregister(Author)).toThrow(NotRegistered);
  });
});

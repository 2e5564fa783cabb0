import { fields, Manager, Model, QuerySet, type ManyRelatedManager, type RelatedManager } from '../src/index.js';

export class Author extends Model.define(
  {
    username: fields.char({ maxLength: 50, unique: true }),
    email: fields.email({ blank: true }),
    bio: fields.text({ blank: true, default: '' }),
  },
  { appLabel: 'library', ordering: ['username'] },
) {
  /** Reverse accessors are added at run time; declare them to type them. */
  static override objects = new Manager(this);
  declare posts: RelatedManager<Post>;
  declare edited: RelatedManager<Post>;
  declare memberships: RelatedManager<Membership>;
  declare profile: Profile | null;
  override toString() {
    return this.username;
  }
}

export class Tag extends Model.define({ name: fields.char({ maxLength: 30, unique: true }) }, { appLabel: 'library' }) {
  static override objects = new Manager(this);
  declare posts: ManyRelatedManager<Post>;
  override toString() {
    return this.name;
  }
}

export class PostQuerySet extends QuerySet<Post> {
  published() {
    return this.filter({ status: 'published' });
  }
}

export class PublishedManager extends Manager<Post> {
  override getQueryset() {
    return super.getQueryset().filter({ status: 'published' });
  }
}

export class Post extends Model.define(
  {
    title: fields.char({ maxLength: 250 }),
    slug: fields.slug({ maxLength: 250, unique: true }),
    body: fields.text({ blank: true, default: '' }),
    author: fields.foreignKey(() => Author, { onDelete: 'CASCADE', relatedName: 'posts' }),
    editor: fields.foreignKey(() => Author, { onDelete: 'SET_NULL', null: true, blank: true, relatedName: 'edited' }),
    status: fields.char({
      maxLength: 10,
      choices: [
        ['draft', 'Draft'],
        ['published', 'Published'],
      ] as const,
      default: 'draft',
    }),
    views: fields.integer({ default: 0 }),
    rating: fields.decimal({ maxDigits: 5, decimalPlaces: 2, null: true }),
    publish: fields.dateTime({ default: () => new Date() }),
    created: fields.dateTime({ autoNowAdd: true }),
    updated: fields.dateTime({ autoNow: true }),
    tags: fields.manyToMany(() => Tag, { relatedName: 'posts' }),
  },
  { appLabel: 'library', ordering: ['-publish'] },
) {
  static override objects = Manager.fromQueryset(this, PostQuerySet);
  static published = new PublishedManager(this);
  override toString() {
    return this.title;
  }
  getAbsoluteUrl() {
    return `/blog/${this.slug}/`;
  }
}

export class Profile extends Model.define(
  {
    author: fields.oneToOne(() => Author, { onDelete: 'CASCADE', relatedName: 'profile' }),
    website: fields.url({ blank: true, default: '' }),
  },
  { appLabel: 'library' },
) {}

export class Category extends Model.define(
  {
    name: fields.char({ maxLength: 40 }),
    parent: fields.foreignKey('self', { onDelete: 'CASCADE', null: true, relatedName: 'children' }),
  },
  { appLabel: 'library', ordering: ['name'] },
) {}

export class Invoice extends Model.define(
  { author: fields.foreignKey(() => Author, { onDelete: 'PROTECT' }), amount: fields.decimal({ maxDigits: 12, decimalPlaces: 2 }) },
  { appLabel: 'library' },
) {}

export class Review extends Model.define(
  {
    post: fields.foreignKey(() => Post, { onDelete: 'RESTRICT', relatedName: 'reviews' }),
    reviewer: fields.foreignKey(() => Author, { onDelete: 'CASCADE', relatedName: 'reviews' }),
    stars: fields.positiveSmallInteger({ default: 3 }),
  },
  { appLabel: 'library' },
) {}

export class Club extends Model.define(
  {
    name: fields.char({ maxLength: 40 }),
    members: fields.manyToMany(() => Author, { through: () => Membership, relatedName: 'clubs' }),
  },
  { appLabel: 'library' },
) {}

export class Membership extends Model.define(
  {
    club: fields.foreignKey(() => Club, { onDelete: 'CASCADE' }),
    author: fields.foreignKey(() => Author, { onDelete: 'CASCADE', relatedName: 'memberships' }),
    role: fields.char({ maxLength: 20, default: 'member' }),
  },
  { appLabel: 'library', uniqueTogether: [['club', 'author']] },
) {}

export class Sample extends Model.define(
  {
    code: fields.uuid({ primaryKey: true, default: () => crypto.randomUUID() }),
    small: fields.smallInteger({ null: true }),
    big: fields.bigInteger({ null: true }),
    positive: fields.positiveInteger({ null: true }),
    ratio: fields.float({ null: true }),
    price: fields.decimal({ maxDigits: 20, decimalPlaces: 4, null: true }),
    flag: fields.boolean({ default: false }),
    day: fields.date({ null: true }),
    at: fields.time({ null: true }),
    when: fields.dateTime({ null: true }),
    spent: fields.duration({ null: true }),
    data: fields.json({ null: true }),
    blob: fields.binary({ null: true }),
    email: fields.email({ blank: true, default: '' }),
    link: fields.url({ blank: true, default: '' }),
    legacy: fields.char({ maxLength: 20, dbColumn: 'legacy_name', blank: true, default: '' }),
    level: fields.integer({
      choices: [
        [1, 'Low'],
        [2, 'High'],
      ],
      default: 1,
      validators: [(v: number) => (v === 13 ? 'Unlucky.' : undefined)],
    }),
  },
  { appLabel: 'library' },
) {
  static override objects = new Manager(this);
}

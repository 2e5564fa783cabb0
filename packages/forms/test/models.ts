/** The models the ModelForm and formset tests use, and a per-dialect database for them. */
import { closeOrmConnections, configureOrm, connection, fields, Manager, Model, modelStates, registerModels, type RelatedManager } from '@manouche/orm';
import { createModelTables } from '@manouche/migrations';
import { createTestDatabase, type TestDatabase } from '@manouche/orm/testing';

export class Author extends Model.define({ name: fields.char({ maxLength: 50 }) }) {
  static override objects = new Manager<Author>(this);
  declare articles: RelatedManager<Article>;
  override toString() {
    return this.name;
  }
}

export class Tag extends Model.define({ name: fields.char({ maxLength: 20, unique: true }) }) {
  static override objects = new Manager<Tag>(this);
  override toString() {
    return this.name;
  }
}

export class Article extends Model.define(
  {
    title: fields.char({ maxLength: 100, helpText: 'Short and catchy.' }),
    slug: fields.slug({ maxLength: 100, unique: true }),
    body: fields.text({ blank: true }),
    status: fields.char({
      maxLength: 2,
      choices: [
        ['DF', 'Draft'],
        ['PB', 'Published'],
      ],
      default: 'DF',
    }),
    views: fields.positiveInteger({ default: 0 }),
    rating: fields.decimal({ maxDigits: 3, decimalPlaces: 1, null: true, blank: true }),
    publish: fields.date({ null: true, blank: true }),
    author: fields.foreignKey(() => Author, { onDelete: 'CASCADE', relatedName: 'articles' }),
    tags: fields.manyToMany(() => Tag, { blank: true }),
    created: fields.dateTime({ autoNowAdd: true }),
  },
  { uniqueTogether: [['title', 'author']] },
) {
  static override objects = new Manager<Article>(this);
  override toString() {
    return this.title;
  }
}

export class Comment extends Model.define({
  article: fields.foreignKey(() => Article, { onDelete: 'CASCADE', relatedName: 'comments' }),
  name: fields.char({ maxLength: 80 }),
  body: fields.text(),
  active: fields.boolean({ default: true }),
}) {
  static override objects = new Manager<Comment>(this);
}

registerModels('formstest', { Author, Tag, Article, Comment });

/** Opens a fresh database of `dialect` with the test models' tables. */
export async function openTestDatabase(dialect: Parameters<typeof createTestDatabase>[0]): Promise<TestDatabase> {
  const db = await createTestDatabase(dialect);
  configureOrm({ databases: { default: db.settings } });
  await createModelTables(connection(), modelStates('formstest'), { useTz: true });
  return db;
}

/** Closes the connections and drops the database. */
export async function closeTestDatabase(db: TestDatabase | undefined): Promise<void> {
  await closeOrmConnections();
  await db?.drop();
}

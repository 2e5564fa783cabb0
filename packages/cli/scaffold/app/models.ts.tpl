/**
 * The models of the {{ app_name }} app. Instance types are inferred from the fields; the table is
 * `{{ app_name }}_<model>` with a BigAutoField `id`. For example, the seed's Post:
 *
 *   import { getUserModel } from 'manouche/contrib/auth';
 *   import { Model, fields } from 'manouche/orm';
 *
 *   export class Post extends Model.define({
 *     title: fields.char({ maxLength: 250 }),
 *     slug: fields.slug({ maxLength: 250 }),
 *     body: fields.text(),
 *     // Django's ForeignKey(settings.AUTH_USER_MODEL, ...): the migration is written against the setting.
 *     author: fields.foreignKey(() => getUserModel(), { onDelete: 'CASCADE', relatedName: 'blogPosts' }),
 *   }) {
 *     override toString() {
 *       return this.title;
 *     }
 *   }
 *
 * then run `npx manouche makemigrations {{ app_name }}` and `npx manouche migrate`.
 */
export {};

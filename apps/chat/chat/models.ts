/** A message said in a room: kept so a room shows its recent history and the index lists active rooms. */
import { Model, fields } from 'manouche/orm';

export class Message extends Model.define(
  {
    room: fields.slug({ maxLength: 99 }),
    author: fields.char({ maxLength: 150 }),
    text: fields.text(),
    created: fields.dateTime({ autoNowAdd: true }),
  },
  { ordering: ['created'] },
) {
  override toString(): string {
    return `${this.author} in ${this.room}: ${this.text.slice(0, 40)}`;
  }
}

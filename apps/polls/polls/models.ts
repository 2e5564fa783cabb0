/** The tutorial's models: a Question with its Choices, each counting votes. */
import { Manager, Model, fields, type RelatedManager } from 'manouche/orm';

export class Question extends Model.define({
  questionText: fields.char({ maxLength: 200 }),
  pubDate: fields.dateTime({ verboseName: 'date published' }),
}) {
  static override objects = new Manager<Question>(this);
  declare choices: RelatedManager<Choice>;

  override toString(): string {
    return this.questionText;
  }

  /** Published within the last day, and not in the future. */
  wasPublishedRecently(now = new Date()): boolean {
    return now.getTime() - 86_400_000 <= this.pubDate.getTime() && this.pubDate.getTime() <= now.getTime();
  }
}

export class Choice extends Model.define({
  question: fields.foreignKey(() => Question, { onDelete: 'CASCADE', relatedName: 'choices' }),
  choiceText: fields.char({ maxLength: 200 }),
  votes: fields.integer({ default: 0 }),
}) {
  static override objects = new Manager<Choice>(this);

  override toString(): string {
    return this.choiceText;
  }
}

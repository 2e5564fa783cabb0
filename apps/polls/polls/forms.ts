/** The vote form (one of the question's choices, as radio buttons) and the formset that edits a question's choices. */
import { Form, forms, inlineFormsetFactory, RadioSelect, type FormOptions } from 'manouche/forms';
import type { Model, QuerySet } from 'manouche/orm';
import { Choice, Question } from './models.js';

/** A vote: one choice of the question given to the constructor (any other choice is "not one of the available choices"). */
export class VoteForm extends Form.define({
  choice: forms.modelChoice({
    queryset: Choice.objects,
    widget: RadioSelect,
    emptyLabel: null,
    errorMessages: { required: "You didn't select a choice." },
  }),
}) {
  constructor(question: Question, options: FormOptions = {}) {
    super(options);
    // As in Django's __init__: each form narrows its own copy of the field.
    this.fields.choice.queryset = question.choices.all() as unknown as QuerySet<Model>;
  }
}

/** A question's choices, two blank ones to add, each deletable; at most 10. */
export const ChoiceFormSet = inlineFormsetFactory(Question, Choice, {
  fields: ['choiceText'],
  labels: { choiceText: 'Choice' },
  extra: 2,
  maxNum: 10,
  validateMax: true,
});

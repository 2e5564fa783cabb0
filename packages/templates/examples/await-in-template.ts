// A template that awaits: the view passes the question, the template awaits its choices.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTemplateEngine } from '@manouche/templates';

const here = path.dirname(fileURLToPath(import.meta.url));
export const engine = createTemplateEngine({ dirs: [path.join(here, 'templates')] });

// With @manouche/orm, `question.choiceSet.all()` returns a QuerySet; any promise is awaited the same way.
const choices = [
  { choiceText: 'Not much', votes: 2 },
  { choiceText: 'The sky', votes: 1 },
];
export const question = {
  questionText: "What's up?",
  choiceSet: { all: async () => choices, count: async () => choices.length },
};

export function renderResults(): Promise<string> {
  return engine.render('polls/results.html', { question });
}

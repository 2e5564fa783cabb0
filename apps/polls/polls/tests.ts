/**
 * The polls tutorial's part 5 tests, ported from Django's `polls/tests.py`. Run them with
 * `npx manouche test polls`: each test runs in a transaction rolled back at its end, on a test
 * database migrated with the project's migrations.
 */
import { describe, expect, it } from 'vitest';
import { reverse } from 'manouche/core';
import { Client, assertContains, assertQuerysetEqual } from 'manouche/test';
import { Question } from './models.js';

const DAY = 86_400_000;

/**
 * Create a question with the given `questionText` and published the given number of `days`
 * offset to now (negative for questions published in the past, positive for questions that
 * have yet to be published).
 */
function createQuestion(questionText: string, days: number): Promise<Question> {
  return Question.objects.create({ questionText, pubDate: new Date(Date.now() + days * DAY) });
}

/** The question list the index page was rendered with. */
function latestQuestions(response: { context?: Record<string, unknown> }): Question[] {
  return response.context?.latest_question_list as Question[];
}

describe('Question model', () => {
  it('wasPublishedRecently() returns false for questions whose pubDate is in the future', () => {
    const futureQuestion = new Question({ pubDate: new Date(Date.now() + 30 * DAY) });
    expect(futureQuestion.wasPublishedRecently()).toBe(false);
  });

  it('wasPublishedRecently() returns false for questions whose pubDate is older than 1 day', () => {
    const oldQuestion = new Question({ pubDate: new Date(Date.now() - DAY - 1000) });
    expect(oldQuestion.wasPublishedRecently()).toBe(false);
  });

  it('wasPublishedRecently() returns true for questions whose pubDate is within the last day', () => {
    const recentQuestion = new Question({ pubDate: new Date(Date.now() - DAY + 1000) });
    expect(recentQuestion.wasPublishedRecently()).toBe(true);
  });
});

describe('Question index view', () => {
  it('displays an appropriate message if no questions exist', async () => {
    const response = await new Client().get(reverse('polls:index'));
    expect(response.status).toBe(200);
    assertContains(response, 'No polls are available.');
    await assertQuerysetEqual(latestQuestions(response), []);
  });

  it('displays questions with a pubDate in the past on the index page', async () => {
    const question = await createQuestion('Past question.', -30);
    const response = await new Client().get(reverse('polls:index'));
    await assertQuerysetEqual(latestQuestions(response), [question]);
  });

  it("doesn't display questions with a pubDate in the future on the index page", async () => {
    await createQuestion('Future question.', 30);
    const response = await new Client().get(reverse('polls:index'));
    assertContains(response, 'No polls are available.');
    await assertQuerysetEqual(latestQuestions(response), []);
  });

  it('displays only past questions, even if both past and future questions exist', async () => {
    const question = await createQuestion('Past question.', -30);
    await createQuestion('Future question.', 30);
    const response = await new Client().get(reverse('polls:index'));
    await assertQuerysetEqual(latestQuestions(response), [question]);
  });

  it('may display multiple questions', async () => {
    const question1 = await createQuestion('Past question 1.', -30);
    const question2 = await createQuestion('Past question 2.', -5);
    const response = await new Client().get(reverse('polls:index'));
    await assertQuerysetEqual(latestQuestions(response), [question2, question1]);
  });
});

describe('Question detail view', () => {
  it('returns a 404 not found for a question with a pubDate in the future', async () => {
    const futureQuestion = await createQuestion('Future question.', 5);
    const response = await new Client().get(reverse('polls:detail', { args: [futureQuestion.id] }));
    expect(response.status).toBe(404);
  });

  it('displays the question text of a question with a pubDate in the past', async () => {
    const pastQuestion = await createQuestion('Past Question.', -5);
    const response = await new Client().get(reverse('polls:detail', { args: [pastQuestion.id] }));
    assertContains(response, pastQuestion.questionText);
  });
});

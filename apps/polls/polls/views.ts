/**
 * The tutorial's views, the generic way: index, detail and results are generic views; vote reads a
 * bound form. Beyond the tutorial, the pages that manage polls are for logged-in users with the
 * model's permissions: upcoming questions, a preview of any question, and creating and editing
 * questions with a success message.
 */
import { F, type Model, type QuerySet } from 'manouche/orm';
import { getObjectOr404, HttpResponseNotAllowed, HttpResponseRedirect, render, reverse, type HttpRequest } from 'manouche/core';
import { LoginRequiredMixin, permissionRequired, PermissionRequiredMixin } from 'manouche/contrib/auth';
import { SuccessMessageMixin } from 'manouche/contrib/messages';
import { CreateView, DetailView, ListView, UpdateView } from 'manouche/views';
import { ChoiceFormSet, VoteForm } from './forms.js';
import { Choice, Question } from './models.js';

/** The questions already published (none dated in the future). */
function publishedQuestions(): QuerySet<Model> {
  return Question.objects.filter({ pubDate__lte: new Date() }) as unknown as QuerySet<Model>;
}

/** `polls:index`: the five latest published questions. */
export class IndexView extends ListView {
  override templateName = 'polls/index.html';
  override contextObjectName = 'latest_question_list';
  override getQueryset(): QuerySet<Model> {
    return publishedQuestions()
      .orderBy('-pubDate' as never)
      .slice(0, 5);
  }
}

/** `polls:detail`: a published question with its voting form. */
export class QuestionDetailView extends DetailView {
  override model = Question as never;
  override templateName = 'polls/detail.html';
  override getQueryset(): QuerySet<Model> {
    return publishedQuestions();
  }
  override async getContextData(kwargs: Record<string, unknown>): Promise<Record<string, unknown>> {
    const form = new VoteForm(this.object as unknown as Question);
    await form.loadChoices();
    return { ...(await super.getContextData(kwargs)), form };
  }
}

/** `polls:results`: the vote counts. */
export class ResultsView extends DetailView {
  override model = Question as never;
  override templateName = 'polls/results.html';
  override getQueryset(): QuerySet<Model> {
    return publishedQuestions();
  }
  override async getContextData(kwargs: Record<string, unknown>): Promise<Record<string, unknown>> {
    const choices = await (this.object as unknown as Question).choices.all().orderBy('pk');
    return { ...(await super.getContextData(kwargs)), choices };
  }
}

/** `polls:vote`: POST only; counts a vote for the chosen choice, or shows the question again with a 400. */
export async function vote(request: HttpRequest, kwargs: { question_id: number }) {
  if (request.method !== 'POST') return new HttpResponseNotAllowed(['POST']);
  const question = await getObjectOr404(Question.objects.filter({ pubDate__lte: new Date() }), { pk: kwargs.question_id });
  const form = new VoteForm(question, { data: await request.post() });
  if (!(await form.isValid())) {
    await form.loadChoices();
    return render(request, 'polls/detail.html', { question, form, error_message: form.errors.get('choice')!.messages[0] }, { status: 400 });
  }
  // F() adds one in the database, so two votes at once both count.
  await Choice.objects.filter({ pk: form.cleanedData.choice.pk }).update({ votes: F('votes').add(1) });
  return new HttpResponseRedirect(reverse('polls:results', { args: [question.pk] }));
}

/** `polls:choices`: edit, add and delete a question's choices with an inline formset (needs `polls.change_choice`). */
export const editChoices = permissionRequired('polls.change_choice', async (request: HttpRequest, kwargs: Record<string, unknown>) => {
  const question = await getObjectOr404(Question, { pk: kwargs.question_id as number });
  if (request.method === 'POST') {
    const formset = new ChoiceFormSet({ instance: question, data: await request.post() });
    if (await formset.isValid()) {
      await formset.save();
      return new HttpResponseRedirect(reverse('polls:choices', { args: [question.pk] }));
    }
    await formset.loadChoices();
    return render(request, 'polls/choices.html', { question, formset }, { status: 400 });
  }
  const formset = new ChoiceFormSet({ instance: question });
  await formset.loadChoices();
  return render(request, 'polls/choices.html', { question, formset });
});

/** `polls:upcoming`: the questions not yet published, soonest first, for logged-in users. */
export class UpcomingView extends LoginRequiredMixin(ListView) {
  override templateName = 'polls/upcoming.html';
  override contextObjectName = 'upcoming_questions';
  override getQueryset(): QuerySet<Model> {
    return Question.objects.filter({ pubDate__gt: new Date() }).orderBy('pubDate') as unknown as QuerySet<Model>;
  }
}

/** `polls:preview`: any question, published or not, with its choices (needs `polls.view_question`). */
export class PreviewView extends PermissionRequiredMixin(DetailView) {
  override permissionRequired = 'polls.view_question';
  override model = Question as never;
  override templateName = 'polls/preview.html';
  override async getContextData(kwargs: Record<string, unknown>): Promise<Record<string, unknown>> {
    const choices = await (this.object as unknown as Question).choices.all().orderBy('pk');
    return { ...(await super.getContextData(kwargs)), choices };
  }
}

/** Where a saved question is shown: its preview. */
function previewUrl(question: Model | null): string {
  return reverse('polls:preview', { args: [question!.pk] });
}

/** `polls:new`: a new question (needs `polls.add_question`); "… was created." after the redirect. */
export class QuestionCreateView extends PermissionRequiredMixin(SuccessMessageMixin(CreateView)) {
  override permissionRequired = 'polls.add_question';
  override model = Question as never;
  override fields = ['questionText', 'pubDate'];
  override successMessage = '“%(questionText)s” was created.';
  override getSuccessUrl(): string {
    return previewUrl(this.object);
  }
}

/** `polls:edit`: edit a question (needs `polls.change_question`); "… was saved." after the redirect. */
export class QuestionUpdateView extends PermissionRequiredMixin(SuccessMessageMixin(UpdateView)) {
  override permissionRequired = 'polls.change_question';
  override model = Question as never;
  override fields = ['questionText', 'pubDate'];
  override successMessage = '“%(questionText)s” was saved.';
  override getSuccessUrl(): string {
    return previewUrl(this.object);
  }
}

/**
 * The polls URLs: the tutorial's `polls:index`, `polls:detail`, `polls:results`, `polls:vote`, and the
 * pages that manage polls: `polls:choices`, `polls:upcoming`, `polls:preview`, `polls:new`, `polls:edit`.
 */
import { path } from 'manouche/routing';
import { editChoices, IndexView, PreviewView, QuestionCreateView, QuestionDetailView, QuestionUpdateView, ResultsView, UpcomingView, vote } from './views.js';

export const appName = 'polls';

export default [
  path('', IndexView.asView(), { name: 'index' }),
  path('<int:pk>/', QuestionDetailView.asView(), { name: 'detail' }),
  path('<int:pk>/results/', ResultsView.asView(), { name: 'results' }),
  path('<int:question_id>/vote/', vote, { name: 'vote' }),
  path('<int:question_id>/choices/', editChoices, { name: 'choices' }),
  path('upcoming/', UpcomingView.asView(), { name: 'upcoming' }),
  path('<int:pk>/preview/', PreviewView.asView(), { name: 'preview' }),
  path('new/', QuestionCreateView.asView(), { name: 'new' }),
  path('<int:pk>/edit/', QuestionUpdateView.asView(), { name: 'edit' }),
];

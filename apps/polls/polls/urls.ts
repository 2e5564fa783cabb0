/** The polls URLs: `polls:index`, `polls:detail`, `polls:results`, `polls:vote`, `polls:choices`. */
import { path } from 'manouche/routing';
import { editChoices, IndexView, QuestionDetailView, ResultsView, vote } from './views.js';

export const appName = 'polls';

export default [
  path('', IndexView.asView(), { name: 'index' }),
  path('<int:pk>/', QuestionDetailView.asView(), { name: 'detail' }),
  path('<int:pk>/results/', ResultsView.asView(), { name: 'results' }),
  path('<int:question_id>/vote/', vote, { name: 'vote' }),
  path('<int:question_id>/choices/', editChoices, { name: 'choices' }),
];

/**
 * The tutorial's part 7: questions with their choices edited inline (three blank ones), the date
 * in a collapsible section, a boolean "published recently?" column, a date filter and search.
 */
import { admin } from 'manouche/contrib/admin';
import { Choice, Question } from './models.js';

admin.display(Question.prototype.wasPublishedRecently, { boolean: true, ordering: 'pubDate', description: 'Published recently?' });

admin.register(Question, {
  fieldsets: [
    [null, { fields: ['questionText'] }],
    ['Date information', { fields: ['pubDate'], classes: ['collapse'] }],
  ],
  inlines: [admin.tabularInline(Choice, { extra: 3 })],
  listDisplay: ['questionText', 'pubDate', 'wasPublishedRecently'],
  listFilter: ['pubDate'],
  searchFields: ['questionText'],
});

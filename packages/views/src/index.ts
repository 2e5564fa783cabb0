/** Paginator and Page. */
export { Paginator, Page, type Paginatable, type PaginatorOptions, type QueryLike } from './paginator.js';
/** A (paginated) list of objects. */
export { ListView } from './list-view.js';
/** One object by pk or slug. */
export { DetailView } from './detail-view.js';
/** A page with a form. */
export { FormView, type FormConstructor } from './form-view.js';
/** Create, edit and delete one object. */
export { ModelFormView, CreateView, UpdateView, DeleteView } from './model-edit-views.js';
/** Date-based archives and the date-based detail page. */
export { ArchiveIndexView, YearArchiveView, MonthArchiveView, DayArchiveView, DateDetailView } from './date-views.js';
/** The errors this package raises. */
export { InvalidPage, PageNotAnInteger, EmptyPage, ViewConfigurationError } from './errors.js';

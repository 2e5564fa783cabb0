/** `manouche/views`: everything `@manouche/views` exports (generic views, Paginator). */
export * from '@manouche/views';

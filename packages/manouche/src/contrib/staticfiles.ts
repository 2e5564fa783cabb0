/** `manouche/contrib/staticfiles`: finders, collectstatic/findstatic, `static()` and the static file server. */
export * from '@manouche/contrib-staticfiles';

/** `manouche/contrib/sessions`: Django's sessions app (`request.session`, the session stores, `SessionMiddleware`). */
export * from '@manouche/contrib-sessions';

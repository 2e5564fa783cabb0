/** `manouche/contrib/auth`: Django's auth app (`loginRequired`, `authenticate`, `login`, `User`, the auth views). */
export * from '@manouche/contrib-auth';

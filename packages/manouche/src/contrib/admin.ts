/** `manouche/contrib/admin`: Django's admin site (`admin.register(Post, { listDisplay: ['title'] })`, `path('admin/', admin.site.urls)`). */
export * from '@manouche/contrib-admin';

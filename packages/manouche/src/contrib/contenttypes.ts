/** `manouche/contrib/contenttypes`: Django's contenttypes app (`ContentType.objects.getForModel(Post)`). */
export * from '@manouche/contrib-contenttypes';

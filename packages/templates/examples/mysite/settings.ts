// The README's TEMPLATES setting; test/readme-example.test.ts builds the engine from it.
// mysite/settings.ts
export default {
  TEMPLATES: [
    {
      BACKEND: 'manouche.templates',
      DIRS: ['templates'],            // relative to BASE_DIR
      APP_DIRS: true,                 // then <app>/templates/ of each installed app, in INSTALLED_APPS order
      OPTIONS: {
        contextProcessors: [
          'manouche.templates.context_processors.debug',
          'manouche.templates.context_processors.request',
          'blog.context_processors.categories',   // loaded as module "blog.context_processors", export "categories"
        ],
      },
    },
  ],
};

# {{ project_name }}

A [Manouche](https://www.npmjs.com/package/manouche) project: Django's MTV framework for TypeScript.

```sh
npm install
npx manouche migrate            # create the SQLite database (db.sqlite3)
npx manouche createsuperuser    # an admin login (or --noinput with MANOUCHE_SUPERUSER_PASSWORD set)
npx manouche runserver          # http://127.0.0.1:8000/admin/
```

| command | what it does |
|---|---|
| `npx manouche startapp NAME` | creates an app; add it to `INSTALLED_APPS` in `{{ project_name }}/settings.ts` |
| `npx manouche makemigrations` | writes migrations for model changes |
| `npx manouche migrate` | applies them |
| `npx manouche test` | runs each app's tests.ts on a fresh test database |
| `npx manouche runserver 127.0.0.1:8001 --settings={{ project_name }}.settings` | runs with a given settings module |
| `npx manouche check --deploy` | checks the project before deploying |
| `npx manouche shell` | a REPL with the settings and models loaded |
| `npx manouche build && node dist/server.mjs` | a production bundle and its server |
| `npx manouche help` | every command |

Settings live in `{{ project_name }}/settings.ts` (for PostgreSQL or MySQL/MariaDB, set `DATABASES.default` to
`'postgres://user@host:5432/name'` or `'mysql://user@host:3306/name'` and `npm install pg` or `mysql2`); URLs in `{{ project_name }}/urls.ts`;
`{{ project_name }}/asgi.ts` exports the gateway application for any compatible server.
Keep `SECRET_KEY` secret: in production set it from the `MANOUCHE_SECRET_KEY` environment variable.

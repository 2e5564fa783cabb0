/**
 * A small site for the generic views tests: the test models on a fresh database of one dialect,
 * the URLconf given, the templates in test/templates, served over a real socket by @manouche/server.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApplication } from '@manouche/core';
import { closeOrmConnections, configureOrm, connection, fields, Manager, Model, modelStates, registerModels } from '@manouche/orm';
import { createModelTables } from '@manouche/migrations';
import { createTestDatabase, type TestDatabase } from '@manouche/orm/testing';
import { createResolver, type UrlEntry } from '@manouche/routing';
import { serve, type Server } from '@manouche/server';
import { loadSettings } from '@manouche/settings';
import { createTemplateEngine } from '@manouche/templates';

export class Article extends Model.define(
  {
    title: fields.char({ maxLength: 100 }),
    slug: fields.slug({ maxLength: 100, unique: true }),
    publish: fields.dateTime(),
    day: fields.date({ null: true, blank: true }),
  },
  { ordering: ['-publish'] },
) {
  static override objects = new Manager<Article>(this);
  override toString() {
    return this.title;
  }
  getAbsoluteUrl() {
    return `/articles/${String(this.pk)}/`;
  }
}

registerModels('viewstest', { Article });

const here = path.dirname(fileURLToPath(import.meta.url));

export interface Site {
  url: string;
  db: TestDatabase;
  close(): Promise<void>;
}

/** Serves `urlpatterns` on a fresh database of `dialect`, with TIME_ZONE `timeZone` (USE_TZ on). */
export async function startSite(dialect: Parameters<typeof createTestDatabase>[0], urlpatterns: UrlEntry<unknown>[], timeZone = 'UTC'): Promise<Site> {
  const db = await createTestDatabase(dialect);
  configureOrm({ databases: { default: db.settings }, useTz: true, timeZone });
  await createModelTables(connection(), modelStates('viewstest'), { useTz: true });
  const settings = loadSettings({
    values: {
      SECRET_KEY: 'views-tests-secret-key-that-is-long-enough-1234567890',
      DEBUG: false,
      ALLOWED_HOSTS: ['127.0.0.1'],
      USE_TZ: true,
      TIME_ZONE: timeZone,
    },
    source: 'views test settings',
    baseDir: here,
    env: {},
  });
  const urls = await createResolver(urlpatterns);
  const templates = createTemplateEngine({
    dirs: [path.join(here, '..', 'templates')],
    timeZone,
    globals: { url: (name, args) => urls.reverse(name, Array.isArray(args) ? { args: [...args] } : { kwargs: args as Record<string, unknown> | undefined }) },
  });
  const app = createApplication({ settings, urls, templates, middleware: [] });
  const server: Server = await serve(app, { host: '127.0.0.1', port: 0, announce: false, accessLog: false, handleSignals: false });
  return {
    url: server.url.replace(/\/$/, ''),
    db,
    async close() {
      await server.close();
      await closeOrmConnections();
      await db.drop();
    },
  };
}

/** Sends a form as application/x-www-form-urlencoded. */
export function postForm(url: string, data: Record<string, string | string[]>): Promise<Response> {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(data)) for (const item of [value].flat()) body.append(key, item);
  return fetch(url, { method: 'POST', body, redirect: 'manual' });
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AsgiApplication } from '@manouche/asgi';
import { createStaticUrl, hashFiles, MANIFEST_NAME, serveStaticFiles } from '@manouche/contrib-staticfiles';

// What collectstatic writes: the file under its hashed name, and the manifest.
const staticRoot = mkdtempSync(path.join(tmpdir(), 'static-root-'));
const source = path.join(staticRoot, 'style.css');
writeFileSync(source, 'body { color: green; }');
const hashed = hashFiles([{ name: 'style.css', absolute: source }], { staticUrl: '/static/' }).get('style.css')!.hashedName;
writeFileSync(path.join(staticRoot, hashed), 'body { color: green; }');
writeFileSync(path.join(staticRoot, MANIFEST_NAME), JSON.stringify({ version: '1.1', paths: { 'style.css': hashed }, hash: '' }));

// Templates get hashed URLs; the server answers them with a one-year immutable Cache-Control.
export const staticUrl = createStaticUrl({ staticUrl: '/static/', staticRoot, debug: false });
const project: AsgiApplication = async (_scope, _receive, send) => {
  await send({ type: 'http.response.start', status: 404 });
  await send({ type: 'http.response.body' });
};
export const app = serveStaticFiles(project, { prefix: '/static/', root: staticRoot, isImmutable: (name) => name === hashed });

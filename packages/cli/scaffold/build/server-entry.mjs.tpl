// The production entry of this project, written by `manouche build`: every project module is
// bundled here, so nothing is compiled at run time. Run: node dist/server.mjs [addr:port]
import { serveBuiltProject } from 'manouche/serve';

const modules = {
{{ modules }}
};

await serveBuiltProject({
  baseDir: new URL({{ base_dir }} + '/', import.meta.url),
  settingsModule: {{ settings_module }},
  modules,
  argv: process.argv.slice(2),
});

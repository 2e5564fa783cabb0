/**
 * Which templates a request rendered, with their context (Django's instrumented test renderer):
 * the engine's `render` is wrapped once, and each Client request collects into its own list.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { TemplateEngine } from '@manouche/contracts';

/**
 * One rendered template.
 *
 * @example
 * const [first]: RenderedTemplate[] = (await client.get('/polls/')).renderedTemplates;
 * first?.context.latestQuestionList; // what the view passed
 */
export interface RenderedTemplate {
  /** The template's name (the first candidate that exists when several were given). */
  readonly name: string;
  readonly context: Record<string, unknown>;
}

const collecting = new AsyncLocalStorage<RenderedTemplate[]>();
const instrumented = new WeakSet<TemplateEngine>();

/**
 * Wraps `engine.render` so renders inside `captureTemplates` are recorded. Idempotent.
 *
 * @example
 * instrumentTemplateEngine(await project.templates()); // once, before the requests whose templates are captured
 */
export function instrumentTemplateEngine(engine: TemplateEngine): void {
  if (instrumented.has(engine)) return;
  instrumented.add(engine);
  const render = engine.render.bind(engine);
  engine.render = async (name, context, request) => {
    const list = collecting.getStore();
    if (list) {
      const names = typeof name === 'string' ? [name] : [...name];
      list.push({ name: names.find((candidate) => engine.exists(candidate)) ?? names[0] ?? '', context: { ...(context ?? {}) } });
    }
    return render(name, context, request);
  };
}

/**
 * Runs `fn`, returning what it returned and the templates rendered meanwhile.
 *
 * @example
 * const { templates } = await captureTemplates(() => engine.render('polls/index.html', { latestQuestionList: [] }));
 * templates[0]!.name; // 'polls/index.html'
 */
export async function captureTemplates<T>(fn: () => Promise<T>): Promise<{ result: T; templates: RenderedTemplate[] }> {
  const templates: RenderedTemplate[] = [];
  const result = await collecting.run(templates, fn);
  return { result, templates };
}

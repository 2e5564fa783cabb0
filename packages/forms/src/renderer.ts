/**
 * How forms, fields and widgets become HTML (Django's form renderers). The default renderer uses
 * the built-in layouts written as functions, unless the project's template folders hold a file
 * with the same name (`django/forms/div.html`, `django/forms/widgets/text.html`, …): then that
 * file is rendered, as Django's TemplatesSetting would. `TemplatesSetting` renders every form and
 * field through template files, the project's first, then the ones shipped in this package.
 */
import { fileURLToPath } from 'node:url';
import { createTemplateEngine, type ManoucheTemplateEngine, type TemplateEngineOptions } from '@manouche/templates';
import type { BoundField } from './bound-field.js';
import { ErrorList, type ErrorListRenderer } from './error-list.js';
import { FormsConfigurationError } from './errors.js';
import type { BaseForm } from './form.js';
import { divField, divForm, pForm, tableForm, ulForm, type FieldTemplate, type FormRenderContext, type FormTemplate } from './layouts.js';
import type { Attrs, Widget } from './widgets/widget.js';

/**
 * The folder of the built-in template files (`django/forms/div.html`, …), searched after the project's.
 *
 * @example
 * new FormRenderer({ dirs: [path.join(baseDir, 'templates'), BUILTIN_TEMPLATES_DIR] });
 */
export const BUILTIN_TEMPLATES_DIR = fileURLToPath(new URL('../templates/', import.meta.url));

/**
 * The layouts a form can be rendered with: a short name (`div`, `p`, `ul`, `table`) or a template file name.
 *
 * @example
 * form.render('p' satisfies LayoutName);
 * form.render('forms/custom.html');
 */
export type LayoutName = 'div' | 'p' | 'ul' | 'table' | (string & {});

/**
 * Django's names of the built-in form templates, by layout.
 *
 * @example
 * FORM_TEMPLATE_FILES.div; // 'django/forms/div.html': put templates/django/forms/div.html in the project to override it
 */
export const FORM_TEMPLATE_FILES = {
  div: 'django/forms/div.html',
  p: 'django/forms/p.html',
  ul: 'django/forms/ul.html',
  table: 'django/forms/table.html',
} as const;
/**
 * Django's name of the field template (`asFieldGroup()`).
 *
 * @example
 * FIELD_TEMPLATE_FILE; // 'django/forms/field.html', what form.get('email').asFieldGroup() renders
 */
export const FIELD_TEMPLATE_FILE = 'django/forms/field.html';
/**
 * Django's name of the error list template (`errors.asUl()`, how error lists print).
 *
 * @example
 * ERROR_LIST_TEMPLATE_FILE; // 'django/forms/errors/list/ul.html', what form.errors.get('email').asUl() renders
 */
export const ERROR_LIST_TEMPLATE_FILE = 'django/forms/errors/list/ul.html';

const builtinLayouts: Record<string, FormTemplate> = {
  [FORM_TEMPLATE_FILES.div]: divForm,
  [FORM_TEMPLATE_FILES.p]: pForm,
  [FORM_TEMPLATE_FILES.ul]: ulForm,
  [FORM_TEMPLATE_FILES.table]: tableForm,
};
const builtinFunctions = new Set<FormTemplate>([divForm, pForm, ulForm, tableForm]);

/**
 * Options of a renderer.
 *
 * @example
 * setDefaultRenderer(new FormRenderer({ dirs: ['templates'], debug: true, globals: { static: (p: string) => `/static/${p}` } }));
 */
export interface FormRendererOptions {
  /** Layouts written as functions, by short name or file name; they win over files. */
  templates?: Record<string, FormTemplate>;
  /** The field template as a function (default: Django 5's `field.html` as a function). */
  field?: FieldTemplate;
  /** The project's template folders (TEMPLATES' DIRS, then the apps'); their files override the built-ins. */
  dirs?: readonly string[];
  /** Debug mode: template files are looked up again on every render, so edits show at once. */
  debug?: boolean;
  /** `static()`, `url()` and other functions the template files may call. */
  globals?: TemplateEngineOptions['globals'];
}

/**
 * Renders forms, fields and widgets. The default one (Django's FORM_RENDERER) is fast: built-in
 * layouts are functions, and a file is rendered only when the project overrides it. Give a form
 * (`renderer` option) or every form (`setDefaultRenderer`) another one to change the HTML.
 *
 * @example
 * // Project-wide, as the meta-package does from TEMPLATES: templates/django/forms/div.html wins.
 * setDefaultRenderer(new FormRenderer({ dirs: ['templates'], globals: { static: (p) => `/static/${p}` } }));
 * // One form, with a layout as a function:
 * const renderer = new FormRenderer({ templates: { div: (ctx) => ctx.fields.map(([f]) => `<p>${f.asFieldGroup()}</p>`).join('') } });
 */
export class FormRenderer implements ErrorListRenderer {
  readonly templates: Record<string, FormTemplate>;
  readonly fieldTemplate: FieldTemplate;
  /** Whether the field template is a function given to this renderer (it then wins over files). */
  private readonly customField: boolean;
  readonly dirs: readonly string[];
  readonly debug: boolean;
  private readonly globals: TemplateEngineOptions['globals'];
  private fullEngine: ManoucheTemplateEngine | undefined;
  private projectEngine: ManoucheTemplateEngine | undefined;
  private readonly overridden = new Map<string, boolean>();

  constructor(options: FormRendererOptions = {}) {
    this.templates = { div: divForm, p: pForm, ul: ulForm, table: tableForm, ...options.templates };
    this.fieldTemplate = options.field ?? divField;
    this.customField = options.field !== undefined;
    this.dirs = [...(options.dirs ?? [])];
    this.debug = options.debug ?? false;
    this.globals = options.globals;
  }

  /** The engine over the project's folders, then the built-in templates. */
  get engine(): ManoucheTemplateEngine {
    this.fullEngine ??= createTemplateEngine({ dirs: [...this.dirs, BUILTIN_TEMPLATES_DIR], debug: this.debug, globals: this.globals });
    return this.fullEngine;
  }

  /** Whether the project's folders hold a file called `name` (then it replaces the built-in). */
  isOverridden(name: string): boolean {
    if (this.dirs.length === 0 || name === '') return false;
    let found = this.debug ? undefined : this.overridden.get(name);
    if (found === undefined) {
      this.projectEngine ??= createTemplateEngine({ dirs: this.dirs, debug: true });
      found = this.projectEngine.exists(name);
      if (!this.debug) this.overridden.set(name, found);
    }
    return found;
  }

  /** Whether `name` is rendered from its template file rather than a built-in function. */
  protected usesFile(name: string): boolean {
    return this.isOverridden(name);
  }

  /** The form's HTML with `templateName` (a layout's short name, or a template file name). */
  renderForm(form: BaseForm, templateName: LayoutName): string {
    const file = layoutFile(form, templateName);
    const given = this.templates[templateName] ?? this.templates[file];
    if (given && !builtinFunctions.has(given)) return given(this.context(form));
    const builtin = builtinLayouts[file];
    if (builtin && !this.usesFile(file)) return builtin(this.context(form));
    return this.engine.renderSync(file, { ...this.context(form) }).trim();
  }

  /** One field's HTML with the field template (`asFieldGroup()`). */
  renderField(field: BoundField): string {
    const file = field.field.templateName ?? FIELD_TEMPLATE_FILE;
    if (file === FIELD_TEMPLATE_FILE && (this.customField || !this.usesFile(file))) return this.fieldTemplate(field);
    return this.engine.renderSync(file, { field }).trim();
  }

  /** A widget's HTML: its template file when the project overrides it, else the widget's own `render()`. */
  renderWidget(widget: Widget, name: string, value: unknown, attrs: Attrs = {}): string {
    if (widget.templateName && this.usesWidgetFile(widget.templateName))
      return this.engine.renderSync(widget.templateName, { widget: widget.getContext(name, value, attrs) }).trim();
    return widget.render(name, value, attrs);
  }

  /** An error list from `django/forms/errors/list/ul.html` when that file is used, else undefined (the built-in HTML). */
  renderErrorList(list: ErrorList): string | undefined {
    if (!this.usesFile(ERROR_LIST_TEMPLATE_FILE)) return undefined;
    return this.engine.renderSync(ERROR_LIST_TEMPLATE_FILE, { errors: list.entries, errorClass: list.errorClass }).trim();
  }

  /**
   * A formset's HTML from `django/forms/formsets/<layout>.html` (`it.formset`, `it.forms`) when that
   * file is used, else undefined (the management form, then each form's layout).
   */
  renderFormset(formset: { managementForm: unknown; forms: readonly unknown[] }, layout: string): string | undefined {
    const file = `django/forms/formsets/${layout}.html`;
    if (!['div', 'p', 'ul', 'table'].includes(layout) || !this.usesFile(file)) return undefined;
    return this.engine.renderSync(file, { formset, forms: formset.forms, layout }).trim();
  }

  /** Whether a widget renders through its template file. */
  protected usesWidgetFile(name: string): boolean {
    return this.isOverridden(name);
  }

  /** The context form templates get (`it.form`, `it.fields`, `it.hiddenFields`, `it.errors`). */
  context(form: BaseForm): FormRenderContext {
    const top = new ErrorList([...form.nonFieldErrors().entries], 'nonfield', this);
    const fields: Array<[BoundField, ErrorList]> = [];
    const hiddenFields: BoundField[] = [];
    for (const field of form.boundFieldList()) {
      const errors = field.errors;
      if (field.isHidden) {
        for (const entry of errors.entries) top.entries.push({ ...entry, message: `(Hidden field ${field.name}) ${entry.message}` });
        hiddenFields.push(field);
      } else {
        fields.push([field, errors]);
      }
    }
    return { form, fields, hiddenFields, errors: top };
  }
}

/**
 * Django's TemplatesSetting: every form and field is rendered from a template file, the project's
 * folders first, then the built-in files; widgets too, for each widget whose file exists.
 * Slower than the default renderer (see the package README), and the same HTML.
 *
 * @example
 * setDefaultRenderer(new TemplatesSetting({ dirs: ['templates'] }));
 */
export class TemplatesSetting extends FormRenderer {
  private readonly widgetFiles = new Map<string, boolean>();

  protected override usesFile(): boolean {
    return true;
  }

  protected override usesWidgetFile(name: string): boolean {
    let found = this.debug ? undefined : this.widgetFiles.get(name);
    if (found === undefined) {
      found = this.engine.exists(name);
      if (!this.debug) this.widgetFiles.set(name, found);
    }
    return found;
  }
}

/** The FORM_RENDERER names, Manouche's and Django's spellings. */
const rendererClasses: Record<string, new (options: FormRendererOptions) => FormRenderer> = {
  'manouche.forms.renderers.DjangoTemplates': FormRenderer,
  'manouche.forms.renderers.TemplatesSetting': TemplatesSetting,
  'django.forms.renderers.DjangoTemplates': FormRenderer,
  'django.forms.renderers.TemplatesSetting': TemplatesSetting,
};

/**
 * The renderer FORM_RENDERER names, over the template folders of TEMPLATES (what the meta-package
 * installs with `setDefaultRenderer`).
 *
 * @example
 * setDefaultRenderer(formRendererFromSettings(settings.FORM_RENDERER, { dirs: engine.dirs, debug: settings.DEBUG }));
 */
export function formRendererFromSettings(name: string, options: Omit<FormRendererOptions, 'templates' | 'field'> = {}): FormRenderer {
  const Renderer = rendererClasses[name];
  if (!Renderer) throw new FormsConfigurationError(`Unknown FORM_RENDERER "${name}": expected one of ${Object.keys(rendererClasses).join(', ')}.`);
  return new Renderer(options);
}

/** `div` → the form's `templateNameDiv` (`django/forms/div.html`); a file name stays as it is. */
function layoutFile(form: BaseForm, templateName: LayoutName): string {
  switch (templateName) {
    case 'div':
      return form.templateNameDiv;
    case 'p':
      return form.templateNameP;
    case 'ul':
      return form.templateNameUl;
    case 'table':
      return form.templateNameTable;
    default:
      return templateName;
  }
}

let defaultRenderer = new FormRenderer();

/**
 * The renderer forms use unless they set their own.
 *
 * @example
 * const html = getDefaultRenderer().renderForm(form, 'div');
 */
export function getDefaultRenderer(): FormRenderer {
  return defaultRenderer;
}

/**
 * Replaces the renderer every form uses by default (Django's FORM_RENDERER).
 *
 * @example
 * setDefaultRenderer(new TemplatesSetting({ dirs: ['templates'] })); // Django's FORM_RENDERER = 'django.forms.renderers.TemplatesSetting'
 */
export function setDefaultRenderer(renderer: FormRenderer): void {
  defaultRenderer = renderer;
}

export { divField, divForm, pForm, tableForm, ulForm, type FieldTemplate, type FormRenderContext, type FormTemplate };

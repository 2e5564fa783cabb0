/** File inputs: the plain one, and the one that shows the current file and a "Clear" checkbox. */
import type { DataSource, FileSource } from '../form-data.js';
import { escapeHtml } from '../safe-html.js';
import { Input, type Attrs, type WidgetContext, type WidgetOptions } from './widget.js';

/** What `django/forms/widgets/clearable_file_input.html` gets besides the input's context. */
export interface ClearableFileInputContext extends WidgetContext {
  /** The file the field holds now (a link when it has a url), or null. */
  current: { name: string; url: string | null } | null;
  checkboxName: string;
  checkboxId: string;
  initialText: string;
  inputText: string;
  clearCheckboxLabel: string;
}

/**
 * What ClearableFileInput reads back when a file was uploaded and "Clear" ticked at once.
 *
 * @example
 * // POST with avatar-clear=on and a new file in avatar: the widget reads FILE_INPUT_CONTRADICTION and the field says
 * // 'Please either submit a file or check the clear checkbox, not both.'
 */
export const FILE_INPUT_CONTRADICTION: unique symbol = Symbol('FILE_INPUT_CONTRADICTION');
/**
 * What ClearableFileInput reads back when "Clear" was ticked.
 *
 * @example
 * widget.valueFromDatadict(await request.post(), await request.files(), 'avatar') === FILE_CLEARED; // avatar-clear=on, no file: the field cleans to null
 */
export const FILE_CLEARED: unique symbol = Symbol('FILE_CLEARED');

/**
 * `<input type="file">`; a file is never written back into the page.
 *
 * @example
 * attachment: forms.file({ widget: new FileInput({ attrs: { accept: '.pdf' } }) }),
 */
export class FileInput extends Input {
  override readonly needsMultipartForm = true;
  override templateName = 'django/forms/widgets/file.html';
  readonly allowMultipleSelected: boolean;
  constructor(options: WidgetOptions & { allowMultipleSelected?: boolean } = {}) {
    super('file', options);
    this.allowMultipleSelected = options.allowMultipleSelected ?? false;
  }
  override formatValue(): string | null {
    return null;
  }
  override getContext(name: string, _value: unknown, attrs: Attrs = {}): WidgetContext {
    return super.getContext(name, null, this.allowMultipleSelected ? { ...attrs, multiple: true } : attrs);
  }
  override render(name: string, _value: unknown, attrs: Attrs = {}): string {
    return super.render(name, null, this.allowMultipleSelected ? { ...attrs, multiple: true } : attrs);
  }
  override valueFromDatadict(_data: DataSource, files: FileSource, name: string): unknown {
    return this.allowMultipleSelected ? files.getAll(name) : files.get(name);
  }
  override valueOmittedFromData(_data: DataSource, files: FileSource, name: string): boolean {
    return !files.has(name);
  }
  /** A file input that already has a file need not be filled again. */
  override useRequiredAttribute(initial: unknown): boolean {
    return super.useRequiredAttribute(initial) && !initial;
  }
}

/**
 * A file input that shows the current file (a link when it has a `url`) and, for optional fields, a "Clear" checkbox.
 *
 * @example
 * avatar: forms.image({ required: false }), // rendered as ClearableFileInput: "Currently: …", a Clear checkbox and a new file input
 */
export class ClearableFileInput extends FileInput {
  clearCheckboxLabel = 'Clear';
  initialText = 'Currently';
  inputText = 'Change';
  override templateName = 'django/forms/widgets/clearable_file_input.html';

  /** The template's context: the input's, plus the current file and the "Clear" checkbox's name, id and texts. */
  override getContext(name: string, value: unknown, attrs: Attrs = {}): ClearableFileInputContext {
    const current = value && typeof value === 'object' && 'name' in value ? (value as { name: string; url?: string }) : null;
    return {
      ...super.getContext(name, null, attrs),
      current: current ? { name: current.name, url: current.url ?? null } : null,
      checkboxName: `${name}-clear`,
      checkboxId: `${name}-clear_id`,
      initialText: this.initialText,
      inputText: this.inputText,
      clearCheckboxLabel: this.clearCheckboxLabel,
    };
  }

  override render(name: string, value: unknown, attrs: Attrs = {}): string {
    const input = super.render(name, null, attrs);
    const current = value && typeof value === 'object' && 'name' in value ? (value as { name: string; url?: string }) : null;
    if (!current) return input;
    const label = current.url ? `<a href="${escapeHtml(current.url)}">${escapeHtml(current.name)}</a>` : escapeHtml(current.name);
    let out = `${this.initialText}: ${label}`;
    if (!this.isRequired) {
      const checkboxName = `${name}-clear`;
      const checkboxId = `${checkboxName}_id`;
      out += `\n<input type="checkbox" name="${escapeHtml(checkboxName)}" id="${escapeHtml(checkboxId)}"${attrs.disabled ? ' disabled' : ''}>\n<label for="${escapeHtml(checkboxId)}">${this.clearCheckboxLabel}</label>`;
    }
    return `${out}<br>\n${this.inputText}: ${input}`;
  }

  override valueFromDatadict(data: DataSource, files: FileSource, name: string): unknown {
    const upload = super.valueFromDatadict(data, files, name);
    const cleared = !this.isRequired && data.has(`${name}-clear`) && data.get(`${name}-clear`) !== 'false';
    if (cleared) return upload ? FILE_INPUT_CONTRADICTION : FILE_CLEARED;
    return upload;
  }
  override valueOmittedFromData(data: DataSource, files: FileSource, name: string): boolean {
    return super.valueOmittedFromData(data, files, name) && !data.has(`${name}-clear`);
  }
}

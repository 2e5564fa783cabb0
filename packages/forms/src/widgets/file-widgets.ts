/** File inputs: the plain one, and the one that shows the current file and a "Clear" checkbox. */
import type { DataSource, FileSource } from '../form-data.js';
import { escapeHtml } from '../safe-html.js';
import { Input, type Attrs, type WidgetOptions } from './widget.js';

/** What ClearableFileInput reads back when a file was uploaded and "Clear" ticked at once. */
export const FILE_INPUT_CONTRADICTION: unique symbol = Symbol('FILE_INPUT_CONTRADICTION');
/** What ClearableFileInput reads back when "Clear" was ticked. */
export const FILE_CLEARED: unique symbol = Symbol('FILE_CLEARED');

/** `<input type="file">`; a file is never written back into the page. */
export class FileInput extends Input {
  override readonly needsMultipartForm = true;
  // The file inputs keep their built-in HTML (their context is not a single input's).
  override templateName = '';
  readonly allowMultipleSelected: boolean;
  constructor(options: WidgetOptions & { allowMultipleSelected?: boolean } = {}) {
    super('file', options);
    this.allowMultipleSelected = options.allowMultipleSelected ?? false;
  }
  override formatValue(): string | null {
    return null;
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

/** A file input that shows the current file (a link when it has a `url`) and, for optional fields, a "Clear" checkbox. */
export class ClearableFileInput extends FileInput {
  clearCheckboxLabel = 'Clear';
  initialText = 'Currently';
  inputText = 'Change';

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

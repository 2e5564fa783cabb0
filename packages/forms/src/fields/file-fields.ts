/** File fields: file (any upload) and image (checked by content, with its dimensions). */
import type { WidgetClass } from '../widgets/widget.js';
import type { FormFile } from '../form-data.js';
import { readImageInfo, type ImageInfo } from '../image-info.js';
import { ClearableFileInput, FILE_CLEARED, FILE_INPUT_CONTRADICTION, FileInput } from '../widgets/file-widgets.js';
import type { Attrs, Widget } from '../widgets/widget.js';
import { Field, type FieldOptions } from './field.js';

/**
 * Options of `file` and `image`.
 *
 * @example
 * attachment: forms.file({ required: false, maxLength: 100, allowEmptyFile: false }),
 */
export interface FileFieldOptions extends FieldOptions {
  /** The longest file name accepted. */
  maxLength?: number;
  /** Accept files of 0 bytes (default false). */
  allowEmptyFile?: boolean;
  /** The largest size in bytes accepted. */
  maxSize?: number;
}

/**
 * Django's FileField: an uploaded file (or the initial one when none was uploaded); null when cleared or empty.
 *
 * @example
 * class UploadForm extends Form.define({ title: forms.char(), document: forms.file() }) {}
 * const form = new UploadForm({ data: await request.post(), files: await request.files() });
 */
export class FileField<T = FormFile> extends Field<T> {
  protected static override defaultWidget: WidgetClass = ClearableFileInput;
  protected static override defaultErrorMessages: Record<string, string> = {
    invalid: 'No file was submitted. Check the encoding type on the form.',
    missing: 'No file was submitted.',
    empty: 'The submitted file is empty.',
    max_length: 'Ensure this filename has at most %(max)s characters (it has %(length)s).',
    max_size: 'Ensure this file is at most %(max)s bytes (it has %(size)s).',
    contradiction: 'Please either submit a file or check the clear checkbox, not both.',
  };
  readonly maxLength: number | undefined;
  readonly allowEmptyFile: boolean;
  readonly maxSize: number | undefined;

  constructor(options: FileFieldOptions = {}) {
    super(options);
    this.maxLength = options.maxLength;
    this.allowEmptyFile = options.allowEmptyFile ?? false;
    this.maxSize = options.maxSize;
  }

  override toPython(value: unknown): unknown {
    if (value === null || value === undefined || value === '') return null;
    const file = value as Partial<FormFile>;
    if (typeof file !== 'object' || typeof file.name !== 'string' || typeof file.size !== 'number') throw this.error('invalid');
    if (this.maxLength !== undefined && file.name.length > this.maxLength) throw this.error('max_length', { max: this.maxLength, length: file.name.length });
    if (!file.name) throw this.error('invalid');
    if (!this.allowEmptyFile && file.size === 0) throw this.error('empty');
    if (this.maxSize !== undefined && file.size > this.maxSize) throw this.error('max_size', { max: this.maxSize, size: file.size });
    return file;
  }

  override async clean(value: unknown, initial?: unknown): Promise<T> {
    if (value === FILE_INPUT_CONTRADICTION) throw this.error('contradiction');
    if (value === FILE_CLEARED) {
      if (!this.required) return null as T;
      value = null;
    }
    if ((value === null || value === undefined) && initial) return initial as T;
    return super.clean(value);
  }

  override boundData(data: unknown, initial: unknown): unknown {
    if (this.disabled || data === null || data === undefined || data === FILE_CLEARED) return initial;
    return data;
  }

  override hasChanged(_initial: unknown, data: unknown): boolean {
    return !this.disabled && data !== null && data !== undefined;
  }
}

/**
 * The uploaded image and what was read from its header.
 *
 * @example
 * const { image }: ImageUpload = form.cleanedData.avatar; // { format: 'png', width: 64, height: 64, contentType: 'image/png' }
 */
export interface ImageUpload extends FormFile {
  /** Format and dimensions, read from the file's header. */
  readonly image: ImageInfo;
}

/**
 * Django's ImageField: the upload must be a PNG, JPEG, GIF or WebP image (checked by its content, not its name).
 *
 * @example
 * avatar: forms.image({ required: false }),
 * // a text file renamed avatar.png: "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
 */
export class ImageField<T = ImageUpload> extends FileField<T> {
  protected static override defaultErrorMessages: Record<string, string> = {
    invalid_image: 'Upload a valid image. The file you uploaded was either not an image or a corrupted image.',
  };
  constructor(options: FileFieldOptions = {}) {
    super(options);
    this.finishWidget();
  }
  override async clean(value: unknown, initial?: unknown): Promise<T> {
    const file = (await super.clean(value, initial)) as FormFile | null;
    if (!file || file === initial) return file as T;
    const info = readImageInfo(await file.read());
    if (!info) throw this.error('invalid_image');
    return Object.assign(Object.create(file) as FormFile, { image: info }) as T;
  }
  override widgetAttrs(widget: Widget): Attrs {
    return widget instanceof FileInput && !('accept' in widget.attrs) ? { accept: 'image/*' } : {};
  }
}

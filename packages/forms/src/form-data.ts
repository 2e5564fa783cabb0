/**
 * What a form is bound to: submitted values (request.post() — a QueryDict — or a plain object)
 * and uploaded files (request.files() or a plain object). Only the shape matters, so forms do
 * not need @manouche/core.
 */

/**
 * Multi-valued submitted data, like core's QueryDict.
 *
 * @example
 * const data: DataSource = await request.post(); // a QueryDict: data.getAll('tags')
 */
export interface DataSource {
  get(key: string): string | undefined;
  getAll(key: string): string[];
  has(key: string): boolean;
}

/**
 * An uploaded file, like core's UploadedFile.
 *
 * @example
 * const bytes = await (form.cleanedData.document as FormFile).read();
 */
export interface FormFile {
  readonly name: string;
  readonly size: number;
  readonly contentType: string;
  read(): Promise<Uint8Array>;
}

/**
 * Multi-valued uploaded files, like core's `MultiValueDict<UploadedFile>`.
 *
 * @example
 * new UploadForm({ data: await request.post(), files: (await request.files()) satisfies FileSource });
 */
export interface FileSource {
  get(key: string): FormFile | undefined;
  getAll(key: string): FormFile[];
  has(key: string): boolean;
}

/**
 * Data as a QueryDict-like object or `{ name: 'value' | ['a', 'b'] }`.
 *
 * @example
 * new ContactForm({ data: { subject: 'Hi', sender: 'ana@example.com', tags: ['a', 'b'] } satisfies DataInput });
 */
export type DataInput = DataSource | Readonly<Record<string, string | number | boolean | ReadonlyArray<string | number> | null | undefined>>;
/**
 * Files as a MultiValueDict-like object or `{ name: file | [file, …] }`.
 *
 * @example
 * new UploadForm({ data: { title: 'CV' }, files: { document: uploadedFile } satisfies FileDataInput });
 */
export type FileInput = FileSource | Readonly<Record<string, FormFile | readonly FormFile[] | null | undefined>>;

function isSource(input: unknown): input is DataSource {
  return typeof (input as DataSource | null)?.getAll === 'function' && typeof (input as DataSource).has === 'function';
}

class RecordSource<V> {
  constructor(
    private readonly record: Readonly<Record<string, unknown>>,
    private readonly convert: (value: unknown) => V,
  ) {}
  get(key: string): V | undefined {
    const all = this.getAll(key);
    return all.length > 0 ? all[all.length - 1] : undefined;
  }
  getAll(key: string): V[] {
    if (!Object.hasOwn(this.record, key)) return [];
    const value = this.record[key];
    if (value === null || value === undefined) return [];
    return (Array.isArray(value) ? value : [value]).map(this.convert);
  }
  has(key: string): boolean {
    return Object.hasOwn(this.record, key) && this.record[key] !== undefined;
  }
}

/** @internal */
export function toDataSource(input: DataInput): DataSource {
  return isSource(input) ? input : new RecordSource(input as Record<string, unknown>, (value) => String(value));
}

/** @internal */
export function toFileSource(input: FileInput): FileSource {
  return isSource(input) ? (input as unknown as FileSource) : new RecordSource(input as Record<string, unknown>, (value) => value as FormFile);
}

/** @internal An empty source, for unbound forms. */
export const EMPTY_DATA: DataSource & FileSource = { get: () => undefined, getAll: () => [], has: () => false };

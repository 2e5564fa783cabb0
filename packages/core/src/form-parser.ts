import { randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import busboy from 'busboy';
import type { Settings } from '@manouche/contracts';
import { BadRequest, RequestDataTooBig, TooManyFieldsSent } from './errors.js';
import { MultiValueDict, QueryDict } from './query-dict.js';
import { UploadedFile, type UploadStorage } from './uploaded-file.js';

/**
 * The upload settings core reads (null means no limit); the settings layer supplies Django's defaults.
 *
 * @example
 * const limits: UploadLimits = readUploadLimits(settings);
 * limits.dataUploadMaxNumberFields; // 1000, Django's default
 */
export interface UploadLimits {
  /** DATA_UPLOAD_MAX_MEMORY_SIZE: largest body (excluding files) in bytes. Default 2.5 MiB. */
  dataUploadMaxMemorySize: number | null;
  /** FILE_UPLOAD_MAX_MEMORY_SIZE: files larger than this go to a temporary file. Default 2.5 MiB. */
  fileUploadMaxMemorySize: number;
  /** DATA_UPLOAD_MAX_NUMBER_FIELDS. Default 1000. */
  dataUploadMaxNumberFields: number | null;
  /** DATA_UPLOAD_MAX_NUMBER_FILES. Default 100. */
  dataUploadMaxNumberFiles: number | null;
  /** FILE_UPLOAD_TEMP_DIR, else the system's temporary folder. */
  fileUploadTempDir: string;
}

/**
 * Reads the upload limits from settings.
 *
 * @example
 * readUploadLimits(settings).fileUploadMaxMemorySize; // 2621440: larger uploads go to FILE_UPLOAD_TEMP_DIR
 */
export function readUploadLimits(settings: Settings): UploadLimits {
  return {
    dataUploadMaxMemorySize: settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
    fileUploadMaxMemorySize: settings.FILE_UPLOAD_MAX_MEMORY_SIZE,
    dataUploadMaxNumberFields: settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
    dataUploadMaxNumberFiles: settings.DATA_UPLOAD_MAX_NUMBER_FILES,
    fileUploadTempDir: settings.FILE_UPLOAD_TEMP_DIR || tmpdir(),
  };
}

/**
 * Parsed form data: the fields and the uploaded files.
 *
 * @example
 * const { post, files } = await request.formData();
 * const title = post.get('title'); const cover = files.get('cover');
 */
export interface FormData {
  post: QueryDict;
  files: MultiValueDict<UploadedFile>;
}

export function tooBig(): RequestDataTooBig {
  return new RequestDataTooBig('Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.');
}

/** A parse error from busboy, as the 400 it is. */
function malformed(error: unknown): BadRequest {
  return new BadRequest(`Malformed multipart/form-data body: ${(error as Error).message}`);
}

/** Parses an application/x-www-form-urlencoded body. */
export function parseUrlencoded(body: string, limits: UploadLimits): QueryDict {
  const max = limits.dataUploadMaxNumberFields;
  if (max !== null && body.split('&').filter(Boolean).length > max) {
    throw new TooManyFieldsSent('The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS.');
  }
  return QueryDict.parse(body);
}

async function writeChunk(stream: WriteStream, chunk: Uint8Array): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/**
 * Reads one file part: kept in memory up to the limit, then written to a new temporary file
 * (deleted again here if anything fails; the caller deletes it after the response otherwise).
 */
async function receiveFile(stream: Readable, limits: UploadLimits, tempFiles: string[]): Promise<{ size: number; storage: UploadStorage }> {
  const buffered: Uint8Array[] = [];
  let size = 0;
  let disk: { path: string; stream: WriteStream; failed: Promise<never> } | undefined;
  try {
    for await (const chunk of stream as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (!disk && size > limits.fileUploadMaxMemorySize) {
        const path = join(limits.fileUploadTempDir, `manouche-upload-${randomUUID()}`);
        tempFiles.push(path);
        const file = createWriteStream(path, { flags: 'wx', mode: 0o600 });
        // An error (missing folder, full disk) must reject this upload, not crash the process.
        const failed = new Promise<never>((_, reject) => file.once('error', reject));
        failed.catch(() => undefined);
        disk = { path, stream: file, failed };
        for (const held of buffered.splice(0)) await Promise.race([writeChunk(file, held), failed]);
      }
      if (disk) await Promise.race([writeChunk(disk.stream, chunk), disk.failed]);
      else buffered.push(chunk);
    }
    if (!disk) return { size, storage: { kind: 'memory', content: Buffer.concat(buffered) } };
    disk.stream.end();
    await Promise.race([once(disk.stream, 'close'), disk.failed]);
    return { size, storage: { kind: 'disk', path: disk.path } };
  } catch (error) {
    if (disk) {
      disk.stream.destroy();
      await rm(disk.path, { force: true });
    }
    throw error;
  }
}

/**
 * Reads a part without a filename as a field's text (UTF-8), counting its bytes towards
 * DATA_UPLOAD_MAX_MEMORY_SIZE with the other fields as they arrive.
 */
async function receiveField(name: string, stream: Readable, maxBytes: () => number | null, addBytes: (bytes: number) => number): Promise<string> {
  const chunks: Buffer[] = [];
  let total = addBytes(Buffer.byteLength(name));
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total = addBytes(chunk.byteLength);
    const max = maxBytes();
    if (max !== null && total > max) {
      stream.destroy();
      throw tooBig();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Parses a multipart/form-data body from its chunks with busboy. Files over the memory limit are
 * written to temporary files, whose paths are pushed to `tempFiles` as soon as they are created
 * so the caller can delete them even when parsing fails.
 */
export async function parseMultipart(
  headers: Record<string, string>,
  chunks: AsyncIterable<Uint8Array>,
  limits: UploadLimits,
  tempFiles: string[],
): Promise<FormData> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers,
      limits: {
        fieldSize: limits.dataUploadMaxMemorySize ?? Infinity,
        // Fields and files are counted below: busboy counts application/octet-stream fields as files.
        fields: Infinity,
        files: Infinity,
      },
    });
  } catch (error) {
    throw malformed(error);
  }
  const fields: Array<[string, string]> = [];
  const files: Array<[string, UploadedFile]> = [];
  const fileTasks: Array<Promise<void>> = [];
  let fieldBytes = 0;
  let fileCount = 0;
  let failure: Error | undefined;
  // File streams still being read; destroyed on failure so their tasks end instead of waiting forever.
  const active = new Set<Readable>();
  const fail = (error: Error) => {
    failure ??= error;
    for (const stream of active) stream.destroy();
    parser.destroy(failure);
  };

  /** Whether one more field is allowed; past DATA_UPLOAD_MAX_NUMBER_FIELDS the request fails instead. */
  const countField = (): boolean => {
    const max = limits.dataUploadMaxNumberFields;
    if (max !== null && fields.length >= max) {
      fail(new TooManyFieldsSent('The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS.'));
      return false;
    }
    return true;
  };
  parser.on('field', (name, value, info) => {
    fieldBytes += Buffer.byteLength(name) + Buffer.byteLength(value);
    const max = limits.dataUploadMaxMemorySize;
    if (info.valueTruncated || (max !== null && fieldBytes > max)) return fail(tooBig());
    if (countField()) fields.push([name, value]);
  });
  parser.on('file', (fieldName, stream, info) => {
    const filename = info.filename;
    if (!filename) {
      // busboy calls every application/octet-stream part a file; as in Django, only a part with a filename
      // is one. Without a filename (or with an empty one: a file input left empty) it is a field like any other.
      if (!countField()) {
        stream.on('error', () => undefined);
        stream.resume();
        return;
      }
      // The field keeps its place among the others although its value arrives later.
      const field: [string, string] = [fieldName, ''];
      fields.push(field);
      active.add(stream);
      fileTasks.push(
        receiveField(
          fieldName,
          stream,
          () => limits.dataUploadMaxMemorySize,
          (bytes) => (fieldBytes += bytes),
        )
          .then((value) => void (field[1] = value))
          .catch((error: Error) => fail(error))
          .finally(() => active.delete(stream)),
      );
      return;
    }
    fileCount += 1;
    const maxFiles = limits.dataUploadMaxNumberFiles;
    if (maxFiles !== null && fileCount > maxFiles) {
      fail(new TooManyFieldsSent('The number of files exceeded settings.DATA_UPLOAD_MAX_NUMBER_FILES.'));
      // Destroying the parser errors this stream too: the failure is reported once, as the request's.
      stream.on('error', () => undefined);
      stream.resume();
      return;
    }
    active.add(stream);
    fileTasks.push(
      receiveFile(stream, limits, tempFiles)
        .then((storage) => {
          files.push([fieldName, new UploadedFile(fieldName, filename, info.mimeType, storage.size, storage.storage)]);
        })
        .catch((error: Error) => fail(error))
        .finally(() => active.delete(stream)),
    );
  });

  const finished = new Promise<void>((resolve, reject) => {
    parser.on('close', resolve);
    parser.on('error', (error: Error) => reject(failure ?? malformed(error)));
  });
  finished.catch(() => undefined);

  for await (const chunk of chunks) {
    if (failure) break;
    await Promise.race([
      new Promise<void>((resolve, reject) => parser.write(chunk, (error) => (error ? reject(failure ?? malformed(error)) : resolve()))),
      finished,
    ]);
  }
  if (failure) {
    await Promise.allSettled(fileTasks);
    throw failure;
  }
  parser.end();
  try {
    await finished;
  } finally {
    await Promise.allSettled(fileTasks);
  }
  if (failure) throw failure;
  return { post: new QueryDict(fields), files: new MultiValueDict(files) };
}

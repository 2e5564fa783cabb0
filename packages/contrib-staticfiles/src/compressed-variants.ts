/** Gzip and brotli variants written beside collected files, chosen later by Accept-Encoding. */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import path from 'node:path';

/** Extensions of formats that are compressed already (WhiteNoise's list); no variants for them. */
const ALREADY_COMPRESSED = new Set(
  'jpg jpeg png gif webp avif heic zip gz tgz bz2 tbz xz br zst swf flv woff woff2 3gp 3gpp asf avi m4v mov mp4 mpeg mpg webm wmv mp3 ogg oga opus m4a flac'.split(
    ' ',
  ),
);

/** Whether a file name is worth compressing. */
export function isCompressible(name: string): boolean {
  const ext = path.posix.extname(name).slice(1).toLowerCase();
  return !ALREADY_COMPRESSED.has(ext);
}

/** The variants of `content` that are at least 5% smaller than it: `{ gz, br }`, either may be absent. */
export function compressedVariants(content: Buffer): { gz?: Buffer; br?: Buffer } {
  const limit = content.length * 0.95;
  const gz = gzipSync(content, { level: 9 });
  const br = brotliCompressSync(content, {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
  });
  return { ...(gz.length < limit ? { gz } : {}), ...(br.length < limit ? { br } : {}) };
}

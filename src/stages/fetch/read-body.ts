/**
 * Reads a response body while decompressing it, stopping as soon as either the bytes on the
 * wire or the decompressed bytes pass the limit (so a small gzip bomb cannot fill memory).
 */
import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { FetchErrorCode, fetchError } from './fetch-errors.js';

/** The Accept-Encoding we send: everything Node can decode without extra packages. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/** Decoders for one Content-Encoding token. Sync flush tolerates a truncated stream, as browsers do. */
function decoderFor(token: string, url: string): Transform | null {
  switch (token) {
    case 'identity':
    case '':
      return null;
    case 'gzip':
    case 'x-gzip':
      return createGunzip({ finishFlush: constants.Z_SYNC_FLUSH });
    case 'deflate':
      return createInflate({ finishFlush: constants.Z_SYNC_FLUSH });
    case 'br':
      return createBrotliDecompress({ finishFlush: constants.BROTLI_OPERATION_FLUSH });
    default:
      throw fetchError(
        FetchErrorCode.UnsupportedEncoding,
        `${url} used Content-Encoding "${token}", which we cannot decode`,
      );
  }
}

/** Passes chunks through while counting them; fails once more than `limit` bytes went by. */
function byteCap(limit: number, what: string, url: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit)
        callback(fetchError(FetchErrorCode.BodyTooLarge, `${url} is too large: ${what} exceeds ${limit} bytes`));
      else callback(null, chunk);
    },
  });
}

/**
 * Collects `body` into one Buffer, undoing `contentEncoding` (e.g. "gzip" or "gzip, br").
 * Throws body-too-large past `maxBytes`, unsupported-encoding for unknown or corrupt
 * encodings; errors from `body` itself (timeouts, aborts) pass through.
 */
export async function readBody(
  body: Readable,
  contentEncoding: string | undefined,
  maxBytes: number,
  url: string,
): Promise<Buffer> {
  const tokens = (contentEncoding ?? '')
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .reverse();
  const decoders = tokens.map((token) => decoderFor(token, url)).filter((d): d is Transform => d !== null);
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  const stages: Array<Readable | Transform | Writable> = [body, byteCap(maxBytes, 'body', url)];
  if (decoders.length > 0) stages.push(...decoders, byteCap(maxBytes, 'decompressed body', url));
  stages.push(sink);
  try {
    await pipeline(stages);
  } catch (error) {
    if (isZlibError(error)) {
      throw fetchError(
        FetchErrorCode.UnsupportedEncoding,
        `${url} sent a corrupt ${contentEncoding} body: ${(error as Error).message}`,
      );
    }
    throw error;
  }
  return Buffer.concat(chunks);
}

function isZlibError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    (code.startsWith('Z_') || code.startsWith('ERR_BROTLI') || code === 'ERR__ERROR_FORMAT_PADDING_1')
  );
}

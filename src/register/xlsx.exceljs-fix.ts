import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const PATCHED = Symbol.for('mamori.exceljs.utf8-zip');

interface ZipWriterProto {
  append(data: unknown, options: Record<string, unknown>): void;
  [PATCHED]?: true;
}

/**
 * exceljs 4.4 hands each XML part to JSZip as a JS string; JSZip encodes strings to UTF-8 in 16 Ki-code-unit
 * slices and so cuts a surrogate pair at a slice boundary in two: a character outside the BMP (𠮷 as in
 * 𠮷野, 𩸽, emoji) there is written as two U+FFFD and lost. exceljs already converts to bytes itself in
 * browsers; this does the same in Node, once, before any workbook is written.
 */
export function fixExceljsUtf8(): void {
  const { ZipWriter } = require('exceljs/lib/utils/zip-stream.js') as {
    ZipWriter: { prototype: ZipWriterProto };
  };
  const proto = ZipWriter.prototype;
  if (proto[PATCHED]) return;
  const append = proto.append;
  proto.append = function (this: unknown, data: unknown, options: Record<string, unknown>) {
    const bytes = typeof data === 'string' && !options.base64 ? Buffer.from(data, 'utf8') : data;
    return append.call(this, bytes, options);
  };
  proto[PATCHED] = true;
}

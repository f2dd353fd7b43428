import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * A script or page Mamori serves to other sites (the consent banner, the TCF/GPP layer): compressed once with
 * brotli and gzip when first built, then sent in the encoding the browser accepts, with an ETag so a revisit
 * costs a 304. Public pages pay for every byte, so these are never sent uncompressed to a browser that can decode.
 */
export interface StaticAsset {
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
  etag: string;
}

export type Encoding = 'br' | 'gzip' | 'identity';

export function staticAsset(text: string): StaticAsset {
  const identity = Buffer.from(text, 'utf8');
  return {
    identity,
    gzip: gzipSync(identity, { level: 9 }),
    br: brotliCompressSync(identity, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
      },
    }),
    etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`,
  };
}

/**
 * The encoding to send for an Accept-Encoding header (RFC 9110 §12.5.3): the acceptable coding with the highest
 * q-value, brotli before gzip on a tie; `*` stands for any coding not named; q=0 refuses. Identity otherwise.
 */
export function pickEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    let weight = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p);
      if (m) weight = Math.min(1, Math.max(0, Number(m[1]) || 0));
    }
    q.set(name.trim(), weight);
  }
  const weightOf = (coding: string) => q.get(coding) ?? q.get('*') ?? 0;
  const br = weightOf('br');
  const gzip = Math.max(weightOf('gzip'), q.get('x-gzip') ?? 0);
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return 'identity';
}

/** Sends the asset in the accepted encoding, or 304 when the browser already holds this version. */
export function sendAsset(
  request: FastifyRequest,
  reply: FastifyReply,
  asset: StaticAsset,
  contentType: string,
): FastifyReply {
  reply.header('etag', asset.etag).header('vary', 'accept-encoding').type(contentType);
  const known = request.headers['if-none-match'];
  if (known?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === asset.etag))
    return reply.code(304).send();
  const encoding = pickEncoding(request.headers['accept-encoding']);
  if (encoding !== 'identity') reply.header('content-encoding', encoding);
  return reply.send(asset[encoding]);
}

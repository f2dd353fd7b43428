import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

/** A company's site for the banner's browser tests, served on another origin than Mamori's. */
export interface TestSite {
  /** `http://localhost:<port>/`: "localhost" rather than 127.0.0.1, so another origin than Mamori's. */
  url: string;
  /** The same server as `http://127.0.0.1:<port>`: a third origin, as an ad network's frame would be. */
  otherOrigin: string;
  close(): Promise<void>;
}

/** Starts Mamori's test app on a port and a site whose pages `render` writes (given Mamori's base URL). */
export async function startSite(
  app: FastifyInstance,
  render: (path: string, mamori: string) => string,
): Promise<TestSite> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const mamori = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(render(req.url ?? '/', mamori));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}/`,
    otherOrigin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

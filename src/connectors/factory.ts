import type { ConnectionSpec } from './connections.schema.js';
import type { Connector } from './connector.js';

/** Drivers load only when a connection of their kind is opened: the server does not pay for unused ones. */
export async function openConnector(key: string, spec: ConnectionSpec): Promise<Connector> {
  const readOnly = spec.read_only ?? false;
  switch (spec.type) {
    case 'postgres': {
      const { PostgresConnector } = await import('./postgres.js');
      return new PostgresConnector({ key, url: spec.url, readOnly });
    }
    case 'mysql':
    case 'mariadb': {
      const { MysqlConnector } = await import('./mysql.js');
      return new MysqlConnector({ key, url: spec.url, type: spec.type, readOnly });
    }
    case 'redis': {
      const { RedisConnector } = await import('./redis.js');
      return new RedisConnector({ key, url: spec.url, readOnly, keyPrefix: spec.key_prefix ?? '' });
    }
    case 'http': {
      const { HttpConnector } = await import('./http.js');
      return new HttpConnector({ key, url: spec.url, readOnly });
    }
  }
}

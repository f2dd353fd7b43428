import {
  type CollectionDescription,
  type CollectionLocation,
  type Connector,
  ConnectorError,
  type FindQuery,
  type Row,
  type RowUpdate,
} from './connector.js';

/**
 * A service that answers for its own data (a SaaS, an internal system). Mamori's protocol, JSON over POST:
 * `{url}/find` {collection, fields, where} → {rows}; `/update` {collection, keyFields, updates} → {changed};
 * `/delete` {collection, keyFields, keys} → {deleted}; `/describe` → {collections}; `/primary-key`
 * {collection} → {fields}; `/health`. Credentials belong in the URL's userinfo (sent as Basic auth).
 */
export class HttpConnector implements Connector {
  readonly type = 'http' as const;
  readonly key: string;
  readonly readOnly: boolean;
  private readonly base: string;
  private readonly auth: string | undefined;

  constructor(options: { key: string; url: string; readOnly?: boolean }) {
    this.key = options.key;
    this.readOnly = options.readOnly ?? false;
    const url = new URL(options.url);
    if (url.username) {
      this.auth = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
      url.username = '';
      url.password = '';
    }
    this.base = url.toString().replace(/\/$/, '');
  }

  private async post<T>(path: string, body: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.auth && { authorization: this.auth }) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new ConnectorError(this.key, `the service cannot be reached (${(error as Error).message})`);
    }
    if (!response.ok) throw new ConnectorError(this.key, `${path} answered HTTP ${response.status}`);
    return (await response.json()) as T;
  }

  async test(): Promise<void> {
    await this.post('/health', {});
  }

  async describe(): Promise<CollectionDescription[]> {
    return (await this.post<{ collections: CollectionDescription[] }>('/describe', {})).collections;
  }

  async primaryKey(location: CollectionLocation): Promise<string[]> {
    return (await this.post<{ fields: string[] }>('/primary-key', { collection: location.name })).fields;
  }

  explainFind(query: FindQuery): string {
    return `POST ${this.base}/find ${query.location.name} by ${Object.keys(query.where).join(', ')}`;
  }

  async find(query: FindQuery): Promise<Row[]> {
    const body = { collection: query.location.name, fields: query.fields, where: query.where };
    return (await this.post<{ rows: Row[] }>('/find', body)).rows;
  }

  explainUpdate(location: CollectionLocation, _k: readonly string[], updates: readonly RowUpdate[]): string {
    return `POST ${this.base}/update ${location.name} (${updates.length} rows in one call)`;
  }

  async update(
    location: CollectionLocation,
    keyFields: readonly string[],
    updates: readonly RowUpdate[],
  ): Promise<number> {
    if (updates.length === 0) return 0;
    this.refuseReadOnly();
    return (
      await this.post<{ changed: number }>('/update', { collection: location.name, keyFields, updates })
    ).changed;
  }

  async delete(
    location: CollectionLocation,
    keyFields: readonly string[],
    keys: readonly Row[],
  ): Promise<number> {
    if (keys.length === 0) return 0;
    this.refuseReadOnly();
    return (await this.post<{ deleted: number }>('/delete', { collection: location.name, keyFields, keys }))
      .deleted;
  }

  private refuseReadOnly(): void {
    if (this.readOnly)
      throw new ConnectorError(this.key, 'the connection is read-only and cannot be used for erasure');
  }

  async checkWritable(): Promise<void> {
    this.refuseReadOnly();
  }

  async close(): Promise<void> {}
}

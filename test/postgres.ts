import pg from 'pg';

/** One template per run and worker tree, so that two runs on one server do not trip over each other. */
export const templateDatabaseName = (): string => `mamori_test_template_${process.pid}`;

export async function withAdminClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

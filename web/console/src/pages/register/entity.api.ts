import { type ApiProblem, api, problemOf } from '../../api/client';
import { COLLECTIONS, type Collection, isSingleton, type Section, SINGLETONS } from './sections';

/** The typed client's paths are literal types; the editor reaches every section through the same three calls. */
type AnyPut = (
  url: string,
  init: { params?: { path: { key: string } }; body: unknown },
) => Promise<{
  error?: unknown;
  response: Response;
}>;

export async function save(
  section: Section,
  isNew: boolean,
  initial: Record<string, unknown>,
  draft: unknown,
) {
  const client = api as unknown as { PUT: AnyPut; POST: AnyPut };
  if (isSingleton(section)) return client.PUT(SINGLETONS[section], { body: draft });
  const base = COLLECTIONS[section];
  if (isNew) return client.POST(base, { body: draft });
  const key = String(initial.key ?? initial.fides_key);
  return client.PUT(`${base}/{key}`, { params: { path: { key } }, body: draft });
}

export async function remove(section: Collection, key: string): Promise<ApiProblem | undefined> {
  const client = api as unknown as {
    DELETE: (
      url: string,
      init: { params: { path: { key: string } } },
    ) => Promise<{ error?: unknown; response: Response }>;
  };
  const result = await client.DELETE(`${COLLECTIONS[section]}/{key}`, { params: { path: { key } } });
  return result.error !== undefined || !result.response.ok
    ? problemOf(result.error, result.response)
    : undefined;
}

import { type DependencyList, type ReactNode, useCallback, useEffect, useState } from 'react';
import { ApiFailure, type ApiProblem } from '../api/client';
import { useI18n } from '../i18n/i18n';

export type Loaded<T> =
  | { state: 'loading'; reload(): void }
  | { state: 'error'; problem: ApiProblem; reload(): void }
  | { state: 'ready'; data: T; reload(): void };

export function toProblem(error: unknown): ApiProblem {
  if (error instanceof ApiFailure) return error.problem;
  return {
    status: 0,
    code: 'network_error',
    message: error instanceof Error ? error.message : String(error),
    issues: [],
  };
}

/** Loads once per change of `deps` (and on reload()); a late answer for stale deps is dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> {
  const [tick, setTick] = useState(0);
  const [result, setResult] = useState<
    { state: 'loading' } | { state: 'error'; problem: ApiProblem } | { state: 'ready'; data: T }
  >({ state: 'loading' });
  const reload = useCallback(() => setTick((n) => n + 1), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what the load depends on.
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setResult({ state: 'ready', data }),
      (error: unknown) => live && setResult({ state: 'error', problem: toProblem(error) }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return { ...result, reload } as Loaded<T>;
}

export function ErrorMessage({ problem, onRetry }: { problem: ApiProblem; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="alert error" role="alert">
      <strong>{t('errorTitle')}: </strong>
      {problem.message}
      {onRetry && (
        <button type="button" className="link" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="alert ok" role="status">
      {children}
    </div>
  );
}

/** Renders a load's three states; children get the data. */
export function Show<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  const { t } = useI18n();
  if (loaded.state === 'loading') return <p aria-busy="true">{t('loading')}</p>;
  if (loaded.state === 'error') return <ErrorMessage problem={loaded.problem} onRetry={loaded.reload} />;
  return <>{children(loaded.data)}</>;
}

/** A register text ({ ja, en }) in the console's language, falling back to the other one. */
export function textOf(value: unknown, lang: 'ja' | 'en'): string | undefined {
  if (value && typeof value === 'object' && ('ja' in value || 'en' in value)) {
    const v = value as { ja?: string; en?: string };
    return (lang === 'ja' ? (v.ja ?? v.en) : (v.en ?? v.ja)) ?? undefined;
  }
  return typeof value === 'string' ? value : undefined;
}

/**
 * A scrollable table with column headers; rows are the children. Every list page uses it, so that headers
 * keep `scope="col"` and narrow screens scroll the table rather than the page.
 */
export function DataTable({
  caption,
  headers,
  children,
}: {
  caption?: ReactNode;
  headers: readonly ReactNode[];
  children: ReactNode;
}) {
  return (
    <div className="table-wrap">
      <table>
        {caption !== undefined && <caption>{caption}</caption>}
        <thead>
          <tr>
            {headers.map((h, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: headers are a fixed list per table.
              <th scope="col" key={i}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

import { useEffect, useState } from 'react';

export const BASE = '/console/';

/** The path inside the console: `/console/register/purposes/a` → `register/purposes/a`. */
function current(): string {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : '';
  return path.replace(/\/+$/, '');
}

const listeners = new Set<() => void>();
addEventListener('popstate', () => {
  for (const l of listeners) l();
});

export function navigate(path: string): void {
  history.pushState(null, '', BASE + path);
  for (const l of listeners) l();
}

export function usePath(): string[] {
  const [path, setPath] = useState(current);
  useEffect(() => {
    const update = () => setPath(current());
    listeners.add(update);
    return () => {
      listeners.delete(update);
    };
  }, []);
  return path === '' ? [] : path.split('/').map(decodeURIComponent);
}

/** Click handler for in-console links: keeps modified clicks (new tab) as ordinary links. */
export function linkTo(path: string) {
  return {
    href: BASE + path,
    onClick(event: {
      preventDefault(): void;
      metaKey: boolean;
      ctrlKey: boolean;
      shiftKey: boolean;
      button: number;
    }) {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      navigate(path);
    },
  };
}

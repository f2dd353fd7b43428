import { createContext, useContext } from 'react';
import type { Role } from './capabilities';

export interface Me {
  userId: string;
  login: string;
  displayName: string;
  roles: Role[];
  language: 'ja' | 'en';
}

export const SessionContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useMe outside a signed-in shell');
  return me;
}

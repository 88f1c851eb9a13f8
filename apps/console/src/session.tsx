import { createContext, useContext } from 'react';
import type { ConsoleConfig, Session } from './auth';

export interface SessionState {
  session: Session;
  config: ConsoleConfig;
  signOut(): void;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside a signed-in console');
  return state;
}

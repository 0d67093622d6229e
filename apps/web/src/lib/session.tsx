import { createContext, useContext, type ReactNode } from 'react';
import { ROLE_RANK, type MeReply, type Role } from '@harbourmaster/contracts';

const SessionContext = createContext<MeReply | null>(null);

export function SessionProvider({ me, children }: { me: MeReply; children: ReactNode }) {
  return <SessionContext.Provider value={me}>{children}</SessionContext.Provider>;
}

export function useSession(): MeReply {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession outside a signed-in page');
  return me;
}

/** Whether the signed-in role includes `role`: the UI shows no button a person may not use. */
export function useCan(role: Role): boolean {
  return ROLE_RANK[useSession().role] >= ROLE_RANK[role];
}

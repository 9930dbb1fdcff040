import { useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchSession, resetCsrfToken, type Session } from './api';

export const SESSION_KEY = ['session'] as const;

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 60_000, retry: 1 });
}

/** Session data inside the authenticated area (RequireAuth guarantees it is loaded). */
export function useAuthed(): Session {
  const { data } = useSession();
  if (!data) throw new Error('useAuthed() used outside of an authenticated route');
  return data;
}

/** Store a fresh session (after signup/login/accept) and drop stale cached data. */
export function useSetSession() {
  const qc = useQueryClient();
  return (session: Session | null) => {
    resetCsrfToken();
    // forget everything cached for the previous user (the invitation being accepted stays mounted)
    qc.removeQueries({
      predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] && q.queryKey[0] !== 'invitation',
    });
    qc.setQueryData(SESSION_KEY, session);
  };
}

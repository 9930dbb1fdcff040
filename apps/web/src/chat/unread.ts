import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { keys } from './api';

/** Total unread contact messages for the signed-in agent (kept fresh by realtime invalidations). */
export function useConversationUnread(): number {
  const q = useQuery({
    queryKey: keys.unread,
    queryFn: () =>
      api.get<{ total: number; byConversation: Record<string, number> }>('/conversations/unread'),
    staleTime: 30_000,
    refetchInterval: 120_000,
  });
  return q.data?.total ?? 0;
}

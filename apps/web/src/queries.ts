import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getAll, getPage, type Team, type User } from './api';

export function useUsers() {
  return useQuery({ queryKey: ['users'], queryFn: () => getAll<User>('/users') });
}

export function useTeams() {
  return useQuery({ queryKey: ['teams'], queryFn: () => getAll<Team>('/teams') });
}

/** Cursor-paginated list with "load more". */
export function usePagedList<T>(key: string, path: string, limit = 50) {
  const query = useInfiniteQuery({
    queryKey: [key],
    queryFn: ({ pageParam }) => getPage<T>(path, pageParam, limit),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return { ...query, items };
}

import { useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useSession } from '../session';
import { applyUserLocale } from '../i18n';
import { FullPageLoader } from './FullPageLoader';
import { QueryState } from './QueryState';
import { Container } from '@mantine/core';

export function RequireAuth() {
  const { data, isPending, error, refetch } = useSession();
  const location = useLocation();
  useEffect(() => {
    if (data) applyUserLocale(data.user.locale);
  }, [data]);
  if (isPending) return <FullPageLoader />;
  if (error) {
    return (
      <Container size="sm" py="xl">
        <QueryState isPending={false} error={error} refetch={refetch} />
      </Container>
    );
  }
  if (!data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <Outlet />;
}

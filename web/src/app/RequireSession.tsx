import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../features/auth/session';
import { PageLoading } from './Layout';

/** Pages behind sign-in: without a session, to the sign-in page, which comes back here after. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <PageLoading />;
  if (state.status === 'signed-out' && state.reason) {
    return <Navigate to={state.reason === 'password-changed' ? '/sign-in?changed=1' : '/sign-in'} replace />;
  }
  if (state.status === 'signed-out') {
    const next = `${location.pathname}${location.search}`;
    const params = new URLSearchParams({ next });
    if (state.ended) params.set('ended', '1');
    return <Navigate to={`/sign-in?${params}`} replace />;
  }
  return <>{children}</>;
}

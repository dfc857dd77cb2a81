import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { BrowserRouter, matchPath, Navigate, Route, Routes } from 'react-router';
import { ApiError } from '../api/client';
import { checkSession, SessionProvider } from '../features/auth/session';
import { SignInPage } from '../features/auth/SignInPage';
import CasePage from '../features/investigations/CasePage';
import { CaseListPage } from '../features/investigations/CaseListPage';
import { prefetchCase } from '../features/investigations/prefetchCase';
import { caseListFilters, investigationListQuery } from '../features/investigations/useInvestigations';
import { Layout, PageLoading } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { RequireSession } from './RequireSession';
import { cssVariablesResolver, theme } from './theme';

// The case list and the case page, where most work happens, come with the app; other pages load on demand.
const ChangePasswordPage = lazy(() => import('../features/auth/ChangePasswordPage'));
const NewComplaintPage = lazy(() => import('../features/complaints/NewComplaintPage'));
const ComplaintPage = lazy(() => import('../features/complaints/ComplaintPage'));
const ReviewQueuePage = lazy(() => import('../features/review/ReviewQueuePage'));
const BarredListPage = lazy(() => import('../features/barred-list/BarredListPage'));
const RecommendationsRegisterPage = lazy(() => import('../features/recommendations/RecommendationsRegisterPage'));
const DeadlinesPage = lazy(() => import('../features/deadlines/DeadlinesPage'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // 4xx answers are final; only network trouble and 5xx are worth another try.
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});

/**
 * Starts what the first page needs before React renders it: the session check and the page's data
 * together, rather than each waiting for the one before. A 401 among them just means
 * signed out (see SessionProvider).
 */
export function preloadFirstPage({ pathname, search }: { pathname: string; search: string }) {
  void checkSession().catch(() => undefined);
  const params = new URLSearchParams(search);
  const casePage = matchPath('/cases/:reference', pathname);
  if (casePage?.params.reference) {
    void prefetchCase(queryClient, casePage.params.reference, params.get('tab'));
  } else if (matchPath('/cases', pathname)) {
    void queryClient.prefetchQuery(investigationListQuery(caseListFilters(params)));
  }
}

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <SessionProvider>
            <Suspense fallback={<PageLoading />}>
              <Routes>
                <Route path="/sign-in" element={<SignInPage />} />
                <Route element={<RequireSession><Layout /></RequireSession>}>
                  <Route index element={<Navigate to="/cases" replace />} />
                  <Route path="cases" element={<CaseListPage />} />
                  <Route path="cases/:reference" element={<CasePage />} />
                  <Route path="complaints/new" element={<NewComplaintPage />} />
                  <Route path="complaints/:id" element={<ComplaintPage />} />
                  <Route path="review" element={<ReviewQueuePage />} />
                  <Route path="barred-list" element={<BarredListPage />} />
                  <Route path="recommendations" element={<RecommendationsRegisterPage />} />
                  <Route path="deadlines" element={<DeadlinesPage />} />
                  <Route path="account/password" element={<ChangePasswordPage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Routes>
            </Suspense>
          </SessionProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}

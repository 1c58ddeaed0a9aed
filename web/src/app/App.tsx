import { lazy, Suspense } from 'react';
import { BrowserRouter, Outlet, Route, Routes } from 'react-router-dom';
import { FullPageSpin } from '../components/FullPageSpin';
import { NotFound } from '../components/StatusPage';
import { LoginPage } from '../features/auth/LoginPage';
import { PortalHome } from '../features/portal/PortalHome';
import { AuthProvider } from './AuthProvider';
import { LanguageProvider } from './LanguageProvider';
import { RequireAuth } from './RequireAuth';
import { RequireRole } from './RequireRole';

// Citizens open the portal on phones: keep the workbench out of the first download.
const WorkbenchShell = lazy(() => import('../features/workbench/WorkbenchShell'));
const OverviewPage = lazy(() => import('../features/overview/OverviewPage'));
const OrgPage = lazy(() => import('../features/org/OrgPage'));
const PowersPage = lazy(() => import('../features/powers/PowersPage'));
const PowerDetailPage = lazy(() => import('../features/powers/PowerDetailPage'));
const ProcessEditorPage = lazy(() => import('../features/process/ProcessEditorPage'));
const RiskRegisterPage = lazy(() => import('../features/process/RiskRegisterPage'));
const AccountsPage = lazy(() => import('../features/accounts/AccountsPage'));
const AlertsPage = lazy(() => import('../features/alerts/AlertsPage'));
const AuditPage = lazy(() => import('../features/audit/AuditPage'));
const ReviewBatchesPage = lazy(() => import('../features/review/ReviewBatchesPage'));
const ReviewBatchPage = lazy(() => import('../features/review/ReviewBatchPage'));
const RectificationLedgerPage = lazy(() => import('../features/review/RectificationLedgerPage'));
const ReformPage = lazy(() => import('../features/reform/ReformPage'));
const PublicSearchPage = lazy(() => import('../features/portal/PublicSearchPage'));
const PublicPowerPage = lazy(() => import('../features/portal/PublicPowerPage'));
const PublicGuidePage = lazy(() => import('../features/portal/PublicGuidePage'));
const ApplyPage = lazy(() => import('../features/portal/ApplyPage'));
const TrackPage = lazy(() => import('../features/portal/TrackPage'));
const PublicUnitsPage = lazy(() => import('../features/portal/PublicUnitsPage'));
const PublicCategoriesPage = lazy(() => import('../features/portal/PublicCategoriesPage'));
const SynonymsPage = lazy(() => import('../features/portal/SynonymsPage'));
const CalendarPage = lazy(() => import('../features/calendar/CalendarPage'));
const ExplainPage = lazy(() => import('../features/calendar/ExplainPage'));
const MyDeadlinesPage = lazy(() => import('../features/calendar/MyDeadlinesPage'));
const MyTasksPage = lazy(() => import('../features/cases/MyTasksPage'));
const CasesPage = lazy(() => import('../features/cases/CasesPage'));
const CasePage = lazy(() => import('../features/cases/CasePage'));

/** Providers and routes. The server answers index.html for every non-/api path. */
export function App() {
  return (
    <LanguageProvider>
      <AuthProvider>
        <BrowserRouter>
          <Routes>
            <Route path="/" element={<PortalHome />} />
            <Route path="/login" element={<LoginPage />} />
            <Route
              path="/powers"
              element={
                <Suspense fallback={<FullPageSpin />}>
                  <Outlet />
                </Suspense>
              }
            >
              <Route index element={<PublicSearchPage />} />
              <Route path="units" element={<PublicUnitsPage />} />
              <Route path="categories" element={<PublicCategoriesPage />} />
              <Route path=":code" element={<PublicPowerPage />} />
              <Route path=":code/guide" element={<PublicGuidePage />} />
              <Route path=":code/apply" element={<ApplyPage />} />
            </Route>
            <Route
              path="/track"
              element={
                <Suspense fallback={<FullPageSpin />}>
                  <Outlet />
                </Suspense>
              }
            >
              <Route index element={<TrackPage />} />
              <Route path=":receipt" element={<TrackPage />} />
            </Route>
            <Route
              path="/workbench"
              element={
                <RequireAuth>
                  <Suspense fallback={<FullPageSpin />}>
                    <WorkbenchShell />
                  </Suspense>
                </RequireAuth>
              }
            >
              <Route index element={<OverviewPage />} />
              <Route
                path="tasks"
                element={
                  <RequireRole module="tasks">
                    <MyTasksPage />
                  </RequireRole>
                }
              />
              <Route
                path="cases"
                element={
                  <RequireRole module="cases">
                    <CasesPage />
                  </RequireRole>
                }
              />
              <Route
                path="cases/:id"
                element={
                  <RequireRole module="cases">
                    <CasePage />
                  </RequireRole>
                }
              />
              <Route
                path="org"
                element={
                  <RequireRole module="org">
                    <OrgPage />
                  </RequireRole>
                }
              />
              <Route
                path="powers"
                element={
                  <RequireRole module="powers">
                    <PowersPage />
                  </RequireRole>
                }
              />
              <Route
                path="powers/:id"
                element={
                  <RequireRole module="powers">
                    <PowerDetailPage />
                  </RequireRole>
                }
              />
              <Route
                path="powers/:id/process"
                element={
                  <RequireRole module="powers">
                    <ProcessEditorPage />
                  </RequireRole>
                }
              />
              <Route
                path="risks"
                element={
                  <RequireRole module="risks">
                    <RiskRegisterPage />
                  </RequireRole>
                }
              />
              <Route
                path="search-synonyms"
                element={
                  <RequireRole module="synonyms">
                    <SynonymsPage />
                  </RequireRole>
                }
              />
              <Route
                path="review"
                element={
                  <RequireRole module="review">
                    <ReviewBatchesPage />
                  </RequireRole>
                }
              />
              <Route
                path="review/rectifications"
                element={
                  <RequireRole module="rectifications">
                    <RectificationLedgerPage />
                  </RequireRole>
                }
              />
              <Route
                path="review/:id"
                element={
                  <RequireRole module="review">
                    <ReviewBatchPage />
                  </RequireRole>
                }
              />
              <Route
                path="reform"
                element={
                  <RequireRole module="reform">
                    <ReformPage />
                  </RequireRole>
                }
              />
              <Route
                path="calendar"
                element={
                  <RequireRole module="calendar">
                    <CalendarPage />
                  </RequireRole>
                }
              />
              <Route
                path="calendar/explain"
                element={
                  <RequireRole module="calendar">
                    <ExplainPage />
                  </RequireRole>
                }
              />
              <Route
                path="deadlines"
                element={
                  <RequireRole module="deadlines">
                    <MyDeadlinesPage />
                  </RequireRole>
                }
              />
              <Route
                path="accounts"
                element={
                  <RequireRole module="accounts">
                    <AccountsPage />
                  </RequireRole>
                }
              />
              <Route
                path="alerts"
                element={
                  <RequireRole module="alerts">
                    <AlertsPage />
                  </RequireRole>
                }
              />
              <Route
                path="audit"
                element={
                  <RequireRole module="audit">
                    <AuditPage />
                  </RequireRole>
                }
              />
              <Route path="*" element={<NotFound inWorkbench />} />
            </Route>
            <Route path="*" element={<NotFound />} />
          </Routes>
        </BrowserRouter>
      </AuthProvider>
    </LanguageProvider>
  );
}

import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { AppLayout } from './components/app-layout';
import { ApiKeysPage } from './pages/api-keys.page';
import { AttemptsPage } from './pages/attempts.page';
import { ConnectionDetailPage } from './pages/connection-detail.page';
import { ConnectionsPage } from './pages/connections.page';
import { ConnectorPage } from './pages/connector.page';
import { InvitePage } from './pages/invite.page';
import { NotFoundPage } from './pages/not-found.page';
import { SettingsPage } from './pages/settings.page';
import { SignInPage } from './pages/sign-in.page';
import { TryItPage } from './pages/try-it.page';
import { WebhookDetailPage } from './pages/webhook-detail.page';
import { WebhooksPage } from './pages/webhooks.page';
import { RequireSession } from './session/require-session';
import { SessionProvider } from './session/session-provider';

/** The console lives under /console; the API answers index.html for every path below it. */
export function App() {
  return (
    <BrowserRouter basename="/console">
      <SessionProvider>
        <Routes>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="/invite" element={<InvitePage />} />
          <Route path="/invite/:token" element={<InvitePage />} />
          <Route element={<RequireSession />}>
            <Route element={<AppLayout />}>
              <Route index element={<Navigate to="/connector" replace />} />
              <Route path="/connector" element={<ConnectorPage />} />
              <Route path="/connections" element={<ConnectionsPage />} />
              <Route path="/connections/:id" element={<ConnectionDetailPage />} />
              <Route path="/attempts" element={<AttemptsPage />} />
              <Route path="/api-keys" element={<ApiKeysPage />} />
              <Route path="/webhooks" element={<WebhooksPage />} />
              <Route path="/webhooks/:id" element={<WebhookDetailPage />} />
              <Route path="/try-it" element={<TryItPage />} />
              <Route path="/settings" element={<SettingsPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Route>
        </Routes>
      </SessionProvider>
    </BrowserRouter>
  );
}

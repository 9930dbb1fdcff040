import type { ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { AdminOnly } from './components/AdminOnly';
import { AppLayout } from './components/AppLayout';
import { RequireAuth } from './components/RequireAuth';
import { RequirePermission } from './components/RequirePermission';
import { ArticleEditorPage } from './pages/ArticleEditorPage';
import { BotPage } from './pages/BotPage';
import { KnowledgeBasePage } from './pages/KnowledgeBasePage';
import { AcceptInvitePage } from './pages/AcceptInvitePage';
import { ApiTokensPage } from './pages/ApiTokensPage';
import { AuditLogPage } from './pages/AuditLogPage';
import { CannedResponsesPage } from './pages/CannedResponsesPage';
import { ContactPage } from './pages/ContactPage';
import { ContactsPage } from './pages/ContactsPage';
import { ConversationsPage } from './pages/ConversationsPage';
import { InboxSettingsPage } from './pages/InboxSettingsPage';
import { InboxesPage } from './pages/InboxesPage';
import { SearchPage } from './pages/SearchPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { HomePage } from './pages/HomePage';
import { JobsPage } from './pages/JobsPage';
import { LoginPage } from './pages/LoginPage';
import { MembersPage } from './pages/MembersPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OutboxPage } from './pages/OutboxPage';
import { ProfilePage } from './pages/ProfilePage';
import { ResetPasswordPage } from './pages/ResetPasswordPage';
import { SettingsPage } from './pages/SettingsPage';
import { SignupPage } from './pages/SignupPage';
import { TeamsPage } from './pages/TeamsPage';

const admin = (page: ReactNode) => <AdminOnly>{page}</AdminOnly>;

export function App() {
  return (
    <Routes>
      <Route path="/" element={<Navigate to="/app" replace />} />
      <Route path="/signup" element={<SignupPage />} />
      <Route path="/login" element={<LoginPage />} />
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      <Route path="/accept-invite" element={<AcceptInvitePage />} />
      <Route path="/app" element={<RequireAuth />}>
        <Route element={<AppLayout />}>
          <Route index element={<HomePage />} />
          <Route path="conversations/:id?" element={<ConversationsPage />} />
          <Route path="contacts" element={<ContactsPage />} />
          <Route path="contacts/:id" element={<ContactPage />} />
          <Route path="canned-responses" element={<CannedResponsesPage />} />
          <Route path="kb/articles/:articleId" element={<ArticleEditorPage />} />
          <Route path="kb/:tab?" element={<KnowledgeBasePage />} />
          <Route
            path="bot/:tab?"
            element={
              <RequirePermission permission="kb.manage">
                <BotPage />
              </RequirePermission>
            }
          />
          <Route path="search" element={<SearchPage />} />
          <Route path="inboxes" element={admin(<InboxesPage />)} />
          <Route path="inboxes/:id" element={admin(<InboxSettingsPage />)} />
          <Route path="profile" element={<ProfilePage />} />
          <Route path="members" element={<MembersPage />} />
          <Route path="teams" element={<TeamsPage />} />
          <Route path="settings" element={admin(<SettingsPage />)} />
          <Route path="api-tokens" element={admin(<ApiTokensPage />)} />
          <Route path="audit-log" element={admin(<AuditLogPage />)} />
          <Route path="outbox" element={admin(<OutboxPage />)} />
          <Route path="jobs" element={admin(<JobsPage />)} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

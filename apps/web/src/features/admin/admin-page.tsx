import { PageHeader } from '../../components/feedback.js';
import { UsersSection } from './users-section.js';
import { TokensSection } from './tokens-section.js';
import { AuditSection } from './audit-section.js';
import { SettingsSection } from './settings-section.js';
import { MetricsSettingsSection } from './metrics-settings-section.js';
import { NotificationsSection } from '../alerts/notifications-section.js';

/** Admin only (the navigation hides it from others, and the API refuses them anyway). */
export function AdminPage() {
  return (
    <>
      <PageHeader title="Admin" />
      <div className="space-y-10">
        <UsersSection />
        <TokensSection />
        <SettingsSection />
        <MetricsSettingsSection />
        <NotificationsSection />
        <AuditSection />
      </div>
    </>
  );
}

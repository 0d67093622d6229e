import { useEffect, useRef } from 'react';
import { useCan } from '../../lib/session.js';
import { ChannelsSection } from './channels-section.js';
import { RulesSection } from './rules-section.js';

/** Admin → Notifications: channels and the rules that route alerts to them (admins only, as the API). */
export function NotificationsSection() {
  const isAdmin = useCan('admin');
  const ref = useRef<HTMLElement>(null);
  // The Alerts page links here (/admin#notifications); the panel's router does not scroll to anchors.
  useEffect(() => {
    if (location.hash === '#notifications') ref.current?.scrollIntoView();
  }, []);
  if (!isAdmin) return null;
  return (
    <section ref={ref} id="notifications" aria-labelledby="notifications-heading" className="space-y-6">
      <div>
        <h2 id="notifications-heading" className="text-base font-semibold">
          Notifications
        </h2>
        <p className="text-sm text-muted">
          Every alert is recorded on the Alerts page; rules decide which of them are also sent, and to which
          channels.
        </p>
      </div>
      <ChannelsSection />
      <RulesSection />
    </section>
  );
}

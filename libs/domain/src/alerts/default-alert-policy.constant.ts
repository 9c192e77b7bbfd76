import { AlertPolicy } from './alert-policy.type';
import { DEFAULT_DELIVERY_WINDOW } from './default-delivery-window.constant';

const HOUR_MS = 3_600_000;

/**
 * Critical (off track): reminded every 12 hours, escalated after a day without acknowledgement.
 * Warning (at risk, regression, overdue report): reminded daily, escalated after three days.
 * Info: told once. Delays count from the notification's delivery, so a warning held over Tết still
 * leaves its supervisors three days after they got it.
 */
export const DEFAULT_ALERT_POLICY: AlertPolicy = {
  repeatEveryMs: { critical: 12 * HOUR_MS, warning: 24 * HOUR_MS, info: null },
  escalateAfterMs: { critical: 24 * HOUR_MS, warning: 72 * HOUR_MS, info: null },
  window: DEFAULT_DELIVERY_WINDOW,
};

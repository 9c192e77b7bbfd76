import type { DeliveryWindow } from './delivery-window.util';
import { VIETNAM_PUBLIC_HOLIDAYS } from './vietnam-public-holidays.constant';

/** Quiet from 21:00 to 07:00 Vietnam time and on Vietnam's public holidays; weekends are ordinary days. */
export const DEFAULT_DELIVERY_WINDOW: DeliveryWindow = {
  quietHours: { from: '21:00', to: '07:00' },
  holidays: VIETNAM_PUBLIC_HOLIDAYS,
  restDays: [],
};

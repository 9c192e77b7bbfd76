/** Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving): local time = UTC + this. */
export const VIETNAM_OFFSET_MS = 7 * 3_600_000;

import { DEFAULT_OFFICE_HOURS, localDate, type IsoDate } from '../../shared/domain/working-calendar.js';

/**
 * Head office's calendar date (China), whatever the server's own zone:
 * vehicle ages, renewal dates and every other "today" of the customer's
 * affairs count in the customer's days.
 */
export const officeToday = (at: number = Date.now()): IsoDate => localDate(at, DEFAULT_OFFICE_HOURS);

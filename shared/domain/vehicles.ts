/**
 * Facts about a customer's vehicles that several rules read: the panel
 * shows a car's age, the cross-sell rules offer engine cover to older cars.
 */

/**
 * Whole years from first registration (YYYY-MM-DD) to the calendar day
 * `today`; null when the date is unknown, never below zero.
 */
export function vehicleAgeYears(firstRegisteredOn: string | null, today: string): number | null {
  if (!firstRegisteredOn) return null;
  const [fy, fm, fd] = firstRegisteredOn.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  let years = ty - fy;
  if (tm < fm || (tm === fm && td < fd)) years--;
  return Math.max(0, years);
}

/** A mainland mobile number as head office matches it: 11 digits starting with 1. */
export const MOBILE_NUMBER = /^1\d{10}$/;

/** What the agent typed, without the spaces, dashes and +86 people copy along with a number. */
export function normalizePhone(input: string): string {
  const digits = input.replace(/[\s\-()（）]/g, '');
  return digits.replace(/^(\+?86)(?=1\d{10}$)/, '');
}

export function isMobileNumber(input: string): boolean {
  return MOBILE_NUMBER.test(normalizePhone(input));
}

import type { Bilingual } from '../../i18n/lang';

/** Service type 6, municipal charges (عوارض شهرداری): the only one Pelak issues. */
export const MUNICIPAL_CHARGES = 6;

/**
 * Service-type digits (the bill id's second-to-last digit) on which every published source
 * agrees. Sources disagree on 7–9 (tax, traffic fines, a second municipal code), so those are
 * treated as unknown rather than guessed.
 */
export const SERVICE_TYPES: Readonly<Record<number, Bilingual>> = {
	1: { fa: 'آب', en: 'Water' },
	2: { fa: 'برق', en: 'Electricity' },
	3: { fa: 'گاز', en: 'Gas' },
	4: { fa: 'تلفن ثابت', en: 'Landline telephone' },
	5: { fa: 'تلفن همراه', en: 'Mobile telephone' },
	6: { fa: 'عوارض شهرداری', en: 'Municipal charges' }
};

/** @example isKnownServiceType(6) // true;  isKnownServiceType(8) // false (sources disagree) */
export function isKnownServiceType(digit: number): boolean {
	return Object.hasOwn(SERVICE_TYPES, digit);
}

/**
 * The service's name for a bill's service-type digit, or null when the digit is not known.
 *
 * @example serviceTypeName(6) // { fa: 'عوارض شهرداری', en: 'Municipal charges' }
 */
export function serviceTypeName(digit: number): Bilingual | null {
	return isKnownServiceType(digit) ? SERVICE_TYPES[digit] : null;
}

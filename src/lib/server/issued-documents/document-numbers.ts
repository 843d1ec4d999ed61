import { toJalali } from '../../domain/jalali';
import type { IsoDate } from '../../domain/working-days';
import type { IssuedDocumentKind } from '../db/schema';

/** The printed number's prefix of each kind: BP-1405-000123 is building permit 123 of 1405. */
export const NUMBER_PREFIX: Record<IssuedDocumentKind, string> = {
	zoning_statement: 'ZS',
	building_permit: 'BP',
	receipt: 'RC',
	certificate: 'CC',
	excavation_permit: 'EX'
};

/** Numbers restart each Jalali year (the municipality's fiscal year starts at Nowruz). */
export function numberYear(issuedOn: IsoDate): number {
	return toJalali(issuedOn).year;
}

/** @example documentNumber('building_permit', 1405, 123) // 'BP-1405-000123' */
export function documentNumber(kind: IssuedDocumentKind, year: number, seq: number): string {
	return `${NUMBER_PREFIX[kind]}-${year}-${String(seq).padStart(6, '0')}`;
}

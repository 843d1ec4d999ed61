/**
 * The detailed plan's rule book on the server: which book is in force on a day, the rules for a
 * zone code or a parcel, storing a book. The rules themselves and the proposal check are the pure
 * core in src/lib/domain/rules; this module only reads and writes them through the repository.
 */
import { zoneCodeKey, type ApplicableRules, type RuleBook, type ZoneRules } from '../../domain/rules';
import { tehranDate, type IsoDate } from '../../domain/working-days';
import { toPersianDigits } from '../../domain/text';
import { NotFoundError } from '../errors';
import {
	findBookInForce,
	findParcelZoneCode,
	findRulesInForce,
	findZoningCodes,
	findZoningCodesMissingFrom,
	insertRuleBook,
	type Queryable
} from './rule-book.repository';
import { toRuleBookVersion, toZoneRules, type NewRuleBook, type RuleBookRow } from './zone-rules-row';

/** Today in Tehran: the day the rules in force are looked up for. */
export function today(): IsoDate {
	return tehranDate(new Date());
}

export async function ruleBookInForce(db: Queryable, on: IsoDate = today()): Promise<RuleBookRow | null> {
	return findBookInForce(db, on);
}

export interface RulesInForce {
	book: RuleBookRow;
	/** Rows of the asked codes the book has, by zoneCodeKey. A code missing here is "rules not defined". */
	zones: Map<string, ZoneRules>;
}

/** The book in force and its rows for several zone codes (a parcel's zones), in one query; null when no book is in force. */
export async function zoneRulesInForce(db: Queryable, codes: readonly string[], on: IsoDate = today()): Promise<RulesInForce | null> {
	const keys = [...new Set(codes.map(zoneCodeKey))];
	const found = await findRulesInForce(db, on, keys);
	if (!found) return null;
	return { book: found.book, zones: new Map(found.zones.map((z) => [z.zone_code, toZoneRules(z)])) };
}

/** The rules core's view of one code's rules in force: `zone: null` when the book lacks the code. Null when no book is in force. */
export function applicable(inForce: RulesInForce, zoneCode: string | null): ApplicableRules {
	const zone = zoneCode === null ? null : (inForce.zones.get(zoneCodeKey(zoneCode)) ?? null);
	return { book: toRuleBookVersion(inForce.book), zone_code: zoneCode, zone };
}

/** The rules in force for a zone code; null when no book is in force. */
export async function rulesForZone(db: Queryable, zoneCode: string | null, on: IsoDate = today()): Promise<ApplicableRules | null> {
	const inForce = await zoneRulesInForce(db, zoneCode === null ? [] : [zoneCode], on);
	return inForce && applicable(inForce, zoneCode);
}

/**
 * The rules in force for a parcel: those of the zone covering most of it. Null when no book is in force.
 * @throws NotFoundError (404, `parcel_not_found`) when there is no such parcel.
 */
export async function rulesForParcel(db: Queryable, parcelId: number, on: IsoDate = today()): Promise<ApplicableRules | null> {
	const parcel = await findParcelZoneCode(db, parcelId);
	if (!parcel.found) throw parcelNotFound(parcelId);
	return rulesForZone(db, parcel.zone_code, on);
}

export function parcelNotFound(id: number): NotFoundError {
	return new NotFoundError('parcel_not_found', { fa: toPersianDigits(`پلاکی با شناسهٔ ${id} پیدا نشد.`), en: `No parcel has id ${id}.` });
}

/** Stores a book and its zones (keyed by zoneCodeKey); call it inside the caller's transaction. */
export async function saveRuleBook(db: Queryable, book: NewRuleBook, zones: readonly ZoneRules[]): Promise<number> {
	return insertRuleBook(db, book, zones.map((z) => ({ ...z, zone_code: zoneCodeKey(z.zone_code) })));
}

/** A rule book of the core (e.g. the sample city's) as stored. */
export function newRuleBookOf(book: RuleBook): { book: NewRuleBook; zones: ZoneRules[] } {
	return {
		book: {
			title: book.title_fa,
			title_en: book.title_en,
			effective_from: book.effective_from,
			source: book.source,
			clauses: book.clauses,
			is_sample: book.sample
		},
		zones: book.zones
	};
}

/** Zone codes of the zoning layer the book has no rules for ("rules not defined" on their parcels). */
export async function zoningCodesWithoutRules(db: Queryable, bookId: number): Promise<{ code: string; zones: number }[]> {
	return findZoningCodesMissingFrom(db, bookId);
}

export interface ZoningCoverage {
	/** The book in force; null when none is. */
	book: RuleBookRow | null;
	/** Zoning codes without rules in it (every code when no book is in force), with their polygon counts. */
	codesWithoutRules: { code: string; zones: number }[];
}

/** Which zoning codes the book in force covers: reported after importing zoning or a book. */
export async function zoningCoverage(db: Queryable, on: IsoDate = today()): Promise<ZoningCoverage> {
	const book = await findBookInForce(db, on);
	return { book, codesWithoutRules: book ? await findZoningCodesMissingFrom(db, book.id) : await findZoningCodes(db) };
}

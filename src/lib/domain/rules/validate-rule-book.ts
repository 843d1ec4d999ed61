/**
 * Checks a typed rule book before it is used or stored: the version is complete, zone codes are
 * unique, and every value is within its field's range, in the same terms as the CSV reader.
 */
import type { Bilingual } from '../../i18n/lang';
import { checkNumber } from './rule-cells';
import { NORTH_DEPTH_MAX_OFFSET_M } from './north-depth';
import { checkParkingBands } from './parking-bands';
import type { RuleProblem } from './problem';
import { zoneCodeKey, type RuleBook, type ZoneRules } from './rule-book';
import { ZONE_FIELDS, type RuleFieldName } from './rule-fields';
import { FLOOR_USES } from './uses';

export interface RuleBookProblem extends RuleProblem {
	/** The zone row, or null for the book's own fields. */
	zone_code: string | null;
	field: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isIsoDate(text: string): boolean {
	if (!ISO_DATE.test(text)) return false;
	const d = new Date(`${text}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

function zoneProblems(zone: ZoneRules): RuleBookProblem[] {
	const problems: RuleBookProblem[] = [];
	const add = (field: string, code: string, message: Bilingual) => problems.push({ zone_code: zone.zone_code, field, code, message });
	for (const field of ZONE_FIELDS) {
		const value = zone[field.name as Exclude<RuleFieldName, `clause_${string}`>];
		if ((field.kind.type === 'number' || field.kind.type === 'integer') && value !== null) {
			const r = typeof value === 'number' && Number.isFinite(value) ? checkNumber(field, value) : null;
			if (!r) add(field.name, 'not_a_number', { fa: `${field.label.fa} باید عدد باشد.`, en: `The ${field.label.en} must be a number.` });
			else if (!r.ok) add(field.name, r.problem.code, r.problem.message);
		}
	}
	if (zone.parking) {
		const r = checkParkingBands(zone.parking);
		if (!r.ok) add('parking', r.problem.code, r.problem.message);
	}
	if (zone.north_depth && zone.north_depth !== 'none') {
		const { fraction, plus_m } = zone.north_depth;
		if (!(fraction > 0 && fraction <= 1) || !(Math.abs(plus_m) <= NORTH_DEPTH_MAX_OFFSET_M)) {
			add('north_depth', 'north_depth_out_of_range', {
				fa: 'سهم عمق شمالی باید بیش از صفر و حداکثر ۱ و مقدار متری آن حداکثر ۲۰ متر باشد.',
				en: 'The north-side depth share must be above 0 and at most 1, and its metres at most 20.'
			});
		}
	}
	if (zone.light_well && zone.light_well !== 'none') {
		const { min_area_m2: a, min_pct_of_net: p } = zone.light_well;
		if ((a === null && p === null) || (a !== null && !(a >= 0)) || (p !== null && !(p >= 0 && p <= 100))) {
			add('light_well', 'light_well_out_of_range', {
				fa: 'ضابطهٔ نورگیر باید مساحتی نامنفی یا سهمی بین ۰ و ۱۰۰٪ داشته باشد.',
				en: 'The light-well rule needs a non-negative area or a share between 0 and 100 %.'
			});
		}
	}
	if (zone.pilotis !== null && !['required', 'allowed', 'not_allowed'].includes(zone.pilotis)) {
		add('pilotis', 'bad_pilotis', { fa: 'پیلوت باید الزامی، مجاز یا ممنوع باشد.', en: 'Pilotis must be required, allowed or not_allowed.' });
	}
	for (const use of zone.allowed_uses ?? []) {
		if (!(use in FLOOR_USES)) add('allowed_uses', 'unknown_use', { fa: `«${use}» کاربری شناخته‌شده‌ای نیست.`, en: `"${use}" is not a known use.` });
	}
	return problems;
}

/**
 * Every problem in a rule book; empty when it can be used.
 *
 * @example validateRuleBook(SAMPLE_RULE_BOOK) // []
 */
export function validateRuleBook(book: RuleBook): RuleBookProblem[] {
	const problems: RuleBookProblem[] = [];
	const add = (field: string, code: string, fa: string, en: string) => problems.push({ zone_code: null, field, code, message: { fa, en } });
	if (!book.id.trim()) add('id', 'missing', 'شناسهٔ دفترچهٔ ضوابط خالی است.', 'The rule book has no id.');
	if (!book.title_fa.trim()) add('title_fa', 'missing', 'عنوان فارسی دفترچهٔ ضوابط خالی است.', 'The rule book has no Persian title.');
	if (!book.source.trim()) add('source', 'missing', 'منبع دفترچهٔ ضوابط (مصوبه یا سند) خالی است.', 'The rule book does not say where it comes from.');
	if (!isIsoDate(book.effective_from)) {
		add('effective_from', 'bad_date', `تاریخ اجرای «${book.effective_from}» تاریخ درستی (YYYY-MM-DD) نیست.`, `The effective date "${book.effective_from}" is not a valid YYYY-MM-DD date.`);
	}
	const seen = new Set<string>();
	for (const zone of book.zones) {
		const key = zoneCodeKey(zone.zone_code);
		if (key === '') {
			problems.push({ zone_code: zone.zone_code, field: 'zone_code', code: 'missing_zone_code', message: { fa: 'ردیفی کد پهنه ندارد.', en: 'A row has no zone code.' } });
		} else if (seen.has(key)) {
			problems.push({
				zone_code: zone.zone_code,
				field: 'zone_code',
				code: 'duplicate_zone_code',
				message: { fa: `کد پهنهٔ «${zone.zone_code}» دو بار آمده است.`, en: `Zone code "${zone.zone_code}" appears twice.` }
			});
		}
		seen.add(key);
		problems.push(...zoneProblems(zone));
	}
	return problems;
}

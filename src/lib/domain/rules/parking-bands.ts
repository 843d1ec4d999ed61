/**
 * Parking required per residential unit by the unit's size, as a table of size bands, e.g.
 * one space per unit up to 150 m² and two above (Yazd: ≥1; 150–300 m² → 2; > 300 → 3; some
 * cities use half spaces). Written in a rule book as `150:1; *:2` or «تا ۱۵۰: ۱؛ بیشتر: ۲».
 */
import type { Bilingual } from '../../i18n/lang';
import { normaliseText } from '../text';
import { area, figure, num } from './numbers';
import { readFail, readOk, type Read } from './problem';

/** Units up to `up_to_m2` (inclusive) need `spaces` each; the last band is open (`up_to_m2: null`). */
export interface ParkingBand {
	up_to_m2: number | null;
	spaces: number;
}

export const PARKING_MAX_SPACES_PER_UNIT = 10;

const FORMAT_FA = '«150:1; *:2» یا «تا ۱۵۰: ۱؛ بیشتر: ۲»';
const FORMAT_EN = '"150:1; *:2" or "≤150:1, >150:2"';

const OPEN = /^(\*|>\d+(\.\d+)?|بیشتر|بالاتر|سایر|else|above|more|rest)$/;

/**
 * Checks a band table: limits rising, spaces between 0 and {@link PARKING_MAX_SPACES_PER_UNIT},
 * exactly one open band, last. Returns a copy of the table, or the first problem.
 */
export function checkParkingBands(bands: readonly ParkingBand[]): Read<ParkingBand[]> {
	if (bands.length === 0) return readFail('parking_empty', 'جدول پارکینگ هیچ ردیفی ندارد.', 'The parking table has no bands.');
	for (const [i, band] of bands.entries()) {
		const last = i === bands.length - 1;
		if ((band.up_to_m2 === null) !== last) {
			return readFail(
				'parking_open_band',
				'در جدول پارکینگ فقط ردیف آخر باید «بیشتر» (بدون سقف مساحت) باشد.',
				'Only the last parking band may be open-ended ("above"), and it must be there.'
			);
		}
		if (band.up_to_m2 !== null && (band.up_to_m2 <= 0 || (i > 0 && band.up_to_m2 <= bands[i - 1].up_to_m2!))) {
			return readFail('parking_bands_order', 'سقف مساحت ردیف‌های جدول پارکینگ باید مثبت و صعودی باشد.', 'The parking bands\' size limits must be positive and rising.');
		}
		if (!(band.spaces >= 0 && band.spaces <= PARKING_MAX_SPACES_PER_UNIT)) {
			const n = num(PARKING_MAX_SPACES_PER_UNIT);
			return readFail('parking_spaces_out_of_range', `تعداد پارکینگ هر واحد باید بین ۰ و ${n.fa} باشد.`, `Spaces per unit must be between 0 and ${n.en}.`);
		}
	}
	return readOk(bands.map((b) => ({ ...b })));
}

/**
 * Reads a band table from text. Entries are separated by `;`, `،` or `,`; each is
 * `limit:spaces` with the limit a size in m² (optionally after ≤ or «تا») or the open band
 * (`*`, `>150`, «بیشتر»). A bare number means that many spaces for every unit.
 *
 * @example parseParkingBands('150:1; *:2') // [{ up_to_m2: 150, spaces: 1 }, { up_to_m2: null, spaces: 2 }]
 */
export function parseParkingBands(text: string): Read<ParkingBand[]> {
	const t = normaliseText(text)
		.toLowerCase()
		.replace(/٫/g, '.')
		.replace(/[\s\u200c]|m2|m²|متر|مربع|واحد|فضا|space(s)?|up ?to|≤|<=|تا/g, '');
	if (t === '') return readFail('parking_empty', 'جدول پارکینگ خالی است.', 'The parking table is empty.');
	if (/^\d+(\.\d+)?$/.test(t)) return checkParkingBands([{ up_to_m2: null, spaces: Number(t) }]);
	const bands: ParkingBand[] = [];
	for (const entry of t.split(/[;؛،,]/).filter(Boolean)) {
		const m = /^([^:=]+)[:=](\d+(?:\.\d+)?)$/.exec(entry);
		const limit = m?.[1] ?? '';
		if (!m || !(OPEN.test(limit) || /^\d+(\.\d+)?$/.test(limit))) {
			return readFail(
				'parking_unreadable',
				`ردیف «${entry}» جدول پارکینگ خوانا نیست؛ نمونهٔ درست: ${FORMAT_FA}.`,
				`The parking band "${entry}" cannot be read; write the table like ${FORMAT_EN}.`
			);
		}
		const above = /^>(\d+(\.\d+)?)$/.exec(limit);
		const previous = bands.at(-1)?.up_to_m2;
		if (above && Number(above[1]) !== previous) {
			return readFail(
				'parking_bands_gap',
				`ردیف «${entry}» جدول پارکینگ با سقف ردیف پیش از آن نمی‌خواند.`,
				`The parking band "${entry}" does not start where the band before it ends.`
			);
		}
		bands.push({ up_to_m2: OPEN.test(limit) ? null : Number(limit), spaces: Number(m[2]) });
	}
	return checkParkingBands(bands);
}

/** Spaces one unit of `unit_area_m2` needs under the bands. */
export function spacesForUnit(bands: readonly ParkingBand[], unit_area_m2: number): number {
	// 1e-9 keeps a unit of exactly 150 m² in the "up to 150 m²" band despite binary fractions.
	const band = bands.find((b) => b.up_to_m2 === null || unit_area_m2 <= b.up_to_m2 + 1e-9);
	return band ? band.spaces : bands[bands.length - 1].spaces;
}

/**
 * Spaces the building needs: the sum over its units, rounded up to whole spaces (half spaces of
 * two units make one; a half space left over still needs a whole one).
 *
 * @example requiredParking([{ up_to_m2: 150, spaces: 1 }, { up_to_m2: null, spaces: 2 }], [85, 160]) // 3
 */
export function requiredParking(bands: readonly ParkingBand[], unit_areas_m2: readonly number[]): number {
	const sum = unit_areas_m2.reduce((s, a) => s + spacesForUnit(bands, a), 0);
	return Math.max(0, Math.ceil(sum - 1e-9));
}

/** The table in words: `{ fa: '۱ فضا برای واحد تا ۱۵۰٫۰۰ م²؛ ۲ فضا برای بزرگ‌تر', en: '1 space per unit up to 150.00 m²; 2 for larger units' }`. */
export function describeParkingBands(bands: readonly ParkingBand[]): Bilingual {
	const fa: string[] = [];
	const en: string[] = [];
	for (const [i, b] of bands.entries()) {
		const n = figure(b.spaces);
		if (b.up_to_m2 === null) {
			fa.push(i === 0 ? `${n.fa} فضا برای هر واحد` : `${n.fa} فضا برای بزرگ‌تر`);
			en.push(i === 0 ? `${n.en} per unit` : `${n.en} for larger units`);
		} else {
			const a = area(b.up_to_m2);
			fa.push(`${n.fa} فضا برای واحد تا ${a.fa}`);
			en.push(`${n.en} ${b.spaces === 1 ? 'space' : 'spaces'} per unit up to ${a.en}`);
		}
	}
	return { fa: fa.join('؛ '), en: en.join('; ') };
}

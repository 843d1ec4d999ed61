/**
 * The excavation check (`POST /api/excavations/check`): what a drawn dig breaks, what it clashes
 * with, what forbids it, whom it must be referred to, and what it costs. Routes call this; the
 * database is reached only through the repositories.
 */
import type { ExcavationCheck } from '../../api/excavation';
import { BadInputError } from '../errors';
import { storageSrid, type StorageGeometry } from '../spatial';
import { contains, utmAreaOfUse } from '../parcels/area-of-use';
import { toPersianDigits } from '../../domain/text';
import { worksCategory, type SurfaceType } from '../../domain/excavation/works';
import { statedMeasure } from '../../domain/excavation/measure';
import { assessExcavationFee, feeBases, type FeeBasis } from '../../domain/excavation/fee';
import type { DrawnFeature, ExcavationCheckInput } from '../../schemas/excavation';
import { computeFootprint, type Queryable } from './footprint.repository';
import { runCheck } from './check.repository';
import { blackoutHits, clashList, moratoriumHits, referrals, reviewTiming, streetsCrossed } from './check-report';
import { workingCalendarOf } from '../calendar/closures';
import { excavationSettings, type ExcavationSettings } from './settings';
import { addCalendarDays, tehranDate, type IsoDate, type WorkingCalendar } from '../../domain/working-days';
import { formatDate } from '../../i18n/format';

export interface MeasuredDrawing {
	footprint: StorageGeometry;
	area_m2: number;
	length_m: number;
}


/** Every position inside the storage CRS's area of use: a UTM zone is meaningless far outside it. */
function assertInCrsArea(features: readonly DrawnFeature[], srid: number) {
	const area = utmAreaOfUse(srid);
	if (!area) return;
	features.forEach((f, i) => {
		const rings = f.kind === 'trench' ? [f.geometry.coordinates] : f.geometry.coordinates;
		const outside = rings.flat().find(([lon, lat]) => !contains(area, lon, lat));
		if (outside) {
			throw new BadInputError('outside_city_area', {
				fa: toPersianDigits(`features[${i}] بیرون از محدودهٔ شهر است (${outside[0]}، ${outside[1]}): دستگاه مختصات شهر، ${area.name}، فقط طول ${area.west} تا ${area.east} درجه را پوشش می‌دهد.`),
				en: `features[${i}] is outside the city (${outside[0]}, ${outside[1]}): the city's CRS, ${area.name}, covers only longitudes ${area.west}° to ${area.east}°.`
			});
		}
	});
}

/**
 * The drawing measured in the storage CRS: the union footprint (trenches buffered with flat ends),
 * its area and the trenches' length.
 * @throws BadInputError (400) naming the feature: `invalid_geometry` (PostGIS's reason) or `outside_city_area`.
 */
export async function measureDrawing(db: Queryable, features: readonly DrawnFeature[]): Promise<MeasuredDrawing> {
	const srid = await storageSrid(db);
	assertInCrsArea(features, srid);
	const measured = await computeFootprint(db, features, srid);
	for (const f of measured.features) {
		if (!f.valid) {
			throw new BadInputError('invalid_geometry', {
				fa: toPersianDigits(`هندسهٔ features[${f.i}] معتبر نیست: ${f.reason ?? ''}`),
				en: `The geometry of features[${f.i}] is not valid: ${f.reason ?? ''}`
			});
		}
		if (!f.in_city) {
			throw new BadInputError('outside_city_area', {
				fa: toPersianDigits(`features[${f.i}] در هیچ منطقهٔ شهر نیست؛ مختصات را بررسی کنید (WGS84، طول و عرض جغرافیایی).`),
				en: `features[${f.i}] lies in none of the city's districts; check the coordinates (WGS84 longitude/latitude).`
			});
		}
	}
	return { footprint: measured.footprint!, area_m2: measured.area_m2 ?? 0, length_m: measured.length_m };
}

/**
 * How far back an emergency's start may be dated: a main that burst last night (or on the Friday
 * before) is dug at once and filed when the office opens, so it may have started up to 3 days
 * before today; a planned dig may not start before today.
 */
export const EMERGENCY_BACKDATE_DAYS = 3;

/**
 * Refuses a start date in the past (Tehran's calendar day at `now`, the app's clock): before
 * today for a planned dig, more than EMERGENCY_BACKDATE_DAYS before today for an emergency.
 * @throws BadInputError (400) `start_in_past` naming the date, today and the rule
 */
export function assertStartNotPast(input: Pick<ExcavationCheckInput, 'start' | 'emergency'>, now: Date = new Date()): void {
	const today = tehranDate(now);
	const earliest: IsoDate = input.emergency ? addCalendarDays(today, -EMERGENCY_BACKDATE_DAYS) : today;
	if (input.start >= earliest) return;
	const date = (d: IsoDate) => ({ fa: formatDate(d, 'fa'), en: `${formatDate(d, 'en')} (${d})` });
	const start = date(input.start);
	const on = date(today);
	throw new BadInputError(
		'start_in_past',
		input.emergency
			? {
					fa: toPersianDigits(`تاریخ شروع (${start.fa}) بیش از ${EMERGENCY_BACKDATE_DAYS} روز پیش از امروز (${on.fa}) است؛ کار اضطراری را حداکثر ${EMERGENCY_BACKDATE_DAYS} روز پس از شروع ثبت کنید.`),
					en: `The start date, ${start.en}, is more than ${EMERGENCY_BACKDATE_DAYS} days before today, ${on.en}; an emergency must be filed within ${EMERGENCY_BACKDATE_DAYS} days of its start.`
				}
			: {
					fa: toPersianDigits(`تاریخ شروع (${start.fa}) گذشته است؛ امروز ${on.fa} است و حفاری برنامه‌ریزی‌شده از امروز یا پس از آن شروع می‌شود. اگر کار اضطراری است، «اضطراری» را بزنید.`),
					en: `The start date, ${start.en}, is in the past: today is ${on.en}, and a planned dig starts today or later. If the works are an emergency, mark them as one.`
				}
	);
}

/**
 * Checks a drawn dig against the city: streets and surfaces broken, clashes with other works
 * (warnings), moratoriums and calendar blackouts (refusals unless an emergency), referrals for
 * protected areas, and the fee under the tariff book. A start date in the past is refused
 * (assertStartNotPast: before today, or for an emergency more than 3 days before).
 *
 * @example await checkExcavation(db, { features: [{ kind: 'trench', geometry, width_m: 0.8 }], start: '2026-12-01', end: '2026-12-10', emergency: false })
 */
export async function checkExcavation(
	db: Queryable,
	input: ExcavationCheckInput,
	settings: ExcavationSettings = excavationSettings(),
	{ now = new Date() }: { now?: Date } = {}
): Promise<ExcavationCheck> {
	assertStartNotPast(input, now);
	return (await checkDrawing(db, input, settings, { now, calendar: await workingCalendarOf(db) })).check;
}

/**
 * How ground off the surface layer is charged: as the dearest kind of ground (by the book's rate for a
 * square metre) the layer has within `unmappedNearM` of it, else as the settings' default ground. A
 * layer is never complete, and what it misses must not go uncharged; the officer sees it named.
 */
export function unmappedGround(
	near: readonly { surface: SurfaceType; road_class: string }[],
	settings: Pick<ExcavationSettings, 'tariffBook' | 'unmappedDefault'>
): { ground: { surface: SurfaceType; road_class: string }; near: boolean } {
	const perM2 = (g: { surface: SurfaceType; road_class: string }) => {
		try {
			return assessExcavationFee([{ ...g, recently_paved: false, area_m2: 1 }], settings.tariffBook).total_rial;
		} catch {
			return -1; // ground the book cannot price: never chosen over ground it can
		}
	};
	let best: { surface: SurfaceType; road_class: string } | null = null;
	let bestRate = -1;
	for (const g of near) {
		const rate = perM2(g);
		if (rate > bestRate) [best, bestRate] = [{ surface: g.surface, road_class: g.road_class }, rate];
	}
	return best && bestRate >= 0 ? { ground: best, near: true } : { ground: { ...settings.unmappedDefault }, near: false };
}

/**
 * The check and the measured drawing it was run on (filing stores both, in the same transaction).
 * `workId`: the work whose own dig this is, when an existing work is checked again, so it is not
 * listed as a clash with itself.
 */
export async function checkDrawing(
	db: Queryable,
	input: ExcavationCheckInput,
	settings: ExcavationSettings = excavationSettings(),
	{ workId = null, now = new Date(), calendar }: { workId?: number | null; now?: Date; calendar?: WorkingCalendar } = {}
): Promise<{ check: ExcavationCheck; drawing: MeasuredDrawing; bases: FeeBasis[] }> {
	const drawing = await measureDrawing(db, input.features);
	const candidate = { footprint: drawing.footprint, start: input.start, end: input.end, workId };
	const row = await runCheck(db, candidate, settings.clashDistanceM, settings.unmappedNearM);
	const moratoriums = moratoriumHits(row.moratoriums, input.emergency);
	const blackouts = blackoutHits(row.blackouts, input.emergency);
	const off = row.unmapped[0];
	const unmappedM2 = off ? statedMeasure(off.area_m2) : 0;
	const chargedAs = unmappedM2 > 0 && off ? unmappedGround(off.near, settings) : null;
	const bases = feeBases(chargedAs && off ? [...row.pieces, { ...chargedAs.ground, area_m2: off.area_m2, paved_m2: off.paved_m2 }] : row.pieces);
	const category = worksCategory(input.start, input.end, input.emergency);
	const referred = referrals(row.overlays);
	const check: ExcavationCheck = {
		area_m2: statedMeasure(drawing.area_m2),
		length_m: statedMeasure(drawing.length_m),
		category,
		allowed: !moratoriums.some((m) => m.refuses) && !blackouts.some((b) => b.refuses),
		streets: streetsCrossed(row.pieces),
		unmapped_m2: unmappedM2,
		unmapped_charged_as: chargedAs && { ...chargedAs.ground, near: chargedAs.near, within_m: settings.unmappedNearM },
		clashes: clashList(row.clashes),
		moratoriums,
		blackouts,
		referrals: referred,
		review: reviewTiming(input, category, referred.length, now, calendar ?? (await workingCalendarOf(db))),
		fee: assessExcavationFee(bases, settings.tariffBook)
	};
	return { check, drawing, bases };
}

/**
 * Rules on where the building stands: inside the parcel, behind the widening line and any front
 * setback, on the north side within the allowed depth («۶۰٪ + ۲ متر»), with a large enough light well. Where the
 * footprint is only a number, where it stands is unknown and an officer checks the drawings.
 */
import { area, metres } from '../numbers';
import { allowedNorthDepth, describeNorthDepth } from '../north-depth';
import { describeLightWell, requiredLightWell } from '../light-well';
import { answer, FOOTPRINT_TOLERANCE_M2, notDefined, within, type CheckContext, type RuleResult } from './verdict';

const NOT_DRAWN = {
	fa: 'سطح اشغال فقط به صورت عدد داده شده و جای آن روی نقشه معلوم نیست؛ آن را روی نقشه بکشید یا کارشناس نقشه‌ها را بررسی می‌کند.',
	en: 'The footprint was given only as a number, so where it stands is unknown; draw it on the map, or an officer checks the drawings.'
};

export function checkFootprintInParcel(ctx: CheckContext): RuleResult {
	const fp = ctx.facts.footprint;
	if (!fp) return answer(ctx, 'footprint_in_parcel', 'needs_officer', { limit: null, proposed: null, unit: null }, NOT_DRAWN);
	const figures = { limit: FOOTPRINT_TOLERANCE_M2, proposed: fp.outside_parcel_m2, unit: 'm2' } as const;
	if (fp.outside_parcel_m2 <= FOOTPRINT_TOLERANCE_M2) {
		return answer(ctx, 'footprint_in_parcel', 'pass', figures, { fa: 'بنای پیشنهادی درون مرز پلاک است.', en: 'The proposed footprint lies inside the parcel.' });
	}
	const out = area(fp.outside_parcel_m2);
	return answer(ctx, 'footprint_in_parcel', 'fail', figures, {
		fa: `${out.fa} از بنای پیشنهادی بیرون از مرز پلاک است.`,
		en: `${out.en} of the proposed footprint lies outside the parcel.`
	});
}

export function checkFootprintBeyondWidening(ctx: CheckContext): RuleResult {
	const { footprint: fp, setback_area_m2 } = ctx.facts;
	if (!fp) {
		if (setback_area_m2 <= FOOTPRINT_TOLERANCE_M2) {
			return answer(ctx, 'footprint_beyond_widening', 'pass', { limit: FOOTPRINT_TOLERANCE_M2, proposed: 0, unit: 'm2' }, {
				fa: 'بر اصلاحی از این پلاک چیزی نمی‌گیرد، پس بنا در محدودهٔ تعریض نیست.',
				en: 'The widening line takes nothing from this parcel, so the building cannot stand beyond it.'
			});
		}
		const setback = area(setback_area_m2);
		return answer(ctx, 'footprint_beyond_widening', 'needs_officer', { limit: FOOTPRINT_TOLERANCE_M2, proposed: null, unit: 'm2' }, {
			fa: `${setback.fa} از پلاک در محدودهٔ تعریض است و ${NOT_DRAWN.fa}`,
			en: `${setback.en} of the parcel lies beyond the widening line. ${NOT_DRAWN.en}`
		});
	}
	const figures = { limit: FOOTPRINT_TOLERANCE_M2, proposed: fp.beyond_widening_m2, unit: 'm2' } as const;
	if (fp.beyond_widening_m2 <= FOOTPRINT_TOLERANCE_M2) {
		return answer(ctx, 'footprint_beyond_widening', 'pass', figures, { fa: 'بنای پیشنهادی پشت بر اصلاحی است.', en: 'The proposed footprint stays behind the widening line.' });
	}
	const beyond = area(fp.beyond_widening_m2);
	return answer(ctx, 'footprint_beyond_widening', 'fail', figures, {
		fa: `${beyond.fa} از بنای پیشنهادی در محدودهٔ تعریض خیابان (جلوتر از بر اصلاحی) است.`,
		en: `${beyond.en} of the proposed footprint lies beyond the widening line, inside the planned street.`
	});
}

/** A front setback besides the widening line; null when the zone sets none (0 m). */
export function checkFrontSetback(ctx: CheckContext): RuleResult | null {
	const setback = ctx.zone.front_setback_m;
	const distance = ctx.facts.footprint?.front_distance_m ?? null;
	if (setback === 0) return null;
	if (setback === null) return notDefined(ctx, 'front_setback', distance, 'm');
	const min = metres(setback);
	if (distance === null) {
		const why = ctx.facts.footprint ? { fa: 'فاصلهٔ بنا تا بر خیابان اندازه‌گیری نشده است.', en: 'The distance from the building to the street edge was not measured.' } : NOT_DRAWN;
		return answer(ctx, 'front_setback', 'needs_officer', { limit: setback, proposed: null, unit: 'm' }, {
			fa: `بنا باید دست‌کم ${min.fa} از بر خیابان فاصله داشته باشد. ${why.fa}`,
			en: `The building must stand at least ${min.en} back from the street edge. ${why.en}`
		});
	}
	const d = metres(distance);
	return within(setback, distance)
		? answer(ctx, 'front_setback', 'pass', { limit: setback, proposed: distance, unit: 'm' }, { fa: `بنا ${d.fa} از بر خیابان فاصله دارد و حداقل ${min.fa} است.`, en: `The building stands ${d.en} back from the street edge; the minimum is ${min.en}.` })
		: answer(ctx, 'front_setback', 'fail', { limit: setback, proposed: distance, unit: 'm' }, { fa: `بنا فقط ${d.fa} از بر خیابان فاصله دارد، کمتر از حداقل ${min.fa}.`, en: `The building stands only ${d.en} back from the street edge, less than the minimum of ${min.en}.` });
}

/** null when the zone has no north-side rule. */
export function checkNorthDepth(ctx: CheckContext): RuleResult | null {
	const rule = ctx.zone.north_depth;
	const fp = ctx.facts.footprint;
	if (rule === 'none') return null;
	if (rule === null) return notDefined(ctx, 'north_depth', fp?.depth_m ?? null, 'm');
	const words = describeNorthDepth(rule);
	const depth = ctx.facts.parcel_depth_m;
	if (!fp || depth === null) {
		const why = !fp ? NOT_DRAWN : { fa: 'عمق پلاک اندازه‌گیری نشده است؛ کارشناس باید آن را بسنجد.', en: 'The parcel depth was not measured; an officer must check it.' };
		return answer(ctx, 'north_depth', 'needs_officer', { limit: null, proposed: fp?.depth_m ?? null, unit: 'm' }, {
			fa: `ضابطهٔ عمق ساخت شمالی ${words.fa} است. ${why.fa}`,
			en: `The north-side depth rule is ${words.en}. ${why.en}`
		});
	}
	const limit = allowedNorthDepth(rule, depth);
	const [d, max, pd] = [metres(fp.depth_m), metres(limit), metres(depth)];
	const ok = within(fp.depth_m, limit);
	return answer(ctx, 'north_depth', ok ? 'pass' : 'fail', { limit, proposed: fp.depth_m, unit: 'm' }, ok
		? { fa: `عمق بنا ${d.fa} از عمق مجاز ${max.fa} (${words.fa}، با عمق پلاک ${pd.fa}) بیشتر نیست.`, en: `The building depth of ${d.en} is within the allowed ${max.en} (${words.en}, on a parcel ${pd.en} deep).` }
		: { fa: `عمق بنا ${d.fa} از عمق مجاز ${max.fa} (${words.fa}، با عمق پلاک ${pd.fa}) بیشتر است.`, en: `The building depth of ${d.en} exceeds the allowed ${max.en} (${words.en}, on a parcel ${pd.en} deep).` });
}

/** null when the zone has no light-well rule. */
export function checkLightWell(ctx: CheckContext): RuleResult | null {
	const rule = ctx.zone.light_well;
	const given = ctx.proposal.light_well_m2;
	if (rule === 'none') return null;
	if (rule === null) return notDefined(ctx, 'light_well', given, 'm2');
	const limit = requiredLightWell(rule, ctx.facts.net_area_m2);
	const [min, words] = [area(limit), describeLightWell(rule)];
	const figures = { limit, proposed: given, unit: 'm2' } as const;
	if (!ctx.facts.footprint || !given) {
		const why = !ctx.facts.footprint
			? NOT_DRAWN
			: { fa: 'نورگیری معرفی نشده است؛ لازم بودن آن به جانمایی فضاها بستگی دارد.', en: 'No light well was given; whether one is needed depends on the layout.' };
		return answer(ctx, 'light_well', 'needs_officer', figures, {
			fa: `نورگیر، اگر لازم باشد، در این پلاک باید دست‌کم ${min.fa} باشد (${words.fa}). ${why.fa}`,
			en: `A light well, where one is needed, must here be at least ${min.en} (${words.en}). ${why.en}`
		});
	}
	const proposed = area(given);
	// Here the proposal must reach the limit, not stay under it.
	return within(limit, given)
		? answer(ctx, 'light_well', 'pass', figures, { fa: `نورگیر ${proposed.fa} دست‌کم ${min.fa} (${words.fa}) است.`, en: `The light well of ${proposed.en} reaches the minimum of ${min.en} (${words.en}).` })
		: answer(ctx, 'light_well', 'fail', figures, { fa: `نورگیر ${proposed.fa} از حداقل ${min.fa} (${words.fa}) کوچک‌تر است.`, en: `The light well of ${proposed.en} is smaller than the minimum of ${min.en} (${words.en}).` });
}

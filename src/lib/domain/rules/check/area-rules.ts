/**
 * Rules on areas, all measured against the parcel's net area after the widening line: the net
 * area itself, density (total floor area ≤ net × density %) and occupancy (footprint ≤ net ×
 * occupancy %).
 */
import { area, percent } from '../numbers';
import { densityFloorArea, footprintArea, largestLevel } from './measures';
import { answer, levelName, notDefined, within, zoneName, type CheckContext, type RuleResult } from './verdict';

export function checkNetArea(ctx: CheckContext): RuleResult {
	const { gross_area_m2, setback_area_m2, net_area_m2 } = ctx.facts;
	const [gross, setback, net] = [area(gross_area_m2), area(setback_area_m2), area(net_area_m2)];
	const figures = { limit: null, proposed: net_area_m2, unit: 'm2' } as const;
	if (net_area_m2 <= 0) {
		return answer(ctx, 'net_area', 'fail', figures, {
			fa: `بر اصلاحی تمام پلاک (${gross.fa}) را در بر می‌گیرد؛ ساخت بنا روی آن ممکن نیست.`,
			en: `The widening line takes the whole parcel (${gross.en}); nothing may be built on it.`
		});
	}
	return answer(ctx, 'net_area', 'pass', figures, {
		fa: `مساحت خالص پس از اصلاحی ${net.fa} است (مساحت پلاک ${gross.fa} منهای عقب‌نشینی ${setback.fa})؛ تراکم و سطح اشغال بر این مساحت محاسبه می‌شوند.`,
		en: `The net area after the widening line is ${net.en} (parcel ${gross.en} less ${setback.en} of setback); density and occupancy apply to it.`
	});
}

export function checkDensity(ctx: CheckContext): RuleResult {
	const { counted_m2, exempt_m2 } = densityFloorArea(ctx.proposal.floors);
	const pct = ctx.zone.density_pct;
	if (pct === null) return notDefined(ctx, 'density', counted_m2, 'm2');
	const net = ctx.facts.net_area_m2;
	const limit = (net * pct) / 100;
	const [total, max, p, n] = [area(counted_m2), area(limit), percent(pct), area(net)];
	const exempt = exempt_m2 > 0 ? { fa: ` (بدون ${area(exempt_m2).fa} پیلوت، پارکینگ و انباری زیرزمین)`, en: ` (not counting ${area(exempt_m2).en} of pilotis, parking and basement storage)` } : { fa: '', en: '' };
	const figures = { limit, proposed: counted_m2, unit: 'm2' } as const;
	if (within(counted_m2, limit)) {
		return answer(ctx, 'density', 'pass', figures, {
			fa: `زیربنای کل ${total.fa}${exempt.fa} از سقف تراکم ${max.fa} (${p.fa} مساحت خالص ${n.fa}) بیشتر نیست.`,
			en: `The total floor area of ${total.en}${exempt.en} is within the density limit of ${max.en} (${p.en} of the net area of ${n.en}).`
		});
	}
	const over = area(counted_m2 - limit);
	return answer(ctx, 'density', 'fail', figures, {
		fa: `زیربنای کل ${total.fa}${exempt.fa} از سقف تراکم ${max.fa} (${p.fa} مساحت خالص ${n.fa}) به اندازهٔ ${over.fa} بیشتر است.`,
		en: `The total floor area of ${total.en}${exempt.en} exceeds the density limit of ${max.en} (${p.en} of the net area of ${n.en}) by ${over.en}.`
	});
}

export function checkOccupancy(ctx: CheckContext): RuleResult {
	const footprint = footprintArea(ctx.proposal, ctx.facts);
	const pct = ctx.zone.occupancy_pct;
	if (pct === null) return notDefined(ctx, 'occupancy', footprint, 'm2');
	const net = ctx.facts.net_area_m2;
	const limit = (net * pct) / 100;
	const [fp, max, p, n] = [area(footprint), area(limit), percent(pct), area(net)];
	const figures = { limit, proposed: footprint, unit: 'm2' } as const;
	if (!within(footprint, limit)) {
		const over = area(footprint - limit);
		return answer(ctx, 'occupancy', 'fail', figures, {
			fa: `سطح اشغال ${fp.fa} به اندازهٔ ${over.fa} از حد مجاز ${max.fa} (${p.fa} مساحت خالص ${n.fa}) بیشتر است.`,
			en: `The footprint of ${fp.en} exceeds the occupancy limit of ${max.en} (${p.en} of the net area of ${n.en}) by ${over.en}.`
		});
	}
	// A floor wider than the footprint means projections (پیش‌آمدگی), which the plan limits case by case.
	const largest = largestLevel(ctx.proposal.floors);
	if (largest && !within(largest.area_m2, footprint)) {
		const fl = area(largest.area_m2);
		return answer(ctx, 'occupancy', 'needs_officer', { ...figures, proposed: largest.area_m2 }, {
			fa: `${levelName(largest.level).fa} با ${fl.fa} از سطح اشغال ${fp.fa} بزرگ‌تر است؛ پیش‌آمدگی را کارشناس باید بررسی کند (حد سطح اشغال ${max.fa}).`,
			en: `At ${fl.en}, ${levelName(largest.level).en} is larger than the footprint of ${fp.en}; an officer must judge the projections (occupancy limit ${max.en}).`
		});
	}
	return answer(ctx, 'occupancy', 'pass', figures, {
		fa: `سطح اشغال ${fp.fa} از حد مجاز ${max.fa} (${p.fa} مساحت خالص ${n.fa} در ${zoneName(ctx).fa}) بیشتر نیست.`,
		en: `The footprint of ${fp.en} is within the occupancy limit of ${max.en} (${p.en} of the net area of ${n.en} in ${zoneName(ctx).en}).`
	});
}

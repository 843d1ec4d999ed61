/**
 * Units (واحدها) against the floors they lie on: the units of a use cannot together be larger
 * than the floor area of that use. A unit's area is its own floor space, so units that add up to
 * more than their floors cannot be built; the permit, the fees (units and their rate) and the
 * parking would otherwise follow units the building cannot hold.
 */
import { FLOOR_USES, type FloorUse } from '../uses';
import { area, num } from '../numbers';
import { answer, within, type CheckContext, type RuleResult } from './verdict';

interface UseAreas {
	use: FloorUse;
	units: number;
	units_m2: number;
	floors_m2: number;
}

/** For each use that has units: how many, their total area, and the floor area of that use (all levels). */
export function unitAreasByUse(ctx: CheckContext): UseAreas[] {
	const byUse = new Map<FloorUse, UseAreas>();
	for (const u of ctx.proposal.units) {
		const row = byUse.get(u.use) ?? { use: u.use, units: 0, units_m2: 0, floors_m2: 0 };
		row.units++;
		row.units_m2 += u.area_m2;
		byUse.set(u.use, row);
	}
	for (const f of ctx.proposal.floors) {
		const row = byUse.get(f.use);
		if (row) row.floors_m2 += f.area_m2;
	}
	// residential first: the figures shown are the homes', unless another use is the one that fails
	return [...byUse.values()].sort((a, b) => Number(b.use === 'residential') - Number(a.use === 'residential'));
}

function unitsWord(n: number, use: FloorUse) {
	const count = num(n);
	return { fa: `${count.fa} واحد ${FLOOR_USES[use].fa}`, en: `${count.en} ${FLOOR_USES[use].en} ${n === 1 ? 'unit' : 'units'}` };
}

export function checkUnitAreas(ctx: CheckContext): RuleResult {
	const rows = unitAreasByUse(ctx);
	if (rows.length === 0) {
		return answer(ctx, 'unit_areas', 'pass', { limit: null, proposed: null, unit: null }, {
			fa: 'واحدی معرفی نشده است؛ مساحت واحدها با طبقات سنجیده نشد.',
			en: 'No units are listed, so there are no unit areas to compare with the floors.'
		});
	}
	const over = rows.filter((r) => !within(r.units_m2, r.floors_m2));
	const shown = over[0] ?? rows[0];
	const figures = { limit: shown.floors_m2, proposed: shown.units_m2, unit: 'm2' } as const;
	if (over.length > 0) {
		const sentences = over.map((r) => {
			const [units, floors, extra, word] = [area(r.units_m2), area(r.floors_m2), area(r.units_m2 - r.floors_m2), unitsWord(r.units, r.use)];
			return {
				fa: `مجموع مساحت ${word.fa} ${units.fa} است و از زیربنای طبقات ${FLOOR_USES[r.use].fa} (${floors.fa}) به اندازهٔ ${extra.fa} بیشتر است`,
				en: `the ${word.en} add up to ${units.en}, ${extra.en} more than the ${floors.en} of ${FLOOR_USES[r.use].en} floor area`
			};
		});
		return answer(ctx, 'unit_areas', 'fail', figures, {
			fa: `${sentences.map((s) => s.fa).join('؛ ')}؛ واحدها در طبقات پیشنهادی جا نمی‌شوند. مساحت یا تعداد واحدها را کم کنید یا طبقات را اصلاح کنید.`,
			en: `${cap(sentences.map((s) => s.en).join('; '))}: the units do not fit in the proposed floors. Reduce the units' areas or number, or correct the floors.`
		});
	}
	const sentences = rows.map((r) => {
		const [units, floors, word] = [area(r.units_m2), area(r.floors_m2), unitsWord(r.units, r.use)];
		return { fa: `مجموع مساحت ${word.fa} (${units.fa}) از زیربنای طبقات ${FLOOR_USES[r.use].fa} (${floors.fa}) بیشتر نیست`, en: `the ${word.en} add up to ${units.en}, within the ${floors.en} of ${FLOOR_USES[r.use].en} floor area` };
	});
	return answer(ctx, 'unit_areas', 'pass', figures, {
		fa: `${sentences.map((s) => s.fa).join('؛ ')}.`,
		en: `${cap(sentences.map((s) => s.en).join('; '))}.`
	});
}

function cap(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

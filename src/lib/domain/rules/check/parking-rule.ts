/**
 * Parking: the spaces the rule book's size bands require for the residential units, against the
 * spaces proposed. Other units' parking is not in the bands, so an officer decides it.
 */
import { FLOOR_USES } from '../uses';
import { num } from '../numbers';
import { describeParkingBands, requiredParking } from '../parking-bands';
import { answer, notDefined, type CheckContext, type RuleResult } from './verdict';

function spaces(n: number) {
	const f = num(n);
	return { fa: `${f.fa} فضای پارک`, en: `${f.en} parking ${n === 1 ? 'space' : 'spaces'}` };
}

export function checkParking(ctx: CheckContext): RuleResult {
	const { units, floors, parking_spaces } = ctx.proposal;
	const bands = ctx.zone.parking;
	if (bands === null) return notDefined(ctx, 'parking', parking_spaces, 'spaces');
	const homes = units.filter((u) => u.use === 'residential');
	const others = units.filter((u) => u.use !== 'residential');
	const required = requiredParking(bands, homes.map((u) => u.area_m2));
	const figures = { limit: required, proposed: parking_spaces, unit: 'spaces' } as const;
	const [need, have, table] = [spaces(required), spaces(parking_spaces), describeParkingBands(bands)];
	const homesWord = { fa: `${num(homes.length).fa} واحد مسکونی`, en: `${num(homes.length).en} residential ${homes.length === 1 ? 'unit needs' : 'units need'}` };
	const proposedWord = parking_spaces === 1 ? 'is proposed' : 'are proposed';

	if (parking_spaces < required) {
		return answer(ctx, 'parking', 'fail', figures, {
			fa: `${homesWord.fa} به ${need.fa} نیاز دارد (${table.fa})، اما ${have.fa} پیشنهاد شده است.`,
			en: `${homesWord.en} ${need.en} (${table.en}), but ${have.en} ${proposedWord}.`
		});
	}
	if (others.length > 0) {
		const uses = [...new Set(others.map((u) => u.use))].map((u) => FLOOR_USES[u]);
		return answer(ctx, 'parking', 'needs_officer', figures, {
			fa: `پارکینگ واحدهای ${uses.map((u) => u.fa).join('، ')} در جدول پارکینگ ضوابط نیست و کارشناس باید آن را تعیین کند؛ ${homesWord.fa} به ${need.fa} نیاز دارد و ${have.fa} پیشنهاد شده است.`,
			en: `Parking for ${uses.map((u) => u.en).join(', ')} units is not in the rule book's parking table, so an officer must set it; ${homesWord.en} ${need.en} and ${have.en} ${proposedWord}.`
		});
	}
	if (homes.length === 0 && floors.some((f) => f.use === 'residential')) {
		return answer(ctx, 'parking', 'needs_officer', figures, {
			fa: 'طبقهٔ مسکونی پیشنهاد شده اما واحدی معرفی نشده است؛ پارکینگ لازم را بدون مساحت واحدها نمی‌توان محاسبه کرد.',
			en: 'Residential floors are proposed but no units are listed; the parking required cannot be worked out without the units\' sizes.'
		});
	}
	return answer(ctx, 'parking', 'pass', figures, {
		fa: `${homesWord.fa} به ${need.fa} نیاز دارد (${table.fa}) و ${have.fa} پیشنهاد شده است.`,
		en: `${homesWord.en} ${need.en} (${table.en}) and ${have.en} ${proposedWord}.`
	});
}

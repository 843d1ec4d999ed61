/**
 * Rules on the building's size upwards: the zone's floors and height, and each overlay's (a
 * heritage or river buffer) floors, height and any rule in words, which only an officer can apply.
 */
import type { Bilingual } from '../../../i18n/lang';
import type { OverlayFacts } from '../facts';
import { metres, num } from '../numbers';
import { groundIsPilotis, storeys } from './measures';
import { answer, notDefined, within, zoneName, type CheckContext, type RuleResult, type RuleUnit } from './verdict';

function floorsWord(n: number): Bilingual {
	const f = num(n);
	return { fa: `${f.fa} طبقه`, en: `${f.en} ${n === 1 ? 'floor' : 'floors'}` };
}

/** The proposal's storeys in words, saying when a pilotis ground floor is not counted. */
function proposedStoreys(ctx: CheckContext): { count: number; words: Bilingual } {
	const count = storeys(ctx.proposal.floors);
	const w = floorsWord(count);
	return groundIsPilotis(ctx.proposal.floors)
		? { count, words: { fa: `${w.fa} روی پیلوت`, en: `${w.en} above the pilotis` } }
		: { count, words: w };
}

/** pass or fail against a limit, in a sentence naming what imposes it. */
function compare(ctx: CheckContext, rule: 'floors' | 'height' | 'overlay_height' | 'overlay_floors', unit: RuleUnit, proposed: number, limit: number, words: { proposed: Bilingual; limit: Bilingual; by: Bilingual }): RuleResult {
	const ok = within(proposed, limit);
	const what = unit === 'm' ? { fa: 'ارتفاع', en: 'height' } : { fa: 'تعداد طبقات', en: 'number of floors' };
	return answer(ctx, rule, ok ? 'pass' : 'fail', { limit, proposed, unit }, ok
		? { fa: `${what.fa} پیشنهادی (${words.proposed.fa}) از حد ${words.limit.fa} ${words.by.fa} بیشتر نیست.`, en: `The proposed ${what.en} (${words.proposed.en}) is within the limit of ${words.limit.en} ${words.by.en}.` }
		: { fa: `${what.fa} پیشنهادی (${words.proposed.fa}) از حد ${words.limit.fa} ${words.by.fa} بیشتر است.`, en: `The proposed ${what.en} (${words.proposed.en}) exceeds the limit of ${words.limit.en} ${words.by.en}.` });
}

export function checkFloors(ctx: CheckContext): RuleResult {
	const { count, words } = proposedStoreys(ctx);
	const max = ctx.zone.max_floors;
	if (max === null) return notDefined(ctx, 'floors', count, 'floors');
	const zone = zoneName(ctx);
	return compare(ctx, 'floors', 'floors', count, max, { proposed: words, limit: floorsWord(max), by: { fa: `در ${zone.fa}`, en: `in ${zone.en}` } });
}

export function checkHeight(ctx: CheckContext): RuleResult {
	const h = ctx.proposal.height_m;
	const max = ctx.zone.max_height_m;
	if (max === null) return notDefined(ctx, 'height', h, 'm');
	const zone = zoneName(ctx);
	return compare(ctx, 'height', 'm', h, max, { proposed: metres(h), limit: metres(max), by: { fa: `در ${zone.fa}`, en: `in ${zone.en}` } });
}

/** Each overlay's limits, and its rule in words as a question for an officer. */
export function checkOverlay(ctx: CheckContext, overlay: OverlayFacts): RuleResult[] {
	const name = { fa: overlay.name_fa, en: overlay.name_en ?? overlay.name_fa };
	const by = { fa: `در «${name.fa}»`, en: `in the ${name.en}` };
	const results: RuleResult[] = [];
	if (overlay.max_height_m !== null) {
		const h = ctx.proposal.height_m;
		results.push(compare(ctx, 'overlay_height', 'm', h, overlay.max_height_m, { proposed: metres(h), limit: metres(overlay.max_height_m), by }));
	}
	if (overlay.max_floors !== null) {
		const { count, words } = proposedStoreys(ctx);
		results.push(compare(ctx, 'overlay_floors', 'floors', count, overlay.max_floors, { proposed: words, limit: floorsWord(overlay.max_floors), by }));
	}
	if (overlay.rule_fa || overlay.rule_en) {
		results.push(
			answer(ctx, 'overlay_rule', 'needs_officer', { limit: null, proposed: null, unit: null }, {
				fa: `پلاک در «${name.fa}» است و ضابطهٔ آن را کارشناس باید بسنجد: ${overlay.rule_fa ?? overlay.rule_en}`,
				en: `The parcel lies in the ${name.en}, whose rule an officer must apply: ${overlay.rule_en ?? overlay.rule_fa}`
			})
		);
	}
	return results.map((r) => ({ ...r, overlay_id: overlay.id }));
}

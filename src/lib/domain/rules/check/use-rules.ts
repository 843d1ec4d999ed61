/**
 * Rules on what the zone is and allows: which rule-book row applies (or that none does), the
 * proposed uses against the zone's land use, and pilotis.
 */
import { formatJalali } from '../../jalali';
import { allowedUses, FLOOR_USES, landUseName, type FloorUse } from '../uses';
import { answer, levelName, notDefined, zoneName, type CheckContext, type RuleResult } from './verdict';

const NONE = { limit: null, proposed: null, unit: null } as const;

/** Which rules apply: the zone's row of the book in force, or why an officer must state them. */
export function checkZoneRules(ctx: CheckContext): RuleResult {
	const { rules, facts } = ctx;
	const book = rules.book;
	const bookName = { fa: `«${book.title_fa}» (اجرا از ${formatJalali(book.effective_from, 'fa')})`, en: `"${book.title_en}" (in force from ${book.effective_from})` };
	if (rules.zone_code === null) {
		return answer(ctx, 'zone_rules', 'needs_officer', NONE, {
			fa: 'پلاک در پهنه‌بندی طرح تفصیلی نیست؛ ضوابط آن را کارشناس شهرسازی باید اعلام کند.',
			en: "The parcel is outside the detailed plan's zoning; a planning officer must state its rules."
		});
	}
	if (rules.zone === null) {
		return answer(ctx, 'zone_rules', 'needs_officer', NONE, {
			fa: `ضوابط تعریف نشده: پهنهٔ ${rules.zone_code} در ${bookName.fa} نیست؛ قاعده‌های وابسته به پهنه را کارشناس باید بسنجد.`,
			en: `Rules not defined: zone ${rules.zone_code} is not in ${bookName.en}; an officer must apply the zone's rules.`
		});
	}
	if (facts.other_zone_codes.length > 0) {
		const others = facts.other_zone_codes.join('، ');
		return answer(ctx, 'zone_rules', 'needs_officer', NONE, {
			fa: `پلاک بیشتر در پهنهٔ ${rules.zone_code} است اما به پهنهٔ ${others} هم می‌رسد؛ ضوابط هر بخش را کارشناس باید تعیین کند. بررسی زیر با ضوابط ${rules.zone_code} از ${bookName.fa} است.`,
			en: `The parcel lies mostly in zone ${rules.zone_code} but reaches into ${facts.other_zone_codes.join(', ')}; an officer must say which rules govern each part. The checks below use zone ${rules.zone_code} of ${bookName.en}.`
		});
	}
	return answer(ctx, 'zone_rules', 'pass', NONE, {
		fa: `ضوابط پهنهٔ ${rules.zone_code} از ${bookName.fa} بر این پلاک حاکم است.`,
		en: `The rules of zone ${rules.zone_code} in ${bookName.en} apply to this parcel.`
	});
}

export function checkLandUse(ctx: CheckContext): RuleResult {
	const allowed = allowedUses(ctx.zone.land_use, ctx.zone.allowed_uses);
	if (allowed === null) return notDefined(ctx, 'land_use', null, null);
	const zone = zoneName(ctx);
	const named = ctx.zone.land_use ? landUseName(ctx.zone.land_use) : null;
	const landUse = named ? { fa: ` (${named.fa})`, en: ` (${named.en})` } : { fa: '', en: '' };
	const refused = ctx.proposal.floors.filter((f) => !allowed.includes(f.use));
	const unitUses = ctx.proposal.units.filter((u) => !allowed.includes(u.use)).map((u) => u.use);
	const bad: FloorUse[] = [...new Set([...refused.map((f) => f.use), ...unitUses])];
	if (bad.length > 0) {
		const where = refused[0] ? levelName(refused[0].level) : null;
		const uses = { fa: bad.map((u) => FLOOR_USES[u].fa).join('، '), en: bad.map((u) => FLOOR_USES[u].en).join(', ') };
		return answer(ctx, 'land_use', 'fail', NONE, {
			fa: `${zone.fa}${landUse.fa} کاربری ${uses.fa}${where ? ` (${where.fa})` : ''} را مجاز نمی‌داند؛ تغییر کاربری با کمیسیون ماده ۵ است.`,
			en: `${cap(zone.en)}${landUse.en} does not allow ${uses.en} use${where ? ` (${where.en})` : ''}; a change of use is for the Article 5 commission.`
		});
	}
	const used = [...new Set(ctx.proposal.floors.map((f) => f.use))];
	return answer(ctx, 'land_use', 'pass', NONE, {
		fa: `همهٔ کاربری‌های پیشنهادی (${used.map((u) => FLOOR_USES[u].fa).join('، ')}) در ${zone.fa}${landUse.fa} مجاز است.`,
		en: `Every proposed use (${used.map((u) => FLOOR_USES[u].en).join(', ')}) is allowed in ${zone.en}${landUse.en}.`
	});
}

export function checkPilotis(ctx: CheckContext): RuleResult {
	const rule = ctx.zone.pilotis;
	const has = ctx.proposal.pilotis;
	const figures = { limit: null, proposed: null, unit: null } as const;
	if (rule === null) return notDefined(ctx, 'pilotis', null, null);
	const zone = zoneName(ctx);
	if (rule === 'required' && !has) {
		return answer(ctx, 'pilotis', 'fail', figures, { fa: `${zone.fa} همکف پیلوت می‌خواهد، اما پیشنهاد پیلوت ندارد.`, en: `${cap(zone.en)} requires a pilotis ground floor, but the proposal has none.` });
	}
	if (rule === 'not_allowed' && has) {
		return answer(ctx, 'pilotis', 'fail', figures, { fa: `در ${zone.fa} پیلوت مجاز نیست، اما پیشنهاد همکف پیلوت دارد.`, en: `Pilotis is not allowed in ${zone.en}, but the proposal has a pilotis ground floor.` });
	}
	const state = has ? { fa: 'دارد', en: 'has a' } : { fa: 'ندارد', en: 'has no' };
	const ruleWords = { required: { fa: 'الزامی', en: 'required' }, allowed: { fa: 'مجاز', en: 'allowed' }, not_allowed: { fa: 'مجاز نیست', en: 'not allowed' } }[rule];
	return answer(ctx, 'pilotis', 'pass', figures, {
		fa: `پیشنهاد همکف پیلوت ${state.fa} و پیلوت در ${zone.fa} ${ruleWords.fa} است.`,
		en: `The proposal ${state.en} pilotis ground floor; pilotis is ${ruleWords.en} in ${zone.en}.`
	});
}

function cap(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

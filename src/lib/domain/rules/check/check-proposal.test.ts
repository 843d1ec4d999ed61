import { describe, expect, it } from 'vitest';
import { parseProposal } from '../proposal';
import { rulesForZone } from '../rule-book';
import { SAMPLE_RULE_BOOK } from '../sample-rule-book';
import { checkProposal } from './check-proposal';
import { drawnCase, facts, proposal, rules } from './test-support';

const verdicts = (r: ReturnType<typeof checkProposal>) => Object.fromEntries(r.rules.map((x) => [x.rule + (x.overlay_id ? `#${x.overlay_id}` : ''), x.verdict]));

describe('checkProposal', () => {
	it('clears a drawn proposal that meets every rule', () => {
		const c = drawnCase({}, { light_well_m2: 12 });
		const r = checkProposal(c.facts, rules(), c.proposal);
		expect(r.ok).toBe(true);
		expect(r.summary).toEqual({ pass: 14, fail: 0, needs_officer: 0 });
		expect(r.rules.map((x) => x.rule)).toEqual([
			'zone_rules',
			'net_area',
			'land_use',
			'density',
			'occupancy',
			'floors',
			'height',
			'unit_areas',
			'parking',
			'footprint_in_parcel',
			'footprint_beyond_widening',
			'north_depth',
			'light_well',
			'pilotis'
		]);
	});

	it('answers in the contract shape, every rule with a clause and both languages', () => {
		const c = drawnCase({}, { light_well_m2: 12 });
		for (const rule of checkProposal(c.facts, rules(), c.proposal).rules) {
			expect(Object.keys(rule)).toEqual(expect.arrayContaining(['rule', 'verdict', 'limit', 'proposed', 'clause', 'explanation']));
			expect(rule.clause).toMatch(/^ضوابط طرح تفصیلی نمونه/);
			expect(rule.explanation.fa).toMatch(/[\u0600-\u06ff]/);
			// Figures in Persian digits; only zone codes such as R121 keep Latin ones.
			expect(rule.explanation.fa.replace(/\b[A-Z]\d+\b/g, '')).not.toMatch(/\d/);
			expect(rule.explanation.en).toMatch(/\.$/);
		}
	});

	it('is not ok while any rule needs an officer, even with no failure', () => {
		const r = checkProposal(facts(), rules(), proposal());
		expect(r.summary.fail).toBe(0);
		expect(r.summary.needs_officer).toBe(3); // a footprint given as a number: in parcel, north depth, light well
		expect(r.ok).toBe(false);
		expect(verdicts(r)).toMatchObject({ footprint_in_parcel: 'needs_officer', north_depth: 'needs_officer', light_well: 'needs_officer', footprint_beyond_widening: 'pass' });
	});

	it('is not ok when a rule fails', () => {
		const c = drawnCase({}, { light_well_m2: 12, height_m: 12 });
		const r = checkProposal(c.facts, rules(), c.proposal);
		expect(r.ok).toBe(false);
		expect(r.summary).toEqual({ pass: 13, fail: 1, needs_officer: 0 });
		expect(r.rules.find((x) => x.verdict === 'fail')?.rule).toBe('height');
	});

	it('is not ok when the units cannot fit in the floors, whatever else passes', () => {
		const c = drawnCase({}, {
			light_well_m2: 12,
			floors: [
				{ level: 0, use: 'pilotis', area_m2: 150 },
				{ level: 1, use: 'residential', area_m2: 140 },
				{ level: 2, use: 'residential', area_m2: 140 }
			],
			units: [143, 143, 143].map((area_m2) => ({ area_m2, use: 'residential' as const }))
		});
		const r = checkProposal(c.facts, rules(), c.proposal);
		expect(r.ok).toBe(false);
		expect(r.rules.filter((x) => x.verdict !== 'pass').map((x) => [x.rule, x.verdict, x.limit, x.proposed])).toEqual([['unit_areas', 'fail', 280, 429]]);
	});

	it('checks a zone missing from the book as "rules not defined", never against zeros', () => {
		const c = drawnCase({}, { light_well_m2: 12 }, { zone_code: 'X999' });
		const r = checkProposal(c.facts, rulesForZone(SAMPLE_RULE_BOOK, 'X999'), c.proposal);
		expect(r.ok).toBe(false);
		expect(r.summary.fail).toBe(0);
		expect(verdicts(r)).toEqual({
			zone_rules: 'needs_officer',
			net_area: 'pass',
			land_use: 'needs_officer',
			density: 'needs_officer',
			occupancy: 'needs_officer',
			floors: 'needs_officer',
			height: 'needs_officer',
			unit_areas: 'pass',
			parking: 'needs_officer',
			footprint_in_parcel: 'pass',
			footprint_beyond_widening: 'pass',
			front_setback: 'needs_officer',
			north_depth: 'needs_officer',
			light_well: 'needs_officer',
			pilotis: 'needs_officer'
		});
		expect(r.rules.find((x) => x.rule === 'density')).toMatchObject({ limit: null, proposed: 540 });
	});

	it('adds each overlay after the zone limits', () => {
		const overlay = { id: 3, kind: 'river_buffer', name_fa: 'حریم رودخانه', name_en: 'River buffer', max_height_m: 12, max_floors: 3, rule_fa: null, rule_en: null };
		const r = checkProposal(facts({ overlays: [overlay] }), rules(), proposal());
		expect(r.rules.slice(7, 9).map((x) => [x.rule, x.overlay_id, x.verdict])).toEqual([
			['overlay_height', 3, 'pass'],
			['overlay_floors', 3, 'pass']
		]);
	});

	it('records the rule-book version it was checked under', () => {
		const r = checkProposal(facts(), rules(), proposal());
		expect(r.rule_book).toEqual({
			id: 'sample-1404',
			title_fa: SAMPLE_RULE_BOOK.title_fa,
			title_en: SAMPLE_RULE_BOOK.title_en,
			effective_from: '2025-03-21',
			source: SAMPLE_RULE_BOOK.source,
			sample: true
		});
	});

	it('refuses facts that do not match how the footprint was given', () => {
		const c = drawnCase();
		expect(() => checkProposal(facts(), rules(), c.proposal)).toThrow(/facts.footprint/);
		expect(() => checkProposal(c.facts, rules(), proposal())).toThrow(/facts.footprint/);
	});

	it('checks the contract example end to end', () => {
		const parsed = parseProposal({
			floors: [
				{ level: 1, use: 'residential', area_m2: 180 },
				{ level: 2, use: 'residential', area_m2: 180 }
			],
			footprint_m2: 180,
			height_m: 10.5,
			units: [{ area_m2: 85 }, { area_m2: 85 }],
			parking_spaces: 2
		});
		if (!parsed.ok) throw new Error('the example must parse');
		const r = checkProposal(facts(), rules(), parsed.value);
		expect(verdicts(r)).toMatchObject({ density: 'pass', occupancy: 'pass', floors: 'pass', height: 'pass', parking: 'pass', pilotis: 'fail' });
		expect(JSON.parse(JSON.stringify(r))).toEqual(r);
	});
});

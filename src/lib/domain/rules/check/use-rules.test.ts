import { describe, expect, it } from 'vitest';
import { checkLandUse, checkPilotis, checkZoneRules } from './use-rules';
import { ctx, facts, proposal, rules } from './test-support';

describe('zone rules', () => {
	it('names the zone and the book version in force', () => {
		const r = checkZoneRules(ctx());
		expect(r).toMatchObject({ rule: 'zone_rules', verdict: 'pass', clause: 'ضوابط طرح تفصیلی نمونه، بند ۱-۱' });
		expect(r.explanation.en).toBe('The rules of zone R121 in "Detailed-plan rules of the sample city (داده نمونه — sample data)" (in force from 2025-03-21) apply to this parcel.');
		expect(r.explanation.fa).toContain('اجرا از ۱ فروردین ۱۴۰۴');
	});
	it('says "rules not defined" for a code missing from the book', () => {
		const r = checkZoneRules(ctx({ facts: facts({ zone_code: 'X999' }), rules: rules(null, 'X999') }));
		expect(r.verdict).toBe('needs_officer');
		expect(r.explanation.en).toMatch(/^Rules not defined: zone X999 is not in/);
		expect(r.explanation.fa).toMatch(/^ضوابط تعریف نشده: پهنهٔ X999/);
	});
	it('asks an officer outside the zoning and on a parcel straddling zones', () => {
		expect(checkZoneRules(ctx({ facts: facts({ zone_code: null }), rules: rules(null, null) })).verdict).toBe('needs_officer');
		const r = checkZoneRules(ctx({ facts: facts({ other_zone_codes: ['C211'] }) }));
		expect(r.verdict).toBe('needs_officer');
		expect(r.explanation.en).toContain('reaches into C211');
	});
});

describe('land use', () => {
	it('passes uses the residential zone allows, parking and pilotis included', () => {
		const r = checkLandUse(ctx());
		expect(r.verdict).toBe('pass');
		expect(r.explanation.en).toBe('Every proposed use (pilotis, residential) is allowed in zone R121 (residential).');
		expect(r.explanation.fa).toBe('همهٔ کاربری‌های پیشنهادی (پیلوت، مسکونی) در پهنهٔ R121 (مسکونی) مجاز است.');
	});
	it('fails a use the zone does not allow, naming the floor', () => {
		const p = proposal({ floors: [...proposal().floors.slice(1), { level: 0, use: 'commercial', area_m2: 60 }], pilotis: false });
		const r = checkLandUse(ctx({ proposal: p }));
		expect(r.verdict).toBe('fail');
		expect(r.explanation.en).toBe('Zone R121 (residential) does not allow commercial use (the ground floor); a change of use is for the Article 5 commission.');
	});
	it('fails a unit of a use the zone does not allow', () => {
		const p = proposal({ units: [{ area_m2: 50, use: 'office' }] });
		expect(checkLandUse(ctx({ proposal: p })).verdict).toBe('fail');
	});
	it("follows the row's own list of allowed uses", () => {
		const p = proposal({ floors: [{ level: 1, use: 'office', area_m2: 100 }], pilotis: false });
		expect(checkLandUse(ctx({ proposal: p, rules: rules({ allowed_uses: ['residential', 'office'] }) })).verdict).toBe('pass');
	});
	it('asks an officer when the land use is blank or unknown', () => {
		expect(checkLandUse(ctx({ rules: rules({ land_use: null }) })).verdict).toBe('needs_officer');
		expect(checkLandUse(ctx({ rules: rules({ land_use: 'spaceport' }) })).verdict).toBe('needs_officer');
	});
});

describe('pilotis', () => {
	const noPilotis = proposal({ floors: proposal().floors.slice(1), pilotis: false });
	it('passes pilotis where required and fails its absence', () => {
		expect(checkPilotis(ctx()).verdict).toBe('pass');
		const r = checkPilotis(ctx({ proposal: noPilotis }));
		expect(r).toMatchObject({ verdict: 'fail', clause: 'ضوابط طرح تفصیلی نمونه، بند ۵-۲' });
		expect(r.explanation.en).toBe('Zone R121 requires a pilotis ground floor, but the proposal has none.');
	});
	it('fails pilotis where it is not allowed, citing the zone clause', () => {
		const r = checkPilotis(ctx({ rules: rules({}, 'T111') }));
		expect(r).toMatchObject({ verdict: 'fail', clause: 'ضوابط طرح تفصیلی نمونه، بند ۸-۳' });
	});
	it('passes either way where pilotis is allowed', () => {
		expect(checkPilotis(ctx({ rules: rules({ pilotis: 'allowed' }) })).verdict).toBe('pass');
		const r = checkPilotis(ctx({ proposal: noPilotis, rules: rules({ pilotis: 'allowed' }) }));
		expect(r.verdict).toBe('pass');
		expect(r.explanation.en).toBe('The proposal has no pilotis ground floor; pilotis is allowed in zone R121.');
	});
	it('asks an officer when the book leaves pilotis blank', () => {
		expect(checkPilotis(ctx({ rules: rules({ pilotis: null }) })).verdict).toBe('needs_officer');
	});
});

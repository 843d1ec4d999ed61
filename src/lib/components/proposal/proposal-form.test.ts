import { describe, expect, it } from 'vitest';
import { parseProposal } from '../../domain/rules/proposal';
import { proposalBody, readNumber, starterProposal, unitsBeyondFloors } from './proposal-form';

describe('readNumber', () => {
	it('reads Persian digits, the Persian decimal mark and thousands grouping', () => {
		expect(readNumber('۱۸۰')).toBe(180);
		expect(readNumber('۱۰٫۵')).toBe(10.5);
		expect(readNumber('1,200')).toBe(1200);
		expect(readNumber('۱٬۲۰۰٫۵')).toBe(1200.5);
		expect(readNumber('2,5')).toBe(2.5);
		expect(readNumber('-1')).toBe(-1);
	});

	it('gives undefined for an empty field and the text for one that is no number', () => {
		expect(readNumber('  ')).toBeUndefined();
		expect(readNumber('ten')).toBe('ten');
	});
});

describe('proposalBody', () => {
	it('makes from the starter proposal a body the server reads without a problem', () => {
		const parsed = parseProposal(proposalBody(starterProposal(300)));
		expect(parsed.ok).toBe(true);
		if (parsed.ok) {
			expect(parsed.value.floors.map((f) => [f.level, f.use, f.area_m2])).toEqual([[0, 'pilotis', 180], [1, 'residential', 180], [2, 'residential', 180], [3, 'residential', 180]]);
			expect(parsed.value.footprint).toEqual({ kind: 'area', area_m2: 180 });
			expect(parsed.value.pilotis).toBe(true);
			expect(parsed.value.light_well_m2).toBeNull();
		}
	});

	it('sends the drawn footprint instead of the number when drawn', () => {
		const polygon = { type: 'Polygon' as const, coordinates: [[[51.67, 32.65], [51.6701, 32.65], [51.6701, 32.6501], [51.67, 32.65]]] };
		const body = proposalBody({ ...starterProposal(300), footprintMode: 'drawn', footprint: polygon });
		expect(body.footprint).toEqual(polygon);
		expect('footprint_m2' in body).toBe(false);
		const parsed = parseProposal(body);
		expect(parsed.ok && parsed.value.footprint.kind).toBe('geometry');
	});

	it('leaves a mistyped number for the server to name', () => {
		const body = proposalBody({ ...starterProposal(300), height: 'tall', lightWell: '۱۲' });
		expect(body.height_m).toBe('tall');
		expect(body.light_well_m2).toBe(12);
		const parsed = parseProposal(body);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.errors.map((e) => e.path)).toEqual(['height_m']);
	});

	it('starts in the reader\'s digits', () => {
		expect(starterProposal(300, 'fa').height).toBe('۱۳');
		expect(starterProposal(300, 'en').floors[1]).toEqual({ level: '1', use: 'residential', area: '180' });
	});

	it('drops empty unit rows and counts a pilotis floor as pilotis', () => {
		const body = proposalBody({ ...starterProposal(300), units: ['85', ' ', '۹۰'], pilotis: false });
		expect(body.units).toEqual([{ area_m2: 85 }, { area_m2: 90 }]);
		expect(body.pilotis).toBe(true);
	});
});

describe('unitsBeyondFloors', () => {
	const row = (level: string, use: 'pilotis' | 'residential' | 'commercial', area: string) => ({ level, use, area });

	it('says nothing while the starter proposal\'s flats fit its floors', () => {
		expect(unitsBeyondFloors(starterProposal(238))).toBeNull();
	});

	it('warns when floors are removed and the flats are left (3 × 143 m² in 2 × 140 m²)', () => {
		const form = { floors: [row('۰', 'pilotis', '۱۴۰'), row('۱', 'residential', '۱۴۰'), row('۲', 'residential', '۱۴۰')], units: ['۱۴۳', '۱۴۳', '۱۴۳'] };
		expect(unitsBeyondFloors(form)).toEqual({ units: 3, units_m2: 429, floors_m2: 280 });
	});

	it('counts only residential floors as room for the flats, and exactly full floors fit', () => {
		expect(unitsBeyondFloors({ floors: [row('0', 'commercial', '200'), row('1', 'residential', '100')], units: ['60', '50'] })).toEqual({ units: 2, units_m2: 110, floors_m2: 100 });
		expect(unitsBeyondFloors({ floors: [row('1', 'residential', '100')], units: ['50', '50', ' '] })).toBeNull();
	});

	it('waits while a figure is mistyped or there are no units', () => {
		expect(unitsBeyondFloors({ floors: [row('1', 'residential', 'ten')], units: ['143'] })).toBeNull();
		expect(unitsBeyondFloors({ floors: [row('1', 'residential', '100')], units: ['1x0'] })).toBeNull();
		expect(unitsBeyondFloors({ floors: [row('1', 'residential', '100')], units: [] })).toBeNull();
	});
});

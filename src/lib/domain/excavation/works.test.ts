import { describe, expect, it } from 'vitest';
import { CLASHING_STATUSES, EXCAVATION_STATUSES, inclusiveDays, PUBLIC_STATUSES, worksCategory } from './works';

describe('works category', () => {
	it('counts both ends of the period', () => {
		expect(inclusiveDays('2026-12-01', '2026-12-01')).toBe(1);
		expect(inclusiveDays('2026-12-30', '2027-01-02')).toBe(4);
		// across Iran's old daylight-saving change dates the count stays whole days
		expect(inclusiveDays('2022-03-20', '2022-03-23')).toBe(4);
	});

	it('is minor up to 3 days, standard to 10, major beyond, immediate for emergencies', () => {
		expect(worksCategory('2026-12-01', '2026-12-03', false)).toBe('minor');
		expect(worksCategory('2026-12-01', '2026-12-04', false)).toBe('standard');
		expect(worksCategory('2026-12-01', '2026-12-10', false)).toBe('standard');
		expect(worksCategory('2026-12-01', '2026-12-11', false)).toBe('major');
		expect(worksCategory('2026-12-01', '2026-12-30', true)).toBe('immediate');
	});

	it('keeps drafts, refused and cancelled works off the map and out of clashes', () => {
		for (const hidden of ['draft', 'refused', 'cancelled'] as const) {
			expect(PUBLIC_STATUSES).not.toContain(hidden);
			expect(CLASHING_STATUSES).not.toContain(hidden);
		}
		for (const s of [...PUBLIC_STATUSES, ...CLASHING_STATUSES]) expect(EXCAVATION_STATUSES).toContain(s);
	});
});

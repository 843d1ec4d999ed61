import { describe, expect, it } from 'vitest';
import { workingCalendar } from '../../domain/working-days';
import { worksCategory } from '../../domain/excavation/works';
import { defaultWorkDates, reviewTiming } from './check-report';

// Saturday 14 Azar 1405, 08:00 in Tehran; Thursdays and Fridays off
const NOW = new Date('2026-12-05T04:30:00Z');
const calendar = workingCalendar();

describe('reviewTiming', () => {
	it('warns when the start asked for comes before the review can finish, naming the review’s due date and the realistic start', () => {
		// standard works: 5 working days, due Saturday 12 Dec (21 Azar); the dig can start Sunday 13 Dec (22 Azar)
		const late = reviewTiming({ start: '2026-12-10', emergency: false }, 'standard', 1, NOW, calendar)!;
		expect(late).toMatchObject({ due_on: '2026-12-12', working_days: 5, earliest_start: '2026-12-13', late: true, pending_referrals: 1 });
		expect(late.message!.fa).toContain('۲۱ آذر ۱۴۰۵');
		expect(late.message!.fa).toContain('۲۲ آذر ۱۴۰۵');
		expect(late.message!.fa).toContain('استعلام');
		expect(late.message!.en).toMatch(/due by 21 Azar 1405 \(2026-12-12, 5 working days\), and a protected-area referral.*from 22 Azar 1405 \(2026-12-13\)/);
	});

	it('says nothing for a start on or after the realistic date, and counts minor works’ shorter review', () => {
		expect(reviewTiming({ start: '2026-12-13', emergency: false }, 'standard', 0, NOW, calendar)).toMatchObject({ late: false, message: null });
		// minor works: 2 working days, due Monday 7 Dec, start from Tuesday 8 Dec
		expect(reviewTiming({ start: '2026-12-08', emergency: false }, 'minor', 0, NOW, calendar)).toMatchObject({ due_on: '2026-12-07', earliest_start: '2026-12-08', late: false });
		const early = reviewTiming({ start: '2026-12-07', emergency: false }, 'minor', 0, NOW, calendar)!;
		expect(early.late).toBe(true);
		expect(early.message!.en).not.toContain('referral');
	});

	it('has no review clock for an emergency, which starts at once', () => {
		expect(reviewTiming({ start: '2026-12-05', emergency: true }, 'immediate', 0, NOW, calendar)).toBeNull();
	});
});

describe('defaultWorkDates', () => {
	it('opens the application form on the first start its review allows, which the check does not call too early', () => {
		// filed Saturday 14 Azar: the standard review is due Saturday 21 Azar, the dig can start Sunday 22 Azar (as above)
		expect(defaultWorkDates(NOW, calendar)).toEqual({ start: '2026-12-13', end: '2026-12-19' });
		// a week on (the old default) was 21 Azar: before the permit
		expect(reviewTiming({ start: '2026-12-12', emergency: false }, 'standard', 0, NOW, calendar)!.late).toBe(true);
	});

	it('agrees with the check on any day of the week and over a city’s closures', () => {
		const closed = workingCalendar({ holidays: ['2026-12-08', '2026-12-09', '2026-12-14'] });
		for (let d = 0; d < 14; d++) {
			const now = new Date(NOW.getTime() + d * 86_400_000 + 9 * 3_600_000); // mid-afternoon in Tehran, each day of two weeks
			for (const cal of [calendar, closed]) {
				const dates = defaultWorkDates(now, cal);
				const category = worksCategory(dates.start, dates.end, false);
				expect(reviewTiming({ start: dates.start, emergency: false }, category, 0, now, cal), `${now.toISOString()}`).toMatchObject({ late: false, earliest_start: dates.start });
			}
		}
	});
});

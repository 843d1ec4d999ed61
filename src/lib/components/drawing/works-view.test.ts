import { describe, expect, it } from 'vitest';
import type { PublicWork } from '../../api/excavation';
import { metresBetween, metresToWork, periodRange, viewBbox, workBounds, worksByDistance, worksUrl } from './works-view';

const work = (id: number, lon: number, lat: number): PublicWork => ({
	type: 'Feature',
	geometry: { type: 'MultiPolygon', coordinates: [[[[lon, lat], [lon + 0.0001, lat], [lon + 0.0001, lat + 0.00005], [lon, lat]]]] },
	properties: {
		id,
		reference: `EXC-${id}`,
		organisation_name_fa: 'آبفا',
		organisation_name_en: 'Water',
		organisation_kind: 'water',
		purpose: 'repair',
		status: 'active',
		category: 'minor',
		emergency: false,
		start: '2026-11-28',
		end: '2026-12-02'
	}
});

describe('viewBbox', () => {
	it('passes a street-level view, rounded to 5 decimals', () => {
		expect(viewBbox([51.6700001, 32.65, 51.68, 32.66])).toEqual([51.67, 32.65, 51.68, 32.66]);
	});

	it('refuses a view wider or taller than the list answers', () => {
		expect(viewBbox([51.6, 32.65, 51.71, 32.66])).toBeNull();
		expect(viewBbox([51.67, 32.6, 51.68, 32.75])).toBeNull();
	});
});

describe('periodRange and worksUrl', () => {
	it('asks for the works under way from today to the end of the period', () => {
		expect(periodRange('today', '2026-11-30')).toEqual({ from: '2026-11-30', to: '2026-11-30' });
		expect(periodRange('month', '2026-11-30')).toEqual({ from: '2026-11-30', to: '2026-12-30' });
		expect(worksUrl([51.67, 32.65, 51.68, 32.66], periodRange('quarter', '2026-11-30'))).toBe('/api/excavations?bbox=51.67,32.65,51.68,32.66&from=2026-11-30&to=2027-02-28');
	});
});

describe('worksByDistance', () => {
	it('lists the nearest work first, with its distance in metres', () => {
		const near = work(2, 51.6701, 32.655);
		const far = work(1, 51.68, 32.655);
		const sorted = worksByDistance([far, near], [51.67, 32.655]);
		expect(sorted.map((s) => s.work.properties.id)).toEqual([2, 1]);
		expect(sorted[0].distance_m).toBeCloseTo(9.4, 0); // 0.0001° of longitude at 32.655° N
	});

	it('measures to the nearest point of a long trench, not to its nearest corner, and 0 inside it', () => {
		// a trench about 375 m long (0.004° of longitude) and 1 m wide (0.000009° of latitude)
		const [w, s, e, n] = [51.67, 32.655, 51.674, 32.655009];
		const trench: PublicWork = { ...work(7, w, s), geometry: { type: 'MultiPolygon', coordinates: [[[[w, s], [e, s], [e, n], [w, n], [w, s]]]] } };
		// standing 0.000045° (about 5 m) north of its middle
		const beside: [number, number] = [(w + e) / 2, n + 0.000045];
		expect(metresToWork(trench, beside)).toBeCloseTo(5, 0);
		expect(worksByDistance([trench], beside)[0].distance_m).toBeLessThan(6);
		expect(metresToWork(trench, [(w + e) / 2, (s + n) / 2])).toBe(0);
		// off its end, the distance is to the end
		expect(metresToWork(trench, [e + 0.0001, s])).toBeCloseTo(9.4, 0);
	});

	it('measures a degree of latitude as about 111 km', () => {
		expect(metresBetween([51.67, 32], [51.67, 33]) / 1000).toBeCloseTo(111.3, 0);
	});

	it('boxes a work around its footprint', () => {
		const box = workBounds(work(1, 51.67, 32.65));
		[51.67, 32.65, 51.6701, 32.65005].forEach((edge, i) => expect(box[i]).toBeCloseTo(edge, 9));
	});
});

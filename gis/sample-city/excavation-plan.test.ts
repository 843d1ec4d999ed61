import { describe, expect, it } from 'vitest';
import { sampleMoratoriums, sampleWorks, type CandidateStreet } from './excavation-plan';
import { EXCAVATION_STATUSES } from '../../src/lib/domain/excavation/works';

const streets: CandidateStreet[] = Array.from({ length: 300 }, (_, i) => ({
	id: i + 1,
	cls: i % 20 === 0 ? 'arterial' : i % 7 === 0 ? 'collector' : i % 3 === 0 ? 'alley' : 'local',
	lengthM: 100 + (i % 9) * 80,
	widthM: i % 20 === 0 ? 30 : 12
}));

describe('the sample excavation plan', () => {
	it('is the same for the same seed and streets, and another for another seed', () => {
		const m = sampleMoratoriums(streets, 1404);
		expect(sampleWorks(streets, m, 1404)).toEqual(sampleWorks(streets, sampleMoratoriums(streets, 1404), 1404));
		expect(sampleWorks(streets, m, 7).map((w) => w.streetId)).not.toEqual(sampleWorks(streets, m, 1404).map((w) => w.streetId));
	});

	it('puts 60 works in every status, each ending on or after it starts, and numbers them in order', () => {
		const works = sampleWorks(streets, sampleMoratoriums(streets, 1404), 1404);
		expect(works).toHaveLength(60);
		expect(new Set(works.map((w) => w.status))).toEqual(new Set(EXCAVATION_STATUSES));
		for (const w of works) expect(w.end >= w.start, w.reference).toBe(true);
		expect(works[0].reference).toBe('EXC-1405-000001');
		expect(new Set(works.map((w) => w.reference)).size).toBe(60);
	});

	it('shares a trench with another organisation’s permitted work, at its place and dates', () => {
		const works = sampleWorks(streets, sampleMoratoriums(streets, 1404), 1404);
		const guests = works.filter((w) => w.sharesTrenchOf !== null);
		expect(guests).toHaveLength(2);
		for (const g of guests) {
			const host = works[g.sharesTrenchOf!];
			expect(['permitted', 'active']).toContain(host.status);
			expect(host.organisation).not.toBe(g.organisation);
			expect([g.streetId, g.at, g.offsetM, g.start, g.end]).toEqual([host.streetId, host.at, host.offsetM, host.start, host.end]);
		}
	});

	it('lays moratoriums on main roads only, three years long', () => {
		for (const m of sampleMoratoriums(streets, 1404)) {
			expect(['arterial', 'collector']).toContain(streets.find((s) => s.id === m.streetId)!.cls);
			expect(Number(m.until.slice(0, 4)) - Number(m.from.slice(0, 4))).toBe(3);
		}
	});

	it('dates the works around the day it is loaded: planned ones ahead, active ones spanning it, completed and closed ones behind, emergencies begun yesterday or 6 days ago', () => {
		for (const today of ['2026-11-15', '2027-08-03', '2031-02-28']) {
			const works = sampleWorks(streets, sampleMoratoriums(streets, 1404, today), 1404, today);
			for (const w of works) {
				const label = `${w.reference} ${w.status} ${w.start}…${w.end} (today ${today})`;
				if (['planned', 'approved', 'permitted', 'draft'].includes(w.status)) expect(w.start > today, label).toBe(true);
				if (w.status === 'active') expect(w.start <= today && w.end >= today, label).toBe(true);
				if (['completed', 'remedial', 'closed'].includes(w.status)) expect(w.end < today, label).toBe(true);
				const daysAgo = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
				if (w.emergency) expect([daysAgo(1), daysAgo(6)], label).toContain(w.start);
			}
			for (const m of sampleMoratoriums(streets, 1404, today)) expect(m.from < today && m.until > today).toBe(true);
		}
		// numbered in the Jalali year of the load day (2027-08-03 is in 1406, 2031-02-28 in 1409)
		expect(sampleWorks(streets, [], 1404, '2027-08-03')[0].reference).toBe('EXC-1406-000001');
		expect(sampleWorks(streets, [], 1404, '2031-02-28')[0].reference).toBe('EXC-1409-000001');
	});
});

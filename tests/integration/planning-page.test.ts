/**
 * The /planning page at the edge: its load and form actions called directly. Only planners and
 * administrators get in; the URL drives the table; a draft and its adoption go through the actions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildPlanningCity, type PlanningCity } from '../factories/planning-city';
import * as planningPage from '../../src/routes/planning/+page.server';
import type { SessionUser } from '../../src/lib/server/auth';

let database: TestDatabase;
let city: PlanningCity;
beforeAll(async () => {
	database = await openTestDatabase();
	city = await buildPlanningCity(database.db);
});
afterAll(async () => {
	await database?.close();
});

function event(pathAndQuery: string, user: SessionUser | null, form?: Record<string, string>) {
	const url = new URL(pathAndQuery, 'http://pelak.test');
	let request = new Request(url);
	if (form) {
		const body = new FormData();
		for (const [k, v] of Object.entries(form)) body.set(k, v);
		request = new Request(url, { method: 'POST', body });
	}
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	return { url, request, params: {}, locals: { db: database.db, readDb: database.replica, backend: database.backend, lang: 'fa', user } } as any;
}

async function thrown(call: () => unknown): Promise<unknown> {
	try {
		await call();
	} catch (err) {
		return err;
	}
	throw new Error('expected the call to throw');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const load = (path: string, user: SessionUser | null = city.planner) => planningPage.load(event(path, user)) as Promise<any>;

describe(`/planning (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('sends anonymous visitors to sign in and refuses other staff', async () => {
		const anonymous = await thrown(() => load('/planning?district=1', null));
		expect(isRedirect(anonymous) && anonymous.location).toBe('/login?redirect=%2Fplanning%3Fdistrict%3D1');
		const officer = await thrown(() => load('/planning', city.officer));
		expect(isHttpError(officer) && officer.status).toBe(403);
	});

	it('lists the conflicts per street by default, and a street’s parcels with its plan when one is chosen', async () => {
		const page = await load(`/planning?district=${city.d1}`);
		expect(page.report.view).toBe('streets');
		expect(page.report.rows.map((r: { street: { id: number } }) => r.street.id)).toEqual([city.s1, city.s2]);
		expect(page.districts.map((d: { code: string }) => d.code)).toEqual(['1', '2']);
		expect(page.street).toBeNull();

		const street = await load(`/planning?street=${city.s1}`);
		expect(street.report.view).toBe('parcels');
		expect(street.report.rows).toHaveLength(3);
		expect(street.street.street).toMatchObject({ id: city.s1, planned_width_m: 20 });
		expect(street.street.versions).toEqual([]);
		const bad = await thrown(() => load('/planning?status=demolished'));
		expect(isHttpError(bad) && bad.status).toBe(400);
	});

	it('drafts, shows the impact, and adopts through the form actions', async () => {
		const refused = await planningPage.actions.draft(event(`/planning?street=${city.s3}&/draft`, city.planner, { street: String(city.s3), planned_width_m: 'پهن', reason: 'x' }));
		expect(refused).toMatchObject({ status: 400, data: { error: expect.stringContaining('عرض طرح') } });

		const drafted = await thrown(() =>
			planningPage.actions.draft(event(`/planning?district=${city.d2}&street=${city.s3}&/draft`, city.planner, { street: String(city.s3), planned_width_m: '40', reason: 'گذرگاه تازه' }))
		);
		expect(isRedirect(drafted)).toBe(true);
		const location = new URL((drafted as { location: string }).location, 'http://pelak.test');
		expect(location.searchParams.get('district')).toBe(String(city.d2));
		const planId = Number(location.searchParams.get('plan'));
		const page = await load(location.pathname + location.search);
		expect(page.impact).toMatchObject({ plan_id: planId, before: { parcels: 1 }, after: { parcels: 1 } });
		expect(page.impact.after.land_m2).toBeCloseTo(30 * 10, 3); // P4 y 10…20 under a 40 m street

		const officer = await thrown(() => planningPage.actions.adopt(event('/planning?/adopt', city.officer, { plan: String(planId) })));
		expect(isHttpError(officer) && officer.status).toBe(403);
		const adopted = await thrown(() => planningPage.actions.adopt(event(`/planning?street=${city.s3}&plan=${planId}&/adopt`, city.planner, { plan: String(planId) })));
		expect(isRedirect(adopted) && (adopted as { location: string }).location).toContain(`adopted=${planId}`);
		const again = await planningPage.actions.adopt(event('/planning?/adopt', city.planner, { plan: String(planId) }));
		expect(again).toMatchObject({ status: 409 });
		const after = await load(`/planning?street=${city.s3}`);
		expect(after.report.totals.land_m2).toBeCloseTo(300, 3);
		expect(after.street.versions[0]).toMatchObject({ id: planId, status: 'adopted', reason: 'گذرگاه تازه' });
	});
});

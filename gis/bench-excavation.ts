/**
 * The excavation check in `npm run bench`: `POST /api/excavations/check` and the bare
 * `checkExcavation()` on the benchmark city, with BENCH_WORKS works (100,000 by default) in its
 * streets. Works are generated once, in SQL, when the database holds fewer; the street surfaces,
 * moratoriums and organisations come from the sample city's loader if the city predates them.
 */
import http from 'node:http';
import { sql, type Kysely } from 'kysely';
import type { LineString } from 'geojson';
import type { DB } from '../src/lib/server/db';
import { checkExcavation, fileWork, worksCartable } from '../src/lib/server/excavation';
import { inboxQuery } from '../src/lib/server/excavation/cartable.repository';
import { insertStaff } from '../src/lib/server/auth/users.repository';
import type { SessionUser } from '../src/lib/server/auth/types';
import { DomainError } from '../src/lib/server/errors';
import type { ExcavationCheckInput } from '../src/lib/schemas/excavation';
import { loadSampleExcavation } from './sample-city/excavation-loader';
import { addCalendarDays, tehranDate } from '../src/lib/domain/working-days';

const BATCH = 10_000;

/** Surfaces, moratoriums and organisations (once), then generated works until there are `works`. */
export async function prepareExcavationBench(db: Kysely<DB>, works: number, log: (message: string) => void): Promise<void> {
	const { n: organisations } = (await sql<{ n: number }>`select count(*)::int as n from organisations`.execute(db)).rows[0];
	if (organisations === 0) {
		log('loading the sample street surfaces, moratoriums and organisations…');
		await db.transaction().execute((trx) => loadSampleExcavation(trx, 1404));
	}
	let { n: have } = (await sql<{ n: number }>`select count(*)::int as n from excavation_works`.execute(db)).rows[0];
	const started = performance.now();
	while (have < works) {
		const count = Math.min(BATCH, works - have);
		await generateWorks(db, have + 1, count);
		have += count;
		log(`${have} / ${works} excavation works (${((performance.now() - started) / 1000).toFixed(0)} s)`);
	}
	await sql`analyze excavation_works`.execute(db);
}

/**
 * `count` works numbered from `from`, spread over the streets and the two years around the day they
 * are generated (a year back, a year ahead) by fixed arithmetic (the same numbers on the same day
 * give the same works): 40 m trenches 0.8 m wide along a street, statuses in turn.
 */
async function generateWorks(db: Kysely<DB>, from: number, count: number): Promise<void> {
	const today = tehranDate(new Date());
	await sql`
		with g as (select i from generate_series(${from}::int, ${from + count - 1}::int) as i),
		picked as (
			select g.i, s.geom, (g.i::int8 * 104729 % 800) / 1000.0 as at
			from g cross join lateral (
				select geom from streets where id >= 1 + (g.i * 7919) % (select max(id) from streets) order by id limit 1
			) s
		),
		drawn as (
			select p.i, ST_LineSubstring(b.base, p.at, least(1, p.at + 40 / greatest(ST_Length(b.base), 40))) as line
			from picked p cross join lateral (select ST_GeometryN(p.geom, 1) as base) b
		)
		insert into excavation_works (reference, organisation_id, purpose, category, status, starts_on, ends_on, features, footprint, length_m)
		select 'BENCH-' || d.i, (select min(id) from organisations) + d.i % 4, 'maintenance', 'standard',
			(array['planned', 'approved', 'active', 'completed', 'cancelled'])[1 + d.i % 5],
			${today}::date - 365 + (d.i * 37) % 730, ${today}::date - 365 + (d.i * 37) % 730 + 6,
			jsonb_build_array(jsonb_build_object('kind', 'trench', 'width_m', 0.8, 'geometry', ST_AsGeoJSON(ST_Transform(d.line, 4326), 7)::jsonb)),
			ST_Multi(ST_Buffer(d.line, 0.4, 'endcap=flat join=mitre')), ST_Length(d.line)
		from drawn d`.execute(db);
}

/**
 * One 60 m trench along the street nearest each point, on dates the generated works cover: 10 to
 * 20 days from today (the check refuses a planned dig that starts in the past).
 */
export async function checkInputsNear(db: Kysely<DB>, points: { lon: number; lat: number }[], srid: number): Promise<ExcavationCheckInput[]> {
	const inputs: ExcavationCheckInput[] = [];
	const today = tehranDate(new Date());
	const [start, end] = [addCalendarDays(today, 10), addCalendarDays(today, 20)];
	for (const { lon, lat } of points) {
		const { rows } = await sql<{ line: LineString }>`
			with p as (select ST_Transform(ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326), ${srid}::int) as g)
			select ST_AsGeoJSON(ST_Transform(ST_LineSubstring(b.base, greatest(0, f - h), least(1, f + h)), 4326), 7)::json as line
			from p cross join lateral (select ST_GeometryN(s.geom, 1) as base from streets s order by s.geom <-> p.g limit 1) b
			cross join lateral (select ST_LineLocatePoint(b.base, p.g) as f, 30 / greatest(ST_Length(b.base), 60) as h) loc`.execute(db);
		if (rows[0]) inputs.push({ features: [{ kind: 'trench', geometry: rows[0].line, width_m: 0.8 }], start, end, emergency: false });
	}
	return inputs;
}

/**
 * A dig across the street nearest each point and on into the ground on both sides (a house connection from a
 * main under the street: the street's width and 8 m beyond each edge), 0.6 m wide, 10 to 20 days from today: the
 * part beside the street is off the street-surface layer, which the check charges as the dearest surface within
 * 20 m of it (DEFAULT_UNMAPPED_NEAR_M).
 */
export async function crossingInputsNear(db: Kysely<DB>, points: { lon: number; lat: number }[], srid: number): Promise<ExcavationCheckInput[]> {
	const inputs: ExcavationCheckInput[] = [];
	const today = tehranDate(new Date());
	const [start, end] = [addCalendarDays(today, 10), addCalendarDays(today, 20)];
	for (const { lon, lat } of points) {
		const { rows } = await sql<{ line: LineString }>`
			with p as (select ST_Transform(ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326), ${srid}::int) as g)
			select ST_AsGeoJSON(ST_Transform(ST_MakeLine(
				ST_Translate(loc.c, -h * sin(loc.az + pi() / 2), -h * cos(loc.az + pi() / 2)),
				ST_Translate(loc.c, h * sin(loc.az + pi() / 2), h * cos(loc.az + pi() / 2))), 4326), 7)::json as line
			from p cross join lateral (
				select ST_GeometryN(s.geom, 1) as base, coalesce(s.width_m, 10)::float8 / 2 + 8 as h from streets s order by s.geom <-> p.g limit 1) b
			cross join lateral (select ST_LineLocatePoint(b.base, p.g) as f) at
			cross join lateral (
				select ST_LineInterpolatePoint(b.base, at.f) as c,
					ST_Azimuth(ST_LineInterpolatePoint(b.base, greatest(0, at.f - 0.01)), ST_LineInterpolatePoint(b.base, least(1, at.f + 0.01))) as az) loc
			where loc.az is not null`.execute(db);
		if (rows[0]) inputs.push({ features: [{ kind: 'trench', geometry: rows[0].line, width_m: 0.6 }], start, end, emergency: false });
	}
	return inputs;
}

/** The bare service: the size of its JSON answer. */
export async function bareCheck(db: Kysely<DB>, input: ExcavationCheckInput): Promise<number> {
	return JSON.stringify(await checkExcavation(db, input)).length;
}

/** A keep-alive POST of the same input as JSON to the server under test; resolves with the body size, rejects on anything but 200. */
export function httpCheck(port: number, agent: http.Agent, input: ExcavationCheckInput): Promise<number> {
	const body = JSON.stringify({ ...input, features: input.features.map(({ geometry, width_m }) => ({ geometry, width_m })) });
	return new Promise((resolve, reject) => {
		const req = http.request(
			{ host: '127.0.0.1', port, path: '/api/excavations/check', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
			(res) => {
				let size = 0;
				res.on('data', (chunk: Buffer) => (size += chunk.length));
				res.on('end', () => (res.statusCode === 200 ? resolve(size) : reject(new Error(`/api/excavations/check → ${res.statusCode}`))));
				res.on('error', reject);
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

/**
 * The life cycle's figures: filing (`fileWork`, the check re-run and the work, its referrals and
 * event recorded, in one transaction that the bench rolls back so the city stays as it was) and
 * the works cartable (one inbox page in deadline order: the officer's, and one utility's
 * applicant inbox). The generated works are given inboxes by status, once.
 */
export async function prepareLifecycleBench(db: Kysely<DB>): Promise<{ applicant: SessionUser; officer: SessionUser }> {
	await sql`
		update excavation_works set holder = case status when 'planned' then 'officer' when 'approved' then 'applicant'
				when 'active' then 'supervisor' when 'completed' then 'inspector' end,
			due_on = starts_on
		where holder is null and reference like 'BENCH-%' and status in ('planned', 'approved', 'active', 'completed')`.execute(db);
	await sql`analyze excavation_works`.execute(db);
	const org = (await db.selectFrom('organisations').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
	const user = (role: SessionUser['roles'][number]['role'], organisationId: number | null): SessionUser => ({
		id: 0,
		kind: 'staff',
		displayName: 'bench',
		nationalId: null,
		mobile: null,
		username: 'bench',
		roles: [{ role, districtId: null, agencyKind: null, engineeringOfficeId: null, organisationId }]
	});
	const existing = await db.selectFrom('users').select('id').where('username', '=', 'bench.excavation').executeTakeFirst();
	const id = existing?.id ?? (await insertStaff(db, { username: 'bench.excavation', passwordHash: 'no-sign-in', displayName: 'bench' }));
	return { applicant: { ...user('utility_applicant', org), id }, officer: { ...user('excavation_officer', null), id } };
}

class Rollback extends Error {}

/** Files the input as the applicant and rolls it back: the filing's whole cost, nothing kept. */
export async function benchFiling(db: Kysely<DB>, applicant: SessionUser, input: ExcavationCheckInput): Promise<number> {
	let size = 0;
	await db
		.transaction()
		.execute(async (trx) => {
			const filed = await fileWork(trx, applicant, { ...input, purpose: 'maintenance', description: null, sharedTrenchOf: null });
			size = JSON.stringify(filed).length;
			throw new Rollback();
		})
		.catch((err) => {
			// a refusal (a moratorium on the drawn street) is a filing's answer too
			if (!(err instanceof Rollback) && !(err instanceof DomainError)) throw err;
		});
	return size;
}

/** One cartable page of the user (every inbox they read, merged by deadline). */
export async function benchCartable(db: Kysely<DB>, user: SessionUser): Promise<number> {
	return JSON.stringify(await worksCartable(db, user, null)).length;
}

export { inboxQuery };

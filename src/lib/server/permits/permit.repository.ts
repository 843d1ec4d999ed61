/**
 * The permit stages' SQL: proposals stored on a case (the drawn footprint kept in the storage CRS),
 * what each stage produced, and the facts the automatic steps decide on. Every query starts from
 * one case id or one parcel id through an index (see BENCHMARKS.md, "Permit stages").
 */
import { sql, type Kysely, type RawBuilder, type Selectable, type Transaction } from 'kysely';
import type { DB } from '../db/schema';
import { overlapsWith } from '../db/area-parts';
import type { CaseProposals, PermitStages } from '../db/permits-schema';
import type { ParcelFeeFacts } from './parcel-fee-inputs';
import type { ParcelHeader } from './permit-documents';

export type Executor = Kysely<DB> | Transaction<DB>;
export type ProposalRow = Omit<Selectable<CaseProposals>, 'footprint'> & { has_footprint: boolean };
export type StageRow = Selectable<PermitStages>;

export interface NewProposal {
	case_id: number;
	body: unknown;
	/** A drawn footprint as GeoJSON in WGS84; stored transformed to the storage CRS. */
	footprint_geojson: string | null;
	srid: number;
	check_ok: boolean;
	check_result: unknown;
	rule_book_id: number | null;
	submitted_by: number;
	submitted_at: Date;
}

export async function insertProposal(db: Executor, p: NewProposal): Promise<number> {
	const footprint =
		p.footprint_geojson === null
			? sql`null`
			: sql`ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Force2D(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(${p.footprint_geojson}::text), 4326), ${p.srid}::int))), 3))`;
	const { rows } = await sql<{ id: number }>`
		insert into case_proposals (case_id, body, footprint, check_ok, check_result, rule_book_id, submitted_by, submitted_at)
		values (${p.case_id}, ${JSON.stringify(p.body)}::jsonb, ${footprint}, ${p.check_ok}, ${JSON.stringify(p.check_result)}::jsonb,
			${p.rule_book_id}, ${p.submitted_by}, ${p.submitted_at})
		returning id`.execute(db);
	return Number(rows[0].id);
}

/** The case's proposal: the latest submitted. */
export async function latestProposal(db: Executor, caseId: number): Promise<ProposalRow | undefined> {
	return db
		.selectFrom('case_proposals')
		.select(['id', 'case_id', 'body', 'check_ok', 'check_result', 'rule_book_id', 'submitted_by', 'submitted_at', sql<boolean>`footprint is not null`.as('has_footprint')])
		.where('case_id', '=', caseId)
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
}

export async function findStage(db: Executor, caseId: number): Promise<StageRow | undefined> {
	return db.selectFrom('permit_stages').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

/** Sets what a stage produced on the case, creating its row the first time. */
export async function saveStage(db: Executor, caseId: number, patch: Partial<Omit<StageRow, 'case_id'>>): Promise<void> {
	await db
		.insertInto('permit_stages')
		.values({ case_id: caseId, ...patch })
		.onConflict((oc) => oc.column('case_id').doUpdateSet(patch))
		.execute();
}

export interface Blockers {
	/** Referrals of this case still waiting for an agency. */
	openReferrals: number;
	/** Other open cases on the parcel of a blocking kind. */
	cases: { id: number; tracking_code: string | null; kind: string }[];
}

/** What stops a zoning statement from being issued by itself; both lookups use an index (case id; open cases of a parcel). */
export async function findBlockers(db: Executor, caseId: number, parcelId: number, kinds: readonly string[]): Promise<Blockers> {
	const referrals = await db
		.selectFrom('case_referrals')
		.select(sql<number>`count(*)::int`.as('n'))
		.where('case_id', '=', caseId)
		.where('status', '=', 'open')
		.executeTakeFirstOrThrow();
	const cases =
		kinds.length === 0
			? []
			: await db
					.selectFrom('cases')
					.select(['id', 'tracking_code', sql<string>`coalesce(request_type, kind)`.as('kind')])
					.where('parcel_id', '=', parcelId)
					.where('status', '=', 'open')
					.where('id', '<>', caseId)
					.where((eb) => eb.or([eb('request_type', 'in', [...kinds]), eb('kind', 'in', [...kinds])]))
					.execute();
	return { openReferrals: referrals.n, cases };
}

/** Whether the engineer's drawings are on the case (the current version of any upload). */
export async function hasDrawings(db: Executor, caseId: number): Promise<boolean> {
	const row = await db
		.selectFrom('documents')
		.select('id')
		.where('case_id', '=', caseId)
		.where('kind', '=', 'engineering_drawings')
		.limit(1)
		.executeTakeFirst();
	return row !== undefined;
}

/** The case's latest assessment of a request kind (the one its bill stands for). */
export async function latestCaseAssessment(db: Executor, caseId: number, requestKind: string) {
	return db
		.selectFrom('fee_assessments')
		.select(['id', 'status', 'total_rial', 'bill_id', 'payment_id', 'expires_at'])
		.where('case_id', '=', caseId)
		.where('request_kind', '=', requestKind)
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
}

/**
 * What the charges of a case without a proposal read from its parcel: its area and the land use of
 * the zone covering most of it (the parcel by its key, the zones through their GiST index: 2–3 ms
 * on the 1M city, once per case reaching its fee step; EXPLAIN-tested in parcel-fees.test.ts).
 */
export function parcelFeeFactsQuery(parcelId: number) {
	return sql<ParcelFeeFacts>`
		select p.area_m2::float8 as area_m2, z.land_use
		from parcels p left join lateral (${zoneCoveringMost(sql.ref('p.geom'))}) z on true
		where p.id = ${parcelId}`;
}

/**
 * The land use and base density of the zone covering most of a parcel geometry of the caller's
 * statement (`parcel`, e.g. `sql.ref('p.geom')`): one row or none. The sample history reads every
 * free parcel's with it in one statement.
 */
export function zoneCoveringMost(parcel: RawBuilder<unknown>): RawBuilder<{ land_use: string | null; density_pct: number | null }> {
	return sql`
		select z.land_use, z.density_pct from (${overlapsWith('zoning_zones', parcel)}) shared join zoning_zones z on z.id = shared.id
		order by shared.overlap_m2 desc, z.id limit 1`;
}

export async function findParcelFeeFacts(db: Executor, parcelId: number): Promise<ParcelFeeFacts | undefined> {
	return (await parcelFeeFactsQuery(parcelId).execute(db)).rows[0];
}

/** What the documents print about the case's parcel and applicant (one row by primary keys). */
export async function caseHeader(db: Executor, caseId: number): Promise<(ParcelHeader & { parcelId: number }) | undefined> {
	const row = await db
		.selectFrom('cases as c')
		.leftJoin('parcels as p', 'p.id', 'c.parcel_id')
		.leftJoin('districts as d', 'd.id', 'c.district_id')
		.leftJoin('users as u', 'u.id', 'c.applicant_user_id')
		.select(['c.tracking_code', 'c.parcel_id', 'p.renovation_code', 'p.address', 'p.registration_plate', 'd.name_fa as district_name', 'u.display_name as applicant_name'])
		.where('c.id', '=', caseId)
		.executeTakeFirst();
	return (
		row && {
			parcelId: row.parcel_id,
			renovationCode: row.renovation_code,
			address: row.address,
			registrationPlate: row.registration_plate,
			districtName: row.district_name,
			trackingCode: row.tracking_code,
			applicantName: row.applicant_name
		}
	);
}

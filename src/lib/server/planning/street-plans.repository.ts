/**
 * Street plan versions: drafts, adoption, history, and what a draft would do (its impact), the
 * only module of street plans that touches the database. The impact is computed live, corridor ×
 * parcels and × buildings through their GiST indexes, with the same corridor expression street
 * imports use (streets/widening.repository.ts).
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { ConflictFigures, ImpactParcel, StreetPlanStatus } from '../../api/planning';
import type { DB, StreetClass } from '../db/schema';
import { asGeoJson, MIN_OVERLAP_M2, storageGeom, toWgs84, WGS84, type StorageGeometry } from '../spatial';
import { corridorGeometry, planWidens } from '../streets/widening.repository';
import { footprintsSql, hasPermitSql } from './conflicts.repository';

type Queryable = Kysely<DB> | Transaction<DB>;

export interface StreetRow {
	id: number;
	name_fa: string | null;
	name_en: string | null;
	class: StreetClass;
	width_m: number | null;
	planned_width_m: number | null;
	revised: boolean;
	has_draft: boolean;
}

export async function findStreet(db: Queryable, id: number): Promise<StreetRow | null> {
	const { rows } = await sql<StreetRow>`
		select s.id, s.name_fa, s.name_en, s.class, s.width_m::float8 as width_m, s.planned_width_m::float8 as planned_width_m,
			exists (select 1 from street_plans p where p.street_id = s.id and p.status = 'adopted') as revised,
			exists (select 1 from street_plans p where p.street_id = s.id and p.status = 'draft') as has_draft
		from streets s where s.id = ${id}::int`.execute(db);
	return rows[0] ?? null;
}

/** A WGS84 GeoJSON LineString as a storage-CRS line. */
function lineFromGeoJson(line: string, srid: number): RawBuilder<StorageGeometry> {
	return sql<StorageGeometry>`ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(${line}), ${WGS84}::int), ${srid}::int)`;
}

/** Whether a drawn line runs along the street: every point of it within the planned width of the centre line. */
export async function lineRunsAlongStreet(db: Queryable, streetId: number, line: string, widthM: number, srid: number): Promise<boolean> {
	const { rows } = await sql<{ along: boolean }>`
		select ST_Covers(ST_Buffer(s.geom, ${widthM}::float8), ${lineFromGeoJson(line, srid)}) as along
		from streets s where s.id = ${streetId}::int`.execute(db);
	return rows[0]?.along ?? false;
}

export interface NewDraft {
	streetId: number;
	plannedWidthM: number;
	/** WGS84 GeoJSON LineString, or null. */
	line: string | null;
	reason: string;
	userId: number;
}

export async function insertDraft(db: Queryable, draft: NewDraft, srid: number): Promise<number> {
	const { rows } = await sql<{ id: number }>`
		insert into street_plans (street_id, planned_width_m, widening_line, reason, created_by)
		values (${draft.streetId}::int, ${draft.plannedWidthM}::numeric,
			${draft.line === null ? sql`null` : lineFromGeoJson(draft.line, srid)}, ${draft.reason}, ${draft.userId}::int8)
		returning id`.execute(db);
	return Number(rows[0].id);
}

export interface PlanRow {
	id: number;
	street_id: number | null;
	planned_width_m: number;
	widening_line: GeoJSON.LineString | null;
	status: StreetPlanStatus;
	reason: string;
	created_by: string;
	created_at: Date;
	previous_planned_width_m: number | null;
	adopted_by: string | null;
	adopted_at: Date | null;
	superseded_at: Date | null;
}

function planSelect(where: RawBuilder<unknown>, lock = false): RawBuilder<PlanRow> {
	return sql<PlanRow>`
		select sp.id, sp.street_id, sp.planned_width_m::float8 as planned_width_m,
			${asGeoJson(toWgs84(storageGeom('sp.widening_line')))} as widening_line,
			sp.status, sp.reason, cu.display_name as created_by, sp.created_at,
			sp.previous_planned_width_m::float8 as previous_planned_width_m, au.display_name as adopted_by, sp.adopted_at, sp.superseded_at
		from street_plans sp
		join users cu on cu.id = sp.created_by
		left join users au on au.id = sp.adopted_by
		where ${where}
		order by sp.id desc
		${lock ? sql`for update of sp` : sql``}`;
}

/** Every version of a street's plan, newest first. */
export async function listPlans(db: Queryable, streetId: number): Promise<PlanRow[]> {
	return (await planSelect(sql`sp.street_id = ${streetId}::int`).execute(db)).rows;
}

/** One version; `lock` holds it (and so its adoption) until the transaction ends. */
export async function findPlan(db: Queryable, id: number, lock = false): Promise<PlanRow | null> {
	return (await planSelect(sql`sp.id = ${id}::int8`, lock).execute(db)).rows[0] ?? null;
}

/** Holds the street row: two adoptions for one street run one after the other. */
export async function lockStreet(trx: Transaction<DB>, streetId: number): Promise<void> {
	await sql`select id from streets where id = ${streetId}::int for update`.execute(trx);
}

/**
 * Makes a draft the street's plan: the version in force is superseded, the draft adopted (with the
 * width it replaces), and the street takes its planned width. The caller rebuilds the corridor.
 */
export async function adoptDraft(trx: Transaction<DB>, planId: number, streetId: number, userId: number): Promise<void> {
	await sql`update street_plans set status = 'superseded', superseded_at = now()
		where street_id = ${streetId}::int and status = 'adopted'`.execute(trx);
	await sql`
		update street_plans sp set status = 'adopted', adopted_by = ${userId}::int8, adopted_at = now(),
			previous_planned_width_m = s.planned_width_m
		from streets s where s.id = sp.street_id and sp.id = ${planId}::int8`.execute(trx);
	await sql`update streets s set planned_width_m = sp.planned_width_m
		from street_plans sp where sp.id = ${planId}::int8 and s.id = sp.street_id`.execute(trx);
}

export interface ImpactRow {
	before: ConflictFigures;
	after: ConflictFigures;
	parcels: ImpactParcel[] | null;
	features: GeoJSON.Feature[] | null;
}

const figures = (side: 'before' | 'after') => {
	const m2 = sql.ref(`${side}_m2`);
	const cost = sql.ref(`${side}_cost`);
	const hit = sql`${m2} > ${MIN_OVERLAP_M2}`;
	return sql`json_build_object(
		'parcels', (count(*) filter (where ${hit}))::int,
		'land_m2', coalesce(sum(${m2}) filter (where ${hit}), 0),
		'buildings', (select count(distinct b) from pc, unnest(${sql.ref(`pc.${side}_buildings`)}) b),
		'parcels_with_open_cases', (count(*) filter (where ${hit} and open_cases > 0))::int,
		'parcels_with_permits', (count(*) filter (where ${hit} and permits > 0))::int,
		'cost_rial', case when count(${cost}) filter (where ${hit}) = count(*) filter (where ${hit})
			then coalesce(sum(${cost}) filter (where ${hit}), 0) end,
		-- a case belongs to one parcel: the parcels' lists add up without counting a case twice
		'proposals_beyond', coalesce(sum(cardinality(${sql.ref(`${side}_props`)})), 0)::int,
		'permits_beyond', coalesce(sum(cardinality(${sql.ref(`${side}_permits`)})), 0)::int,
		'proposals_beyond_m2', coalesce(sum(${sql.ref(`${side}_props_m2`)}), 0)::float8)`;
};

/**
 * What a plan version would do to its street, against the street's corridor in force: the
 * parcels, land, buildings, cases, permits and cost inside each corridor, per parcel, and both
 * corridors as GeoJSON for the map. `cost` prices `x.before_piece` (`x.before_m2`) and
 * `x.after_piece` (`x.after_m2`): see acquisitionCost.
 */
export function impactQuery(planId: number, cost: { before: RawBuilder<number | null>; after: RawBuilder<number | null> }): RawBuilder<ImpactRow> {
	const feature = (kind: string, g: string) =>
		sql`json_build_object('type', 'Feature', 'properties', json_build_object('kind', ${kind}::text), 'geometry', ${asGeoJson(toWgs84(storageGeom(g)))})`;
	// the cases of the parcel whose footprint reaches into the corridor's piece of it
	const beyond = (piece: string, m2: string) => sql`
		select coalesce(array_agg(q.case_id), '{}') as props, coalesce(array_agg(q.case_id) filter (where q.permit), '{}') as permits,
			coalesce(sum(q.a), 0)::float8 as m2
		from (select fp.case_id, fp.permit, ST_Area(ST_Intersection(fp.footprint, ${sql.ref(piece)})) as a
			from fp where fp.parcel_id = x.id and ${sql.ref(m2)} > ${MIN_OVERLAP_M2} and ST_Intersects(fp.footprint, ${sql.ref(piece)})) q
		where q.a > ${MIN_OVERLAP_M2}`;
	const buildingsIn = (piece: string) => sql`array(select b.id from buildings b
		where ST_Intersects(b.geom, ${sql.ref(piece)}) and ST_Area(ST_Intersection(b.geom, ${sql.ref(piece)})) > ${MIN_OVERLAP_M2})`;
	return sql<ImpactRow>`
		with plan as materialized (
			select sp.street_id, sp.planned_width_m as w, sp.widening_line as line, s.geom as centre, s.width_m
			from street_plans sp join streets s on s.id = sp.street_id where sp.id = ${planId}::int8
		),
		after_c as materialized (
			select case when ${planWidens(sql`plan.width_m`, sql`plan.w`, sql`plan.line`)}
				then ${corridorGeometry(sql`plan.centre`, sql`plan.w`, sql`plan.line`)} end as geom
			from plan
		),
		before_c as materialized (
			select ST_Union(c.geom) as geom from widening_corridors c join plan on c.street_id = plan.street_id
		),
		cand_ids as (
			select p.id from parcels p join after_c a on ST_Intersects(p.geom, a.geom)
			union
			select p.id from parcels p join before_c b on ST_Intersects(p.geom, b.geom)
		),
		cand as (select p.id, p.renovation_code, p.geom from cand_ids join parcels p on p.id = cand_ids.id),
		pieces as (
			select cand.id, cand.renovation_code,
				ST_CollectionExtract(ST_Intersection(cand.geom, b.geom), 3) as before_piece,
				ST_CollectionExtract(ST_Intersection(cand.geom, a.geom), 3) as after_piece
			from cand cross join before_c b cross join after_c a
		),
		k as (
			select c.parcel_id, (count(*) filter (where c.status = 'open'))::int as open_cases,
				(count(*) filter (where ${hasPermitSql('c')}))::int as permits
			from cases c where c.parcel_id in (select id from cand_ids) group by c.parcel_id
		),
		-- the cases on these parcels, pending or permitted, whose latest proposal has a drawn footprint
		fp as materialized (${footprintsSql(sql`select id from cand_ids`)}),
		pc as materialized (
			select x.*, coalesce(k.open_cases, 0) as open_cases,
				coalesce(k.permits, 0) + (select count(*) from buildings b where b.parcel_id = x.id and b.permit_no is not null)::int as permits,
				case when x.before_m2 > ${MIN_OVERLAP_M2} then ${cost.before} end as before_cost,
				case when x.after_m2 > ${MIN_OVERLAP_M2} then ${cost.after} end as after_cost,
				case when x.before_m2 > ${MIN_OVERLAP_M2} then ${buildingsIn('x.before_piece')} else '{}' end as before_buildings,
				case when x.after_m2 > ${MIN_OVERLAP_M2} then ${buildingsIn('x.after_piece')} else '{}' end as after_buildings,
				bp.props as before_props, bp.permits as before_permits, bp.m2 as before_props_m2,
				ap.props as after_props, ap.permits as after_permits, ap.m2 as after_props_m2
			from (select pieces.*, coalesce(ST_Area(before_piece), 0) as before_m2, coalesce(ST_Area(after_piece), 0) as after_m2 from pieces) x
			left join k on k.parcel_id = x.id
			cross join lateral (${beyond('x.before_piece', 'x.before_m2')}) bp
			cross join lateral (${beyond('x.after_piece', 'x.after_m2')}) ap
			where x.before_m2 > ${MIN_OVERLAP_M2} or x.after_m2 > ${MIN_OVERLAP_M2}
		)
		select
			(select ${figures('before')} from pc) as before,
			(select ${figures('after')} from pc) as after,
			(select json_agg(json_build_object('id', id, 'renovation_code', renovation_code, 'before_m2', before_m2,
				'after_m2', after_m2, 'buildings_after', cardinality(after_buildings), 'open_cases', open_cases, 'permits', permits,
				'proposals_after', cardinality(after_props), 'permits_after', cardinality(after_permits))
				order by after_m2 desc, id) from pc) as parcels,
			(select json_agg(f) from (
				select ${feature('corridor_before', 'geom')} as f from before_c where geom is not null
				union all select ${feature('corridor_after', 'geom')} from after_c where geom is not null
				union all select ${feature('widening_line', 'line')} from plan where line is not null
				union all select ${feature('piece_after', 'after_piece')} from pc where after_m2 > ${MIN_OVERLAP_M2}
			) fs) as features`;
}

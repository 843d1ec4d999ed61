import { sql, type RawBuilder } from 'kysely';
import type { IsoDate } from '../../domain/working-days';
import { type ExcavationPurpose, type ExcavationStatus, type OrganisationKind, type StreetLocation, type SurfaceType } from '../../domain/excavation/works';
import type { StorageGeometry } from '../spatial';
import { OVERLAY_GRID, type Queryable } from './footprint.repository';
import { CLASHING_STATUSES_SQL } from './status-sql';
import { prepared } from '../db/prepared';

const grid = OVERLAY_GRID;

/**
 * The check's SQL, readable in one place. Everything is asked of one candidate (the footprint and
 * the dig's dates, a one-row `cand`), each part through its own GiST index:
 * clashes through excavation_works_clash_idx (footprint, period; partial on the clashing statuses),
 * moratoriums through restrictions_geom_period_idx (geom, period), surfaces and overlays through
 * their geometry indexes, blackouts through blackout_periods_period_idx. Tests EXPLAIN them.
 */
export interface Candidate {
	footprint: StorageGeometry;
	start: IsoDate;
	end: IsoDate;
	/** The work itself when its own dig is checked again (e.g. placing sample works): never its own clash. */
	workId?: number | null;
}

/** `with cand as (…)`: the footprint and the dig's days as a daterange, both ends counted. */
function withCandidate(c: Candidate, body: RawBuilder<unknown>, moreCtes: RawBuilder<unknown> = sql``): RawBuilder<unknown> {
	return sql`
		with cand as materialized (
			select ${c.footprint}::geometry as fp, daterange(${c.start}::date, ${c.end}::date, '[]') as period, ${c.workId ?? null}::int as work_id
		)${moreCtes}
		${body}`;
}

export interface ClashRow {
	id: number;
	reference: string;
	organisation_code: string;
	organisation_kind: OrganisationKind;
	organisation_name_fa: string;
	organisation_name_en: string | null;
	purpose: ExcavationPurpose;
	status: ExcavationStatus;
	start: string;
	end: string;
	distance_m: number;
}

/** Works still to come or under way within `distanceM` of the footprint whose dates overlap the dig's, other than the dig itself. */
function clashes(distanceM: number): RawBuilder<ClashRow> {
	return sql<ClashRow>`
		select w.id, w.reference, o.code as organisation_code, o.kind as organisation_kind,
			o.name_fa as organisation_name_fa, o.name_en as organisation_name_en, w.purpose, w.status,
			w.starts_on::text as start, w.ends_on::text as "end", ST_Distance(w.footprint, c.fp) as distance_m
		from cand c
		join excavation_works w on ST_DWithin(w.footprint, c.fp, ${distanceM}::float8) and w.period && c.period
		join organisations o on o.id = w.organisation_id
		where w.status in (${CLASHING_STATUSES_SQL}) and (c.work_id is null or w.id <> c.work_id)
		order by distance_m, w.id
		limit 50`;
}

export interface MoratoriumRow {
	id: number;
	reason: string;
	source: string | null;
	street_id: number | null;
	street_name_fa: string | null;
	street_name_en: string | null;
	from: string;
	until: string | null;
}

/** Moratoriums the footprint touches that are in force on any day of the dig. */
const moratoriums = sql<MoratoriumRow>`
	select r.id, r.reason, r.source, r.street_id, s.name_fa as street_name_fa, s.name_en as street_name_en,
		r.starts_on::text as "from", r.ends_on::text as until
	from cand c
	join restrictions r on ST_Intersects(r.geom, c.fp) and r.period && c.period
	left join streets s on s.id = r.street_id
	order by r.ends_on desc nulls first, r.id`;

export interface SurfacePieceRow {
	street_id: number | null;
	street_name_fa: string | null;
	street_name_en: string | null;
	road_class: string;
	surface: SurfaceType;
	location: StreetLocation;
	area_m2: number;
	/** The part under a moratorium in force during the dig (resurfaced recently): charged as recently paved. */
	paved_m2: number;
}

/**
 * The footprint cut by the street-surface polygons, read through their pieces (migrations/0158).
 * Surface layers overlap where streets meet, so each piece keeps only what no earlier piece took,
 * in the order carriageway before footway, then the higher street class, then id: no square metre
 * is counted twice.
 */
const surfaceCtes = sql`,
	pieces as (
		select s.id, s.street_id, st.name_fa as street_name_fa, st.name_en as street_name_en,
			coalesce(st.class, 'local') as road_class, s.surface, s.location, cut.g,
			row_number() over (
				order by s.location <> 'carriageway',
					case st.class when 'arterial' then 1 when 'collector' then 2 when 'local' then 3 when 'alley' then 4 else 5 end,
					s.id) as rank
		from (
			-- each surface's share of the footprint, from its pieces near the dig (migrations/0158): a street layer
			-- drawn as a few polygons of the whole road space is never taken in whole
			select x.street_surface_id as id,
				ST_CollectionExtract(ST_Union(ST_CollectionExtract(ST_Intersection(x.geom, c.fp, ${grid}), 3), ${grid}), 3) as g
			from cand c
			join street_surface_parts x on ST_Intersects(x.geom, c.fp)
			group by x.street_surface_id
		) cut
		join street_surfaces s on s.id = cut.id
		left join streets st on st.id = s.street_id
	),
	own as (
		select p.*, coalesce(ST_Difference(p.g, (select ST_Union(q.g, ${grid}) from pieces q where q.rank < p.rank), ${grid}), p.g) as own_g
		from pieces p
	),
	paved as (
		select ST_Union(r.geom, ${grid}) as g
		from cand c join restrictions r on ST_Intersects(r.geom, c.fp) and r.period && c.period
	)`;

/** The footprint on no surface of the layer: its area, the part of it under a moratorium, and the ground near it. */
export interface UnmappedRow {
	area_m2: number;
	paved_m2: number;
	/** Each kind of ground (surface, road class) the layer has within the look-around distance of it. */
	near: { surface: SurfaceType; road_class: string }[];
}

/**
 * The part of the footprint no surface piece covers, and the kinds of ground the surface layer has within
 * `nearM` metres of it (through the parts' GiST index): a surface layer is drawn short of kerbs and
 * junctions, so ground off the layer beside a street is most likely that street's.
 */
function unmapped(nearM: number): RawBuilder<UnmappedRow> {
	return sql<UnmappedRow>`
	select ST_Area(u.g) as area_m2, coalesce(ST_Area(ST_Intersection(u.g, paved.g, ${grid})), 0) as paved_m2,
		coalesce((
			select json_agg(distinct jsonb_build_object('surface', s.surface, 'road_class', coalesce(st.class, 'local')))
			from street_surface_parts x
			join street_surfaces s on s.id = x.street_surface_id
			left join streets st on st.id = s.street_id
			where ST_DWithin(x.geom, u.g, ${nearM}::float8)
		), '[]'::json) as near
	from (
		select case when exists (select 1 from pieces) then ST_Difference(c.fp, (select ST_Union(p.g, ${grid}) from pieces p), ${grid}) else c.fp end as g
		from cand c
	) u cross join paved
	where ST_Area(u.g) > 0`;
}

const surfacePieces = sql<SurfacePieceRow>`
	select o.street_id, o.street_name_fa, o.street_name_en, o.road_class, o.surface, o.location,
		ST_Area(o.own_g) as area_m2, coalesce(ST_Area(ST_Intersection(o.own_g, paved.g, ${grid})), 0) as paved_m2
	from own o cross join paved
	where ST_Area(o.own_g) > 0
	order by o.rank`;

export interface OverlayRow {
	id: number;
	kind: string;
	name_fa: string;
	name_en: string | null;
}

const overlays = sql<OverlayRow>`
	select o.id, o.kind, o.name_fa, o.name_en
	from overlays o
	where o.id in (select x.overlay_id from cand c join overlay_parts x on ST_Intersects(x.geom, c.fp))
	order by o.id`;

export interface BlackoutRow {
	code: string;
	name_fa: string;
	name_en: string | null;
	from: string;
	until: string;
	estimated: boolean;
}

const blackouts = sql<BlackoutRow>`
	select b.code, b.name_fa, b.name_en, b.starts_on::text as "from", b.ends_on::text as until, b.estimated
	from cand c join blackout_periods b on b.period && c.period
	where b.active
	order by b.starts_on, b.code`;

/** Single queries, for EXPLAIN in tests. */
export const checkPartQueries = {
	clashes: (c: Candidate, distanceM: number) => withCandidate(c, clashes(distanceM)),
	moratoriums: (c: Candidate) => withCandidate(c, moratoriums),
	surfaces: (c: Candidate) => withCandidate(c, surfacePieces, surfaceCtes),
	unmapped: (c: Candidate, nearM: number) => withCandidate(c, unmapped(nearM), surfaceCtes)
};

export interface CheckRow {
	clashes: ClashRow[];
	moratoriums: MoratoriumRow[];
	pieces: SurfacePieceRow[];
	/** Empty when the surface layer covers the whole footprint. */
	unmapped: UnmappedRow[];
	overlays: OverlayRow[];
	blackouts: BlackoutRow[];
}

const asJson = (query: RawBuilder<unknown>) => sql`(select coalesce(json_agg(t), '[]'::json) from (${query}) t)`;

/** Everything the check asks of the database, in one statement. */
export function checkQuery(c: Candidate, clashDistanceM: number, unmappedNearM: number): RawBuilder<CheckRow> {
	const body = sql`
		select ${asJson(clashes(clashDistanceM))} as clashes, ${asJson(moratoriums)} as moratoriums,
			${asJson(surfacePieces)} as pieces, ${asJson(unmapped(unmappedNearM))} as unmapped, ${asJson(overlays)} as overlays, ${asJson(blackouts)} as blackouts`;
	return withCandidate(c, body, surfaceCtes) as RawBuilder<CheckRow>;
}

export async function runCheck(db: Queryable, c: Candidate, clashDistanceM: number, unmappedNearM: number): Promise<CheckRow> {
	// prepared once per connection: planning this statement costs more than most answers (db/prepared.ts)
	const { rows } = await prepared(checkQuery(c, clashDistanceM, unmappedNearM)).execute(db);
	// one row always; none means the database dropped the answer (see OVERLAY_GRID), never "nothing found"
	if (!rows[0]) throw new Error('The excavation check query returned no row');
	return rows[0];
}

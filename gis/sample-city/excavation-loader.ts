import { sql, type Kysely, type Transaction } from 'kysely';
import { referralFor } from '../../src/lib/domain/excavation/referrals';
import type { MultiLineString } from 'geojson';
import type { DB } from '../../src/lib/server/db/schema';
import { worksCategory, type StreetLocation, type SurfaceType } from '../../src/lib/domain/excavation/works';
import { tehranDate } from '../../src/lib/domain/working-days';
import type { Point, Ring } from './geometry';
import { offsetBand, ringWkt } from './ribbon';
import { sampleMoratoriums, sampleWorks, SAMPLE_ORGANISATIONS, type CandidateStreet, type SampleWork } from './excavation-plan';

type Db = Kysely<DB> | Transaction<DB>;

/** Footway width each side by street class, m; alleys and narrow locals have none. */
function footwayWidth(cls: string, widthM: number): number {
	return cls === 'arterial' ? 4 : cls === 'collector' ? 3 : cls === 'local' && widthM >= 12 ? 2 : 0;
}

interface SurfaceRow {
	streetId: number;
	surface: SurfaceType;
	location: StreetLocation;
	wkt: string;
}

/** A street's carriageway (asphalt; some alleys unpaved or concrete) and its footways (paving), as MultiPolygon WKT. */
function streetSurfaces(streetId: number, cls: string, widthM: number, parts: Point[][]): SurfaceRow[] {
	const fw = footwayWidth(cls, widthM);
	const half = widthM / 2;
	const multi = (rings: Ring[]) => `MULTIPOLYGON(${rings.map((r) => `(${ringWkt(r)})`).join(', ')})`;
	const surface: SurfaceType = cls !== 'alley' ? 'asphalt' : streetId % 3 === 0 ? 'unpaved' : streetId % 7 === 0 ? 'concrete' : 'asphalt';
	const rows: SurfaceRow[] = [{ streetId, surface, location: 'carriageway', wkt: multi(parts.map((p) => offsetBand(p, -(half - fw), half - fw))) }];
	if (fw > 0) {
		const strips = parts.flatMap((p) => [offsetBand(p, half - fw, half), offsetBand(p, -half, -(half - fw))]);
		rows.push({ streetId, surface: 'paving', location: 'footway', wkt: multi(strips) });
	}
	return rows;
}

/**
 * Loads the SAMPLE city's excavation data once its streets and parcels are in: the utility
 * companies, a street-surface layer made from the streets (asphalt carriageways, paved footways
 * beside the wider streets, some unpaved and concrete alleys), moratoriums on a few lately
 * resurfaced streets, and ~60 works in every status on the surfaced streets.
 *
 * The surfaces cover the main roads (arterials, collectors) city-wide and every street of the
 * built-up parts (the streets within 30 m of a parcel: the core and each district's neighbourhood, see
 * city-features.ts fillOrder): each row costs about a millisecond to store in the embedded
 * database, and surfacing all ~4,800 streets of the default city would add seconds to the first
 * start. They are drawn in TypeScript from the stored centre lines (no PostGIS overlays, slow in WASM).
 * The works and moratoriums are dated around `today` (Tehran's day at load), so the demo lives on any date.
 */
export async function loadSampleExcavation(db: Db, seed: number, today: string = tehranDate(new Date())): Promise<void> {
	await sql`
		insert into organisations (code, kind, name_fa, name_en)
		select * from unnest(${SAMPLE_ORGANISATIONS.map((o) => o.code)}::text[], ${SAMPLE_ORGANISATIONS.map((o) => o.kind)}::text[],
		                     ${SAMPLE_ORGANISATIONS.map((o) => o.nameFa)}::text[], ${SAMPLE_ORGANISATIONS.map((o) => o.nameEn)}::text[])`.execute(db);

	const { rows } = await sql<{ id: number; cls: string; width_m: number; length_m: number; line: string; overlay_kind: string | null; overlay_at: number | null }>`
		select s.id, s.class as cls, s.width_m::float8 as width_m, ST_Length(ST_GeometryN(s.geom, 1)) as length_m,
			ST_AsGeoJSON(ST_Simplify(s.geom, 0.5), 3) as line, o.kind as overlay_kind, o.at as overlay_at
		from streets s
		-- the overlay its first line runs through longest, and the middle of that stretch along the line
		left join lateral (
			select o.kind, ST_LineLocatePoint(ST_GeometryN(s.geom, 1), ST_LineInterpolatePoint(ST_GeometryN(i.g, 1), 0.5)) as at
			from overlays o
			cross join lateral (select ST_CollectionExtract(ST_Intersection(ST_GeometryN(s.geom, 1), o.geom), 2) as g) i
			where ST_Intersects(o.geom, s.geom) and not ST_IsEmpty(i.g)
			order by ST_Length(i.g) desc, o.id
			limit 1
		) o on true
		where s.width_m > 0
		  and (s.class in ('arterial', 'collector') or exists (select 1 from parcels p where ST_DWithin(p.geom, s.geom, 30::float8)))
		order by s.id`.execute(db);
	const streets: CandidateStreet[] = rows.map((r) => ({
		id: r.id,
		cls: r.cls,
		lengthM: r.length_m,
		widthM: r.width_m,
		...(r.overlay_kind !== null && r.overlay_at !== null && referralFor(r.overlay_kind) ? { protectedAt: r.overlay_at } : {})
	}));
	const surfaces = rows.flatMap((r) => streetSurfaces(r.id, r.cls, r.width_m, (JSON.parse(r.line) as MultiLineString).coordinates as unknown as Point[][]));
	// Carriageways overlap at junctions, as real surface layers do; the check counts each m² once.
	await sql`
		insert into street_surfaces (street_id, surface, location, geom)
		select f.street_id, f.surface, f.location, case when ST_IsValid(f.g) then f.g else ST_Multi(ST_CollectionExtract(ST_MakeValid(f.g), 3)) end
		from (
			select r.street_id, r.surface, r.location, ST_GeomFromText(r.wkt, ST_SRID(s.geom)) as g
			from unnest(${surfaces.map((x) => x.streetId)}::int[], ${surfaces.map((x) => x.surface)}::text[],
			            ${surfaces.map((x) => x.location)}::text[], ${surfaces.map((x) => x.wkt)}::text[]) as r(street_id, surface, location, wkt)
			join streets s on s.id = r.street_id
		) f`.execute(db);

	const moratoriums = sampleMoratoriums(streets, seed, today);
	await sql`
		insert into restrictions (reason, starts_on, ends_on, source, street_id, geom)
		select m.reason, m.starts_on, m.ends_on, m.source, s.id, ST_Multi(ST_Buffer(s.geom, s.width_m / 2, 'endcap=flat join=mitre mitre_limit=2'))
		from unnest(${moratoriums.map((m) => m.streetId)}::int[], ${moratoriums.map((m) => m.reason)}::text[], ${moratoriums.map((m) => m.from)}::date[],
		            ${moratoriums.map((m) => m.until)}::date[], ${moratoriums.map((m) => m.source)}::text[]) as m(street_id, reason, starts_on, ends_on, source)
		join streets s on s.id = m.street_id`.execute(db);

	await insertWorks(db, sampleWorks(streets, moratoriums, seed, today));
}

/**
 * The works, drawn in SQL along their streets: a trench is a piece of the street's centre line,
 * moved sideways and buffered with flat ends (as the check measures one); a pit a 3 × 2 m box.
 */
async function insertWorks(db: Db, works: SampleWork[]): Promise<void> {
	const first = Number((await sql<{ n: number }>`select coalesce(max(id), 0) + 1 as n from excavation_works`.execute(db)).rows[0].n);
	const column = <T>(pick: (w: SampleWork) => T) => works.map(pick);
	await sql`
		with w as (
			select * from unnest(
				${column((w) => first + w.index)}::bigint[], ${column((w) => w.reference)}::text[], ${column((w) => w.organisation)}::text[],
				${column((w) => w.purpose)}::text[], ${column((w) => worksCategory(w.start, w.end, w.emergency))}::text[],
				${column((w) => w.emergency)}::bool[], ${column((w) => w.status)}::text[], ${column((w) => w.start)}::date[],
				${column((w) => w.end)}::date[], ${column((w) => (w.sharesTrenchOf === null ? null : first + w.sharesTrenchOf))}::bigint[],
				${column((w) => w.streetId)}::int[], ${column((w) => w.at)}::float8[], ${column((w) => w.lengthM)}::float8[],
				${column((w) => w.offsetM)}::float8[], ${column((w) => w.widthM)}::float8[]
			) as w(id, reference, org_code, purpose, category, emergency, status, starts_on, ends_on, shared_trench_of, street_id, at, length_m, offset_m, width_m)
		),
		drawn as (
			select w.*, l.line, case when w.width_m is null then ST_Expand(ST_StartPoint(l.line), 1.5, 1) end as pit
			from w
			join streets s on s.id = w.street_id
			cross join lateral (select ST_GeometryN(s.geom, 1) as base) b
			cross join lateral (
				select ST_LineSubstring(b.base, w.at, least(1, w.at + greatest(w.length_m, 1) / ST_Length(b.base))) as sub
			) c
			cross join lateral (
				select case when w.offset_m = 0 then c.sub
					else ST_GeometryN(ST_Multi(ST_OffsetCurve(c.sub, w.offset_m, 'join=mitre mitre_limit=2')), 1) end as line
			) l
		)
		insert into excavation_works (id, reference, organisation_id, purpose, category, emergency, status, starts_on, ends_on,
			shared_trench_of, features, footprint, length_m)
		select d.id, d.reference, o.id, d.purpose, d.category, d.emergency, d.status, d.starts_on, d.ends_on, d.shared_trench_of,
			jsonb_build_array(jsonb_build_object(
				'kind', case when d.pit is null then 'trench' else 'pit' end,
				'width_m', d.width_m,
				'geometry', ST_AsGeoJSON(ST_Transform(coalesce(d.pit, d.line), 4326), 7)::jsonb)),
			ST_Multi(coalesce(d.pit, ST_Buffer(d.line, d.width_m / 2, 'endcap=flat join=mitre'))),
			case when d.pit is null then ST_Length(d.line) else 0 end
		from drawn d join organisations o on o.code = d.org_code
		order by d.id`.execute(db);
	// A work that still touches a moratorium in force (across a junction, say) would have been refused: say so.
	await sql`
		update excavation_works w set status = 'refused'
		where not w.emergency and w.status in ('planned', 'approved', 'permitted', 'active')
			and exists (select 1 from restrictions r where ST_Intersects(r.geom, w.footprint) and r.period && w.period)`.execute(db);
	await sql`select setval(pg_get_serial_sequence('excavation_works', 'id'), greatest((select max(id) from excavation_works), 1))`.execute(db);
}

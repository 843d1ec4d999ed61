import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../src/lib/server/db/schema';
import { rebuildWideningCorridors } from '../../src/lib/server/streets/widening.repository';
import { newRuleBookOf, saveRuleBook } from '../../src/lib/server/rules';
import { SAMPLE_RULE_BOOK } from '../../src/lib/domain/rules';
import { SAMPLE_SRID } from './geometry';
import { insertSampleZoneValues } from './zone-values';
import { loadSampleExcavation } from './excavation-loader';
import { sampleCity, type BlockFeatures, type BuildingRow, type CaseRow, type ParcelRow, type SampleCity } from './city-features';

export { sampleCity, SAMPLE_LABEL } from './city-features';

type Db = Kysely<DB> | Transaction<DB>;

/** Up to this size the whole load is one transaction; bigger (benchmark) cities commit batch by batch. */
export const ATOMIC_LOAD_LIMIT = 250_000;

export interface LoadOptions {
	parcels: number;
	/** Storage CRS of the database; the city is generated in UTM 39N and transformed if they differ. */
	srid: number;
	seed?: number;
	onProgress?: (msg: string) => void;
	/** Parcels per INSERT. */
	batchSize?: number;
}

export async function hasParcels(db: Kysely<DB>): Promise<boolean> {
	const { rows } = await sql<{ found: boolean }>`select exists (select 1 from parcels) as found`.execute(db);
	return rows[0].found;
}

/**
 * Loads the deterministic SAMPLE city (every row marked as sample data) into an empty city.
 * Up to ATOMIC_LOAD_LIMIT parcels it runs in one transaction, so a failure leaves the database as
 * it was; above that, fixed layers, each parcel batch and the finishing steps commit one by one
 * (a failed benchmark load must be cleared by hand). Returns the row count per layer.
 */
export async function loadSampleCity(db: Kysely<DB>, opts: LoadOptions): Promise<Record<string, number>> {
	const city = sampleCity({ parcels: opts.parcels, seed: opts.seed });
	const loader = new CityLoader(city, opts);
	if (opts.parcels <= ATOMIC_LOAD_LIMIT) return db.transaction().execute((trx) => loader.load(trx));
	// Bulk load: GiST indexes are far cheaper built once after the parcels than grown row by row;
	// rebuilt before the finishing steps (widening corridors, street surfaces), which join parcels
	// spatially and without them would scan a million parcels per street.
	const deferred = await dropSpatialIndexes(db, ['parcels', 'buildings']);
	const rebuild = async () => {
		for (const index of deferred.splice(0)) {
			opts.onProgress?.(`rebuilding ${index.name}…`);
			await sql.raw(index.definition).execute(db);
		}
		await sql`analyze parcels, buildings`.execute(db);
	};
	try {
		return await loader.load(db, rebuild);
	} finally {
		await rebuild();
	}
}

/** Drops the GiST indexes of the given tables (as the migrations defined them) and returns their definitions. */
async function dropSpatialIndexes(db: Kysely<DB>, tables: string[]): Promise<{ name: string; definition: string }[]> {
	const { rows } = await sql<{ name: string; definition: string }>`
		select indexname as name, indexdef as definition from pg_indexes
		where schemaname = current_schema() and tablename = any(${tables}::text[]) and indexdef ilike '%using gist%'`.execute(db);
	for (const index of rows) await sql`drop index ${sql.id(index.name)}`.execute(db);
	return rows;
}

class CityLoader {
	private readonly progress: (msg: string) => void;
	private readonly batchSize: number;
	constructor(
		private readonly city: SampleCity,
		private readonly opts: LoadOptions
	) {
		this.progress = opts.onProgress ?? (() => {});
		this.batchSize = opts.batchSize ?? 5000;
	}

	/** WKT in UTM 39N → a geometry in the storage CRS. */
	private geom(wkt: RawBuilder<unknown> | string): RawBuilder<unknown> {
		const g = sql`ST_GeomFromText(${wkt}, ${sql.lit(SAMPLE_SRID)})`;
		return this.opts.srid === SAMPLE_SRID ? g : sql`ST_Transform(${g}, ${sql.lit(this.opts.srid)})`;
	}

	/**
	 * A generated polygon as stored: valid as it is almost always, else repaired as the importer
	 * repairs (gis/import/staging.ts). Rounding to the millimetre can fold a clipped corner into a
	 * spike (one parcel and three buildings of the 1M city), and a self-intersecting polygon makes
	 * GEOS refuse every intersection with it (the zone covering most of the parcel, say).
	 */
	private validPolygons(wkt: RawBuilder<unknown>): RawBuilder<unknown> {
		return sql`(select case when ST_IsValid(g, 0) then g else ST_Multi(ST_CollectionExtract(ST_MakeValid(g), 3)) end from (select ${this.geom(wkt)} as g) generated)`;
	}

	private get box() {
		const b = this.city.box;
		return this.geom(sql`${`POLYGON((${b.minX} ${b.minY},${b.maxX} ${b.minY},${b.maxX} ${b.maxY},${b.minX} ${b.maxY},${b.minX} ${b.minY}))`}::text`);
	}

	/** The part of a geometry inside the box; most lie wholly inside, where a bounding-box test suffices. */
	private clipToBox(g: RawBuilder<unknown>, dim: 2 | 3): RawBuilder<unknown> {
		return sql`(select case when x.g @ ${this.box} then ST_Multi(x.g)
		                        else ST_Multi(ST_CollectionExtract(ST_Intersection(x.g, ${this.box}), ${sql.lit(dim)})) end
		           from (select ${g} as g) x)`;
	}

	/** `parcelsLoaded` runs once every parcel and building is in (a bulk load rebuilds its indexes there). */
	async load(db: Db, parcelsLoaded: () => Promise<void> = async () => {}): Promise<Record<string, number>> {
		const started = Date.now();
		const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
		const { city } = this;

		const districtIds = await this.insertDistricts(db);
		this.progress(`${city.districts.length} districts loaded (${elapsed()})`);
		await this.insertStreets(db);
		this.progress(`${city.streets.length} streets and their widening lines loaded (${elapsed()})`);
		await this.insertZones(db);
		await this.insertRuleBook(db);
		await this.insertOverlays(db);
		this.progress(`zoning, its SAMPLE rule book and overlays loaded (${elapsed()})`);

		const blockOffset = await nextId(db, 'blocks');
		let batch: { index: number; code: string; district: number; wkt: string }[] = [];
		for (const b of city.blocks()) {
			batch.push({ index: b.index, code: b.code, district: districtIds.get(b.districtCode)!, wkt: b.wkt });
			if (batch.length >= this.batchSize) {
				await this.insertBlocks(db, blockOffset, batch);
				batch = [];
			}
		}
		if (batch.length) await this.insertBlocks(db, blockOffset, batch);
		this.progress(`${city.plan.blocks.length} blocks loaded (${elapsed()})`);

		const parcelOffset = await nextId(db, 'parcels');
		let pending: BlockFeatures = { parcels: [], buildings: [], cases: [] };
		let loaded = 0;
		const flush = async () => {
			if (!pending.parcels.length) return;
			await this.insertParcels(db, parcelOffset + loaded, blockOffset, districtIds, pending.parcels);
			await this.insertBuildings(db, pending.buildings);
			await this.insertCases(db, pending.cases);
			loaded += pending.parcels.length;
			pending = { parcels: [], buildings: [], cases: [] };
			this.progress(`${loaded} / ${this.opts.parcels} parcels (${elapsed()})`);
		};
		for (const f of city.parcelsByBlock()) {
			pending.parcels.push(...f.parcels);
			pending.buildings.push(...f.buildings);
			pending.cases.push(...f.cases);
			if (pending.parcels.length >= this.batchSize) await flush();
		}
		await flush();
		await parcelsLoaded();
		await insertSampleZoneValues(db, city.plan.frame.core, this.opts.srid);
		// statistics before the setbacks price each piece by its zone value (without them the planner
		// pairs the spatial index with the use-class one: 10× slower per piece at 1M parcels)
		await sql`analyze zone_values, streets`.execute(db);
		this.progress(`zone values (P) loaded (${elapsed()})`);

		await rebuildWideningCorridors(db);
		await loadSampleExcavation(db, city.seed);
		for (const table of ['districts', 'blocks', 'streets', 'parcels', 'buildings', 'cases'] as const) {
			await sql`select setval(pg_get_serial_sequence(${table}, 'id'), greatest((select max(id) from ${sql.table(table)}), 1))`.execute(db);
		}
		this.progress(`widening corridors, street surfaces and excavation works done (${elapsed()})`);
		return counts(db);
	}

	private async insertDistricts(db: Db): Promise<Map<string, number>> {
		const ids = new Map<string, number>();
		for (const d of this.city.districts) {
			// Districts are whole superblocks: union them, then keep what lies in the box.
			const row = await sql<{ id: number }>`
				insert into districts (code, name_fa, name_en, geom)
				select ${d.code}, ${d.nameFa}, ${d.nameEn},
				       ${this.clipToBox(sql`ST_Union(part.geom)`, 3)}
				from ST_Dump(${this.geom(d.wkt)}) as part
				returning id`.execute(db);
			ids.set(d.code, row.rows[0].id);
		}
		return ids;
	}

	private async insertStreets(db: Db) {
		const offset = await nextId(db, 'streets');
		const rows = this.city.streets;
		for (let i = 0; i < rows.length; i += this.batchSize) {
			const part = rows.slice(i, i + this.batchSize);
			await sql`
				insert into streets (id, name_fa, name_en, class, width_m, planned_width_m, geom)
				select id, name_fa, name_en, class, width_m, planned_width_m, g
				from (
					select s.id, s.name_fa, s.name_en, s.class, s.width_m, s.planned_width_m,
					       case when s.in_box then ST_Multi(${this.geom(sql`s.wkt`)}) else ${this.clipToBox(this.geom(sql`s.wkt`), 2)} end as g
					from unnest(${part.map((s) => s.inBox)}::bool[], ${part.map((s) => offset + s.planId)}::int[], ${part.map((s) => s.nameFa)}::text[],
					            ${part.map((s) => s.nameEn)}::text[], ${part.map((s) => s.cls)}::text[],
					            ${part.map((s) => s.widthM)}::numeric[], ${part.map((s) => s.plannedWidthM)}::numeric[],
					            ${part.map((s) => s.wkt)}::text[])
					     as s(in_box, id, name_fa, name_en, class, width_m, planned_width_m, wkt)
				) clipped
				where not ST_IsEmpty(g)`.execute(db);
			const widened = part.filter((s) => s.wideningWkt);
			if (!widened.length) continue;
			await sql`
				insert into widening_lines (street_id, planned_width_m, geom)
				select w.street_id, w.planned_width_m, g
				from (
					select w.street_id, w.planned_width_m,
					       case when w.in_box then ST_Multi(${this.geom(sql`w.wkt`)}) else ${this.clipToBox(this.geom(sql`w.wkt`), 2)} end as g
					from unnest(${widened.map((s) => s.inBox)}::bool[], ${widened.map((s) => offset + s.planId)}::int[], ${widened.map((s) => s.plannedWidthM)}::numeric[],
					            ${widened.map((s) => s.wideningWkt!)}::text[]) as w(in_box, street_id, planned_width_m, wkt)
					join streets on streets.id = w.street_id
				) w
				where not ST_IsEmpty(g)`.execute(db);
		}
	}

	/** Zones carry only their code, as most cities publish them: the rules come from the rule book. */
	private async insertZones(db: Db) {
		for (const z of this.city.zones) {
			await sql`
				insert into zoning_zones (code, description, geom)
				select ${z.code}, ${z.description}, g
				from (select ${this.clipToBox(sql`ST_Union(part.geom)`, 3)} as g
				      from ST_Dump(${this.geom(z.wkt)}) as part) u
				where not ST_IsEmpty(g)`.execute(db);
		}
	}

	/** The SAMPLE rule book (src/lib/domain/rules/sample-rule-book.ts), marked as sample data, covering every zone code. */
	private async insertRuleBook(db: Db) {
		const { book, zones } = newRuleBookOf(SAMPLE_RULE_BOOK);
		if (db.isTransaction) await saveRuleBook(db, book, zones);
		else await db.transaction().execute((trx) => saveRuleBook(trx, book, zones));
	}

	private async insertOverlays(db: Db) {
		for (const o of this.city.overlays) {
			const shape = o.bufferM > 0 ? sql`ST_Buffer(${this.geom(o.wkt)}, ${o.bufferM}::float8, 'quad_segs=8')` : this.geom(o.wkt);
			await sql`
				insert into overlays (kind, name_fa, name_en, max_height_m, max_floors, rule_fa, rule_en, geom)
				values (${o.kind}, ${o.nameFa}, ${o.nameEn}, ${o.maxHeightM}, ${o.maxFloors}, ${o.ruleFa}, ${o.ruleEn},
				        ST_Multi(ST_CollectionExtract(ST_Intersection(${shape}, ${this.box}), 3)))`.execute(db);
		}
	}

	private async insertBlocks(db: Db, offset: number, rows: { index: number; code: string; district: number; wkt: string }[]) {
		await sql`
			insert into blocks (id, code, district_id, geom)
			select b.id, b.code, b.district_id, ${this.geom(sql`b.wkt`)}
			from unnest(${rows.map((r) => offset + r.index)}::int[], ${rows.map((r) => r.code)}::text[],
			            ${rows.map((r) => r.district)}::int[], ${rows.map((r) => r.wkt)}::text[]) as b(id, code, district_id, wkt)`.execute(db);
	}

	private async insertParcels(db: Db, firstId: number, blockOffset: number, districtIds: Map<string, number>, rows: ParcelRow[]) {
		await sql`
			insert into parcels (id, renovation_code, registration_plate, registry_section, postal_code, address,
			                     district_id, block_id, attributes, geom)
			select p.id, p.renovation_code, p.registration_plate, p.registry_section, p.postal_code, p.address,
			       p.district_id, p.block_id, p.attributes::jsonb, ${this.validPolygons(sql`p.wkt`)}
			from unnest(${rows.map((_, i) => firstId + i)}::bigint[], ${rows.map((r) => r.renovationCode)}::text[],
			            ${rows.map((r) => r.registrationPlate)}::text[], ${rows.map((r) => r.registrySection)}::text[],
			            ${rows.map((r) => r.postalCode)}::text[], ${rows.map((r) => r.address)}::text[],
			            ${rows.map((r) => districtIds.get(r.districtCode)!)}::int[], ${rows.map((r) => blockOffset + r.blockIndex)}::int[],
			            ${rows.map((r) => r.attributes)}::text[], ${rows.map((r) => r.wkt)}::text[])
			     as p(id, renovation_code, registration_plate, registry_section, postal_code, address, district_id, block_id, attributes, wkt)`.execute(db);
	}

	private async insertBuildings(db: Db, rows: BuildingRow[]) {
		if (!rows.length) return;
		await sql`
			insert into buildings (parcel_id, floors, built_floor_area_m2, permitted_floor_area_m2, permit_no, permit_date, geom)
			select p.id, b.floors, b.built, b.permitted, b.permit_no, b.permit_date, ${this.validPolygons(sql`b.wkt`)}
			from unnest(${rows.map((r) => r.renovationCode)}::text[], ${rows.map((r) => r.floors)}::int[],
			            ${rows.map((r) => r.builtFloorAreaM2)}::numeric[], ${rows.map((r) => r.permittedFloorAreaM2)}::numeric[],
			            ${rows.map((r) => r.permitNo)}::text[], ${rows.map((r) => r.permitDate)}::date[], ${rows.map((r) => r.wkt)}::text[])
			     as b(code, floors, built, permitted, permit_no, permit_date, wkt)
			join parcels p on p.renovation_code = b.code`.execute(db);
	}

	private async insertCases(db: Db, rows: CaseRow[]) {
		if (!rows.length) return;
		await sql`
			insert into cases (parcel_id, tracking_code, kind, status, title_fa, title_en, step_fa, step_en, opened_at, due_on, closed_at)
			select p.id, c.tracking_code, c.kind, c.status, c.title_fa, c.title_en, c.step_fa, c.step_en, c.opened_at, c.due_on, c.closed_at
			from unnest(${rows.map((r) => r.renovationCode)}::text[], ${rows.map((r) => r.trackingCode)}::text[],
			            ${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.status)}::text[], ${rows.map((r) => r.titleFa)}::text[],
			            ${rows.map((r) => r.titleEn)}::text[], ${rows.map((r) => r.stepFa)}::text[], ${rows.map((r) => r.stepEn)}::text[],
			            ${rows.map((r) => r.openedAt)}::timestamptz[], ${rows.map((r) => r.dueOn)}::date[], ${rows.map((r) => r.closedAt)}::timestamptz[])
			     as c(code, tracking_code, kind, status, title_fa, title_en, step_fa, step_en, opened_at, due_on, closed_at)
			join parcels p on p.renovation_code = c.code`.execute(db);
	}
}

async function nextId(db: Db, table: 'blocks' | 'parcels' | 'streets'): Promise<number> {
	const { rows } = await sql<{ n: number }>`select coalesce(max(id), 0)::int + 1 as n from ${sql.table(table)}`.execute(db);
	return rows[0].n;
}

const LAYERS = [
	'districts',
	'blocks',
	'streets',
	'widening_lines',
	'widening_corridors',
	'parcels',
	'zoning_zones',
	'zone_rules',
	'overlays',
	'buildings',
	'cases',
	'zone_values',
	'street_surfaces',
	'restrictions',
	'excavation_works'
] as const;

async function counts(db: Db): Promise<Record<string, number>> {
	const out: Record<string, number> = {};
	for (const table of LAYERS) {
		const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
		out[table] = rows[0].n;
	}
	return out;
}

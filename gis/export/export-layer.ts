import fs from 'node:fs';
import { once } from 'node:events';
import { sql, type Kysely } from 'kysely';
import type { CityLayer, DB } from '../../src/lib/server/db/schema';
import { ImportError } from '../import/import-error';
import { isCityLayer, LAYERS } from '../import/layers';

export interface ExportReport {
	layer: CityLayer;
	file: string;
	features: number;
	elapsedMs: number;
}

const PAGE = 2000;

/**
 * Writes a layer as an RFC 7946 GeoJSON FeatureCollection: WGS84, longitude/latitude, 9 decimals
 * (0.1 mm: a round trip keeps areas to 0.01 m²), exterior rings counter-clockwise. Properties are the row's columns (dates as YYYY-MM-DD); a parcel's kept source
 * attributes are spread beside its columns, so a re-import keeps them. Rows are read in id
 * pages and streamed, so a million-parcel layer does not have to fit in memory.
 */
export async function exportLayer(db: Kysely<DB>, options: { layer: string; file: string }): Promise<ExportReport> {
	const started = performance.now();
	if (!isCityLayer(options.layer)) {
		const known = Object.keys(LAYERS).join(', ');
		throw new ImportError('export_unknown_layer', {
			fa: `لایهٔ «${options.layer}» شناخته نیست؛ یکی از این‌ها را بدهید: ${known}`,
			en: `Unknown layer "${options.layer}"; use one of: ${known}`
		});
	}
	const spec = LAYERS[options.layer];
	const table = sql.table(spec.table);
	const properties = spec.keepsAttributes
		? sql`t.attributes || (to_jsonb(t) - 'geom' - 'geom_3857' - 'attributes')`
		: sql`to_jsonb(t) - 'geom' - 'geom_3857'`;

	const tmp = `${options.file}.partial`;
	const out = fs.createWriteStream(tmp, { encoding: 'utf8' });
	const write = async (chunk: string) => {
		if (!out.write(chunk)) await once(out, 'drain');
	};
	let count = 0;
	try {
		await write(`{"type":"FeatureCollection","name":${JSON.stringify(spec.layer)},"features":[\n`);
		let after = -1;
		for (;;) {
			const { rows } = await sql<{ id: number; feature: string }>`
				select t.id, json_build_object(
					'type', 'Feature',
					'id', t.id,
					'properties', ${properties},
					'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Transform(t.geom, 4326)), 9)::json
				)::text as feature
				from ${table} t
				where t.id > ${after} and t.geom is not null
				order by t.id limit ${PAGE}`.execute(db);
			for (const row of rows) await write(`${count++ ? ',\n' : ''}${row.feature}`);
			if (rows.length < PAGE) break;
			after = rows[rows.length - 1].id;
		}
		await write('\n]}\n');
		out.end();
		await once(out, 'finish');
		fs.renameSync(tmp, options.file);
	} catch (err) {
		out.destroy();
		fs.rmSync(tmp, { force: true });
		throw err;
	}
	return { layer: spec.layer, file: options.file, features: count, elapsedMs: Math.round(performance.now() - started) };
}

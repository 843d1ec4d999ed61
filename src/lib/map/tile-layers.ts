/**
 * The catalogue of the city's vector-tile layers: each layer's name, the zooms at which it is
 * served and the fields its features carry. Client-safe (no SQL): the tile server
 * (`$lib/server/tiles/layers.ts`, which adds each layer's SQL) and the map's style (`style.ts`,
 * which asks for tiles only in these ranges) both read it, so they cannot drift apart.
 */

/** How a feature property is typed in the tile (ST_AsMVT writes the SQL type; our encoder is told). */
export type TileFieldType = 'string' | 'int' | 'double';

export interface TileLayerSpec {
	/** Below minZoom and above maxZoom the layer's tiles are empty, so the map does not ask for them. */
	minZoom: number;
	maxZoom: number;
	geometry: 'polygon' | 'line';
	fields: Readonly<Record<string, TileFieldType>>;
	/**
	 * Fields carried only from a zoom on (the rest at every zoom): what keeps a low-zoom tile within
	 * its size budget. A feature's MVT id is its `id` at every zoom.
	 */
	fieldsFromZoom?: Readonly<Record<string, number>>;
}

/** The deepest zoom a tile may be asked for. */
export const MAX_TILE_ZOOM = 22;

/** From which zoom each street class is drawn: the network thins out as the map zooms out. */
export const STREET_CLASS_MIN_ZOOM = { arterial: 11, collector: 13, local: 14, alley: 15 } as const;

/** From this zoom the excavations layer carries every public work with all its fields; below it, current works by status. */
export const EXCAVATION_FULL_ZOOM = 15;

/** In the order they are listed (layers.json, error messages). */
export const TILE_LAYERS = {
	districts: {
		minZoom: 0,
		maxZoom: MAX_TILE_ZOOM,
		geometry: 'polygon',
		fields: { id: 'int', code: 'string', name_fa: 'string', name_en: 'string' }
	},
	blocks: {
		minZoom: 14,
		maxZoom: MAX_TILE_ZOOM,
		geometry: 'polygon',
		fields: { id: 'int', code: 'string' }
	},
	streets: {
		minZoom: STREET_CLASS_MIN_ZOOM.arterial,
		maxZoom: MAX_TILE_ZOOM,
		geometry: 'line',
		fields: { id: 'int', name_fa: 'string', name_en: 'string', class: 'string', width_m: 'double', planned_width_m: 'double' }
	},
	widening_lines: {
		minZoom: 14,
		maxZoom: MAX_TILE_ZOOM,
		geometry: 'line',
		fields: { id: 'int', street_id: 'int', planned_width_m: 'double' }
	},
	zoning: {
		minZoom: 11,
		maxZoom: MAX_TILE_ZOOM,
		geometry: 'polygon',
		fields: { id: 'int', code: 'string', land_use: 'string', density_pct: 'double', max_floors: 'int' }
	},
	overlays: {
		minZoom: 10,
		maxZoom: MAX_TILE_ZOOM,
		geometry: 'polygon',
		fields: { id: 'int', kind: 'string', name_fa: 'string', name_en: 'string', max_height_m: 'double' }
	},
	parcels: {
		minZoom: 15,
		maxZoom: MAX_TILE_ZOOM,
		geometry: 'polygon',
		// open_cases only where there are any (absent means none). A z15 tile of the densest fabric holds
		// ~8,500 parcels: with every parcel's id and renovation code it weighs ~480 KB, with its
		// feature id alone ~230 KB (budget 250 KB, BENCHMARKS.md)
		fields: { id: 'int', renovation_code: 'string', open_cases: 'int' },
		fieldsFromZoom: { id: 16, renovation_code: 16 }
	},
	// works in the street, public statuses only; thin trenches are widened on the tile below z16 (layers.ts).
	// Below EXCAVATION_FULL_ZOOM only current works (not the completed ones of past years) and only their
	// status, which is all the map draws them by: a z13 tile of the 1M city's 100,000 works weighed ~460 KB
	excavations: {
		minZoom: 13,
		maxZoom: MAX_TILE_ZOOM,
		geometry: 'polygon',
		fields: { id: 'int', reference: 'string', status: 'string', purpose: 'string', organisation_kind: 'string', start: 'string', end: 'string' },
		fieldsFromZoom: {
			id: EXCAVATION_FULL_ZOOM,
			reference: EXCAVATION_FULL_ZOOM,
			purpose: EXCAVATION_FULL_ZOOM,
			organisation_kind: EXCAVATION_FULL_ZOOM,
			start: EXCAVATION_FULL_ZOOM,
			end: EXCAVATION_FULL_ZOOM
		}
	}
} as const satisfies Record<string, TileLayerSpec>;

export type TileLayerName = keyof typeof TILE_LAYERS;

export const TILE_LAYER_NAMES = Object.keys(TILE_LAYERS) as TileLayerName[];

export function isTileLayerName(name: string): name is TileLayerName {
	return (TILE_LAYER_NAMES as readonly string[]).includes(name);
}

/** The fields a layer's tiles carry at zoom z. */
export function tileFieldsAt(spec: TileLayerSpec, z: number): string[] {
	return Object.keys(spec.fields).filter((field) => z >= (spec.fieldsFromZoom?.[field] ?? 0));
}

/** What the map needs to know about each layer, as served at /tiles/layers.json. */
export function tileLayerCatalogue() {
	return TILE_LAYER_NAMES.map((name) => {
		const spec: TileLayerSpec = TILE_LAYERS[name];
		const { minZoom, maxZoom, geometry, fields, fieldsFromZoom } = spec;
		return {
			id: name,
			minzoom: minZoom,
			maxzoom: maxZoom,
			geometry,
			fields: Object.keys(fields),
			...(fieldsFromZoom ? { fields_minzoom: fieldsFromZoom } : {})
		};
	});
}

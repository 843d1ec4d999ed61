import Pbf from 'pbf';

/**
 * A small Mapbox Vector Tile 2.1 encoder for the embedded backend, whose PostGIS (WASM) has no
 * ST_AsMVT. The geometry arrives already clipped, in tile pixels (y down) and snapped to whole
 * pixels; this file only writes the protobuf: https://github.com/mapbox/vector-tile-spec/tree/master/2.1
 */

export type PropertyValue = string | number | boolean | null | undefined;
export type FieldType = 'string' | 'int' | 'double' | 'bool';

/** Tile-space coordinates as GeoJSON nests them: [x, y]. */
type Position = number[];

export type TileGeometry =
	| { type: 'LineString'; coordinates: Position[] }
	| { type: 'MultiLineString'; coordinates: Position[][] }
	| { type: 'Polygon'; coordinates: Position[][] }
	| { type: 'MultiPolygon'; coordinates: Position[][][] };

export interface TileFeature {
	/** Written as the MVT feature id when a non-negative whole number. */
	id?: number | null;
	properties: Record<string, PropertyValue>;
	geometry: TileGeometry;
}

export interface TileLayerData {
	name: string;
	features: TileFeature[];
	/** Declared property types, so e.g. a density of 240 stays a double like ST_AsMVT writes it. */
	fieldTypes?: Record<string, FieldType>;
	extent?: number;
}

const GEOM_LINESTRING = 2;
const GEOM_POLYGON = 3;
const CMD_MOVE_TO = 1;
const CMD_LINE_TO = 2;
const CMD_CLOSE_PATH = 7;

/** Encodes layers into one tile. Layers without features are left out; no layers → zero bytes. */
export function encodeTile(layers: TileLayerData[]): Uint8Array {
	const pbf = new Pbf();
	for (const layer of layers) {
		const encoded = prepareLayer(layer);
		if (encoded.features.length) pbf.writeMessage(3, writeLayer, encoded);
	}
	return pbf.finish();
}

interface PreparedFeature {
	id: number | null;
	tags: number[];
	type: number;
	geometry: number[];
}

interface PreparedLayer {
	name: string;
	extent: number;
	keys: string[];
	values: { type: FieldType; value: string | number | boolean }[];
	features: PreparedFeature[];
}

function prepareLayer(layer: TileLayerData): PreparedLayer {
	const keys: string[] = [];
	const keyIndex = new Map<string, number>();
	const values: PreparedLayer['values'] = [];
	const valueIndex = new Map<string, number>();
	const features: PreparedFeature[] = [];

	for (const feature of layer.features) {
		const { type, commands } = encodeGeometry(feature.geometry);
		if (!commands.length) continue;
		const tags: number[] = [];
		for (const [key, raw] of Object.entries(feature.properties)) {
			if (raw === null || raw === undefined) continue;
			const type = valueType(raw, layer.fieldTypes?.[key]);
			const value = type === 'string' ? String(raw) : raw;
			let k = keyIndex.get(key);
			if (k === undefined) {
				k = keys.push(key) - 1;
				keyIndex.set(key, k);
			}
			const valueKey = `${type}:${String(value)}`;
			let v = valueIndex.get(valueKey);
			if (v === undefined) {
				v = values.push({ type, value }) - 1;
				valueIndex.set(valueKey, v);
			}
			tags.push(k, v);
		}
		const id = feature.id;
		features.push({
			id: typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null,
			tags,
			type,
			geometry: commands
		});
	}
	return { name: layer.name, extent: layer.extent ?? 4096, keys, values, features };
}

function valueType(raw: string | number | boolean, declared: FieldType | undefined): FieldType {
	if (typeof raw === 'boolean') return 'bool';
	if (typeof raw === 'string') return 'string';
	if (declared === 'string') return 'string';
	if (declared === 'double' || !Number.isSafeInteger(raw)) return 'double';
	return 'int';
}

function writeLayer(layer: PreparedLayer, pbf: Pbf) {
	pbf.writeVarintField(15, 2);
	pbf.writeStringField(1, layer.name);
	for (const feature of layer.features) pbf.writeMessage(2, writeFeature, feature);
	for (const key of layer.keys) pbf.writeStringField(3, key);
	for (const value of layer.values) pbf.writeMessage(4, writeValue, value);
	pbf.writeVarintField(5, layer.extent);
}

function writeFeature(feature: PreparedFeature, pbf: Pbf) {
	if (feature.id !== null) pbf.writeVarintField(1, feature.id);
	pbf.writePackedVarint(2, feature.tags);
	pbf.writeVarintField(3, feature.type);
	pbf.writePackedVarint(4, feature.geometry);
}

function writeValue({ type, value }: PreparedLayer['values'][number], pbf: Pbf) {
	if (type === 'string') pbf.writeStringField(1, String(value));
	else if (type === 'bool') pbf.writeBooleanField(7, Boolean(value));
	else if (type === 'double') pbf.writeDoubleField(3, Number(value));
	// as ST_AsMVT does: uint_value for non-negative, sint_value (zigzag) for negative integers
	else if (Number(value) >= 0) pbf.writeVarintField(5, Number(value));
	else pbf.writeSVarintField(6, Number(value));
}

/** Zigzag: signed deltas to unsigned varints (0, -1, 1, -2 … → 0, 1, 2, 3 …). */
export function zigzag(n: number): number {
	return n < 0 ? -n * 2 - 1 : n * 2;
}

export function command(id: number, count: number): number {
	return (id & 0x7) | (count << 3);
}

/**
 * Twice the signed area by the surveyor's formula in tile coordinates (y down). The spec defines an
 * exterior ring as one with positive area, which looks clockwise on screen.
 */
export function ringArea(ring: Position[]): number {
	let sum = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		sum += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
	}
	return sum;
}

function encodeGeometry(geometry: TileGeometry): { type: number; commands: number[] } {
	const commands: number[] = [];
	const cursor = { x: 0, y: 0 };
	switch (geometry.type) {
		case 'LineString':
			writeLine(geometry.coordinates, commands, cursor);
			return { type: GEOM_LINESTRING, commands };
		case 'MultiLineString':
			for (const line of geometry.coordinates) writeLine(line, commands, cursor);
			return { type: GEOM_LINESTRING, commands };
		case 'Polygon':
			writePolygon(geometry.coordinates, commands, cursor);
			return { type: GEOM_POLYGON, commands };
		case 'MultiPolygon':
			for (const polygon of geometry.coordinates) writePolygon(polygon, commands, cursor);
			return { type: GEOM_POLYGON, commands };
		default:
			return { type: 0, commands };
	}
}

/** Rounds to whole pixels and drops repeated vertices: a LineTo of (0, 0) is not allowed. */
function cleanPath(points: Position[]): Position[] {
	const out: Position[] = [];
	for (const p of points) {
		const x = Math.round(p[0]);
		const y = Math.round(p[1]);
		const last = out[out.length - 1];
		if (!last || last[0] !== x || last[1] !== y) out.push([x, y]);
	}
	return out;
}

function writeLine(points: Position[], out: number[], cursor: { x: number; y: number }) {
	const path = cleanPath(points);
	if (path.length < 2) return;
	writePath(path, out, cursor);
}

function writePolygon(rings: Position[][], out: number[], cursor: { x: number; y: number }) {
	for (let i = 0; i < rings.length; i++) {
		const ring = cleanPath(rings[i]);
		// the closing vertex is implied by ClosePath
		const first = ring[0];
		const last = ring[ring.length - 1];
		if (ring.length > 1 && first[0] === last[0] && first[1] === last[1]) ring.pop();
		const area = ring.length >= 3 ? ringArea(ring) : 0;
		if (area === 0) {
			if (i === 0) return; // an exterior collapsed to a line or point: its holes go with it
			continue;
		}
		const exterior = i === 0;
		if (exterior !== area > 0) ring.reverse();
		writePath(ring, out, cursor);
		out.push(command(CMD_CLOSE_PATH, 1));
	}
}

function writePath(path: Position[], out: number[], cursor: { x: number; y: number }) {
	out.push(command(CMD_MOVE_TO, 1));
	pushPoint(path[0], out, cursor);
	out.push(command(CMD_LINE_TO, path.length - 1));
	for (let i = 1; i < path.length; i++) pushPoint(path[i], out, cursor);
}

function pushPoint([x, y]: Position, out: number[], cursor: { x: number; y: number }) {
	out.push(zigzag(x - cursor.x), zigzag(y - cursor.y));
	cursor.x = x;
	cursor.y = y;
}

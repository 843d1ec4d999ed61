import type { Statements } from '../db/database';
import type { TileLayerDefinition } from './layers';
import type { TileCoord } from './tile-coords';
import { selectMvtTiles } from './tile.repository';

/**
 * Tiles of one layer and zoom asked for at the same moment, rendered by one statement (PostgreSQL).
 *
 * A map asks for a dozen or more tiles of each layer at once when it opens or moves, all of one zoom.
 * For a light tile (a district's edge, a few zoning polygons, a street) almost all of a statement's
 * cost is the statement, not the tile: the round trip, binding and starting the plan in PostgreSQL,
 * and the driver's and the event loop's work for each query here. Requests that arrive in the same
 * turn of the event loop (read off the sockets together) are gathered by layer and zoom and sent as
 * one statement over the list (`mvtTilesQuery`: each tile the same statement and bytes as alone).
 * Nothing is held back to wait for company: a lone request goes out in the same turn, alone.
 *
 * A list statement that fails is sent again tile by tile, so that a tile that cannot be rendered fails
 * alone. Heavy tiles are not gathered: one statement runs on one core, and a z15 parcel tile is better
 * rendered beside its neighbours on the database's other cores. So a layer and zoom's batches are
 * sized by what its tiles have cost the database so far, by its own clock (`batchSize`): as many as
 * fit in BATCH_BUDGET_MS, one while nothing is known. A tile whose layer and zoom go one at a time is
 * sent when it is asked for, not at the end of the turn.
 */

/**
 * About how long one batch statement may take: light tiles go many at once, heavy ones alone. Not
 * longer: a statement runs on one core, and its tiles' requests wait for all of it while the database's
 * other cores may have nothing to do (z16 streets of the 1M city at 6 in flight, wrk: with 4 ms two
 * thirds of the 2 cores stayed idle and the endpoint ran ≈ 20% slower than with 1 ms; districts, whose
 * tiles cost 0.04 ms, are gathered as before).
 */
export const BATCH_BUDGET_MS = 1;
/** The most tiles in one statement. */
export const MAX_BATCH = 32;
/** How much a new measurement moves a layer and zoom's cost per tile (an exponential moving average). */
const SMOOTHING = 0.2;

/** How many tiles go in one statement, for tiles costing `msPerTile` (undefined: not measured yet). */
export function batchSize(msPerTile: number | undefined, budgetMs = BATCH_BUDGET_MS): number {
	if (msPerTile === undefined || !(budgetMs > 0)) return 1;
	return Math.min(MAX_BATCH, Math.max(1, Math.floor(budgetMs / msPerTile)));
}

interface Waiting {
	resolve: (bytes: Uint8Array) => void;
	reject: (error: unknown) => void;
}
interface Asked {
	tile: TileCoord;
	/** Every request for this tile in the turn. */
	waiting: Waiting[];
}
/** One reader's (primary or replica) tiles of one layer and zoom asked for in the turn. */
interface Gathered {
	run: Statements;
	layer: TileLayerDefinition;
	z: number;
	key: string;
	asked: Map<string, Asked>;
}

export class TileBatcher {
	/** What this turn's requests asked for, by reader, then layer and zoom. */
	#gathered = new Map<Statements, Map<string, Gathered>>();
	#turn: NodeJS.Immediate | null = null;
	/** Milliseconds a tile of the layer and zoom has cost, by `layer/z` (a few hundred keys at most). */
	readonly #msPerTile = new Map<string, number>();

	constructor(private readonly budgetMs = BATCH_BUDGET_MS) {}

	/** The tile's MVT bytes, rendered with whatever else of its layer and zoom was asked for in this turn. */
	render(run: Statements, layer: TileLayerDefinition, tile: TileCoord): Promise<Uint8Array> {
		return new Promise((resolve, reject) => {
			const key = `${layer.name}/${tile.z}`;
			const ms = this.#msPerTile.get(key);
			if (ms !== undefined && batchSize(ms, this.budgetMs) === 1) {
				// a tile known to go alone goes now: waiting for the turn's end would only put its statement
				// behind the answers written in this turn
				const alone: Asked = { tile, waiting: [{ resolve, reject }] };
				return void this.#render({ run, layer, z: tile.z, key, asked: new Map() }, [alone]);
			}
			let byKey = this.#gathered.get(run);
			if (!byKey) this.#gathered.set(run, (byKey = new Map()));
			let gathered = byKey.get(key);
			if (!gathered) byKey.set(key, (gathered = { run, layer, z: tile.z, key, asked: new Map() }));
			const at = `${tile.x}/${tile.y}`;
			let asked = gathered.asked.get(at);
			if (!asked) gathered.asked.set(at, (asked = { tile, waiting: [] }));
			asked.waiting.push({ resolve, reject });
			// once every socket read in this turn has been heard
			this.#turn ??= setImmediate(() => this.#send());
		});
	}

	/** What a tile of the layer and zoom has cost so far, in ms (undefined: none rendered yet). */
	msPerTile(layer: string, z: number): number | undefined {
		return this.#msPerTile.get(`${layer}/${z}`);
	}

	/** The turn's tiles, each layer and zoom's split evenly into as few statements as its batch size allows. */
	#send() {
		const gathered = this.#gathered;
		this.#gathered = new Map();
		this.#turn = null;
		for (const byKey of gathered.values()) {
			for (const group of byKey.values()) {
				const asked = [...group.asked.values()];
				const statements = Math.ceil(asked.length / batchSize(this.#msPerTile.get(group.key), this.budgetMs));
				const each = Math.ceil(asked.length / statements);
				for (let i = 0; i < asked.length; i += each) void this.#render(group, asked.slice(i, i + each));
			}
		}
	}

	async #render(group: Gathered, asked: Asked[]) {
		const { run, layer, z, key } = group;
		let rendered: { bytes: Uint8Array[]; ms: number };
		try {
			rendered = await selectMvtTiles(run, layer, z, asked.map((a) => a.tile));
		} catch (err) {
			// one tile's failure (a geometry PostGIS cannot clip) must not fail the others: each again alone
			if (asked.length > 1) return void (await Promise.all(asked.map((one) => this.#render(group, [one]))));
			for (const { waiting } of asked) for (const w of waiting) w.reject(err);
			return;
		}
		// the cost is the database's time, not the time until the answer is read here: that also holds the
		// wait for a connection and for the event loop, which under load outgrew the budget of the lightest
		// tiles (0.05 ms each: 1–2.5 ms at 16 in flight) and sent them one statement each, doubling the load
		const ms = rendered.ms / asked.length;
		const before = this.#msPerTile.get(key);
		this.#msPerTile.set(key, before === undefined ? ms : before + SMOOTHING * (ms - before));
		asked.forEach(({ waiting }, i) => waiting.forEach((w) => w.resolve(rendered.bytes[i])));
	}
}

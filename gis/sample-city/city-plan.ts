import { cityFrame, densifyRing, rectRing, rectRingWithBreaks, warp, PLAN_MARGIN_M, type CityFrame, type HalfPlane, type Point, type Ring } from './geometry';
import { ALLEY_NAMES, ARTERIALS_EW, ARTERIALS_NS, COLLECTORS, DIAGONALS, LOCALS, faDigits, type StreetName } from './names-fa';
import { randomFor, type Random } from './prng';
import { ZONES, zoneForCell, type ZoneType } from './zoning-catalog';

/**
 * The plan of the sample city: arterials (plus two diagonal avenues and the river), collectors
 * inside each arterial superblock, local streets and alleys inside each collector cell, and the
 * blocks between them. Streets, districts and zoning always cover the whole box; blocks are listed
 * nearest the historic core first, so parcels fill outward from it.
 */
export type StreetClass = 'arterial' | 'collector' | 'local' | 'alley';

export interface PlanStreet {
	id: number;
	cls: StreetClass;
	name: StreetName;
	widthM: number;
	plannedWidthM: number;
	/** Plan-space polylines. */
	lines: Point[][];
}

/** A street line bounding a cell or block, and its current half width. */
interface Edge {
	pos: number;
	half: number;
	street: PlanStreet | null;
}

export interface PlanBlock {
	/** Position in the fill order (0 = nearest the core); the database id is offset + index. */
	index: number;
	districtCode: string;
	code: string;
	/** Plan rectangle after the streets' current half widths, before diagonal/river cuts. */
	rect: [number, number, number, number];
	/** Long axis: lots front the two streets along it. */
	axis: 'u' | 'v';
	/** Streets on the low and high side across the long axis (the lots' frontages). */
	frontLow: PlanStreet | null;
	frontHigh: PlanStreet | null;
	clips: HalfPlane[];
	zone: ZoneType;
	/** 1 normally; <1 in the dense benchmark city. */
	lotScale: number;
	coreDistance: number;
}

export interface PlanDistrict {
	code: string;
	polygons: Ring[][];
}

export interface PlanZone {
	zone: ZoneType;
	polygons: Ring[][];
}

export interface PlanBand {
	kind: 'diagonal' | 'river';
	/** Unit normal and offset of the centre line: n·p = c. */
	nx: number;
	ny: number;
	c: number;
	half: number;
	from: Point;
	to: Point;
}

export interface CityPlan {
	frame: CityFrame;
	/** The box in plan-space-independent UTM coordinates, for clipping. */
	streets: PlanStreet[];
	districts: PlanDistrict[];
	zones: PlanZone[];
	blocks: PlanBlock[];
	bands: PlanBand[];
	heritageSquare: Ring;
}

export interface PlanOptions {
	seed: number;
	/** Scale of local street spacing (1 normally; smaller packs more blocks for the benchmark city). */
	blockScale?: number;
	/** Scale of lot widths (1 normally). */
	lotScale?: number;
}

const round2 = (n: number) => Math.round(n * 2) / 2;

export function buildCityPlan(opts: PlanOptions): CityPlan {
	const seed = opts.seed;
	const k = opts.blockScale ?? 1;
	const frame = cityFrame();
	const { box, core } = frame;
	const u0 = box.minX - core[0] - PLAN_MARGIN_M;
	const u1 = box.maxX - core[0] + PLAN_MARGIN_M;
	const v0 = box.minY - core[1] - PLAN_MARGIN_M;
	const v1 = box.maxY - core[1] + PLAN_MARGIN_M;
	const streets: PlanStreet[] = [];
	const addStreet = (s: Omit<PlanStreet, 'id'>) => {
		const street = { ...s, id: streets.length };
		streets.push(street);
		return street;
	};

	// Arterials: jittered spacing, one passing ~800 m west of the square like Chaharbagh.
	const positions = (start: number, min: number, max: number, key: string) => {
		const rnd = randomFor(seed, 'arterials', key);
		const out = [start];
		while (out.at(-1)! < max) out.push(out.at(-1)! + rnd.range(1100, 1650));
		while (out[0] > min) out.unshift(out[0] - rnd.range(1100, 1650));
		return out;
	};
	const U = positions(-800, u0, u1, 'u');
	const V = positions(-250, v0, v1, 'v');
	const nameOrder = (list: number[], origin: number) =>
		list.map((p, i) => ({ i, d: Math.abs(p - origin) })).sort((a, b) => a.d - b.d).map((x) => x.i);
	const nsOrder = nameOrder(U, -800);
	const ewOrder = nameOrder(V, -250);

	// Arterial segments between crossings: uSeg[a][j] runs along u = U[a] from V[j] to V[j+1].
	const arterialSegment = (name: StreetName, key: string, from: Point, to: Point, isChaharbagh: boolean) => {
		const rnd = randomFor(seed, 'arterial', key);
		const width = isChaharbagh ? 48 : round2(rnd.range(22, 34));
		const widened = !isChaharbagh && rnd.chance(0.7);
		return addStreet({
			cls: 'arterial',
			name,
			widthM: width,
			plannedWidthM: widened ? width + 2 * rnd.int(3, 7) : width,
			lines: [[from, to]]
		});
	};
	const uSeg: PlanStreet[][] = U.map((u, a) =>
		V.slice(0, -1).map((v, j) =>
			arterialSegment(ARTERIALS_NS[nsOrder.indexOf(a) % ARTERIALS_NS.length], `u${a}-${j}`, [u, v], [u, V[j + 1]], nsOrder.indexOf(a) === 0)
		)
	);
	const vSeg: PlanStreet[][] = V.map((v, b) =>
		U.slice(0, -1).map((u, i) => arterialSegment(ARTERIALS_EW[ewOrder.indexOf(b) % ARTERIALS_EW.length], `v${b}-${i}`, [u, v], [U[i + 1], v], false))
	);

	// Diagonal avenues and the river: straight bands in the plan, curved by the warp.
	const bands: PlanBand[] = [];
	const band = (kind: PlanBand['kind'], through: Point, angleDeg: number, half: number): PlanBand => {
		const a = (angleDeg * Math.PI) / 180;
		const dir: Point = [Math.cos(a), Math.sin(a)];
		const nx = -dir[1];
		const ny = dir[0];
		const reach = Math.hypot(u1 - u0, v1 - v0);
		const from: Point = [through[0] - dir[0] * reach, through[1] - dir[1] * reach];
		const to: Point = [through[0] + dir[0] * reach, through[1] + dir[1] * reach];
		const clipped = clipSegmentToRect(from, to, u0, v0, u1, v1)!;
		const b = { kind, nx, ny, c: nx * through[0] + ny * through[1], half, from: clipped[0], to: clipped[1] };
		bands.push(b);
		return b;
	};
	DIAGONALS.forEach((name, d) => {
		const width = d === 0 ? 30 : 36;
		const b = band('diagonal', d === 0 ? [1800, 1500] : [2600, -3600], d === 0 ? 52 : -24, width / 2);
		// One street row per ~2 km so widening varies along it.
		const length = Math.hypot(b.to[0] - b.from[0], b.to[1] - b.from[1]);
		const n = Math.max(1, Math.round(length / 2000));
		for (let s = 0; s < n; s++) {
			const p = (f: number): Point => [b.from[0] + (b.to[0] - b.from[0]) * f, b.from[1] + (b.to[1] - b.from[1]) * f];
			const widened = randomFor(seed, 'diagonal', d, s).chance(0.75);
			addStreet({ cls: 'arterial', name, widthM: width, plannedWidthM: widened ? width + 10 : width, lines: [[p(s / n), p((s + 1) / n)]] });
		}
	});
	const river = band('river', [0, -1550], -6, 65);

	const heritageSquare = rectRing(-80, -200, 80, 360);
	const districtOf = assignDistricts(frame, U, V, seed);

	const zones: PlanZone[] = [];
	const blocks: Omit<PlanBlock, 'index' | 'code'>[] = [];
	let collectorName = 0;
	let localName = 0;

	for (let i = 0; i < U.length - 1; i++) {
		for (let j = 0; j < V.length - 1; j++) {
			const rnd = randomFor(seed, 'superblock', i, j);
			const districtCode = districtOf[i][j];
			const west: Edge = { pos: U[i], half: uSeg[i][j].widthM / 2, street: uSeg[i][j] };
			const east: Edge = { pos: U[i + 1], half: uSeg[i + 1][j].widthM / 2, street: uSeg[i + 1][j] };
			const south: Edge = { pos: V[j], half: vSeg[j][i].widthM / 2, street: vSeg[j][i] };
			const north: Edge = { pos: V[j + 1], half: vSeg[j + 1][i].widthM / 2, street: vSeg[j + 1][i] };

			const collectors = (lo: Edge, hi: Edge, axis: 'u' | 'v', other: [number, number]) => {
				const span = hi.pos - lo.pos;
				const n = span > 1300 ? 2 : 1;
				const edges: Edge[] = [lo];
				for (let c = 1; c <= n; c++) {
					const pos = lo.pos + (span * c) / (n + 1) + rnd.range(-0.12, 0.12) * (span / (n + 1));
					const width = round2(rnd.range(14, 20));
					const street = addStreet({
						cls: 'collector',
						name: COLLECTORS[collectorName++ % COLLECTORS.length],
						widthM: width,
						plannedWidthM: rnd.chance(0.5) ? width + 2 * rnd.int(2, 4) : width,
						lines: [axis === 'u' ? [[pos, other[0]], [pos, other[1]]] : [[other[0], pos], [other[1], pos]]]
					});
					edges.push({ pos, half: width / 2, street });
				}
				edges.push(hi);
				return edges;
			};
			const cu = collectors(west, east, 'u', [V[j], V[j + 1]]);
			const cv = collectors(south, north, 'v', [U[i], U[i + 1]]);

			// Commercial frontage (C211) along the arterials: a frame around the superblock, deep
			// enough that the deeper frontage lots straddle it and the zone behind.
			const depth = (e: Edge) => (e.street ? e.street.plannedWidthM / 2 : 0) + 24;
			const inner: [number, number, number, number] = [U[i] + depth(west), V[j] + depth(south), U[i + 1] - depth(east), V[j + 1] - depth(north)];
			const byCode = new Map<string, Ring[][]>();
			for (let a = 0; a < cu.length - 1; a++) {
				for (let b = 0; b < cv.length - 1; b++) {
					const cell = { w: cu[a], e: cu[a + 1], s: cv[b], n: cv[b + 1] };
					const cx = (cell.w.pos + cell.e.pos) / 2;
					const cy = (cell.s.pos + cell.n.pos) / 2;
					const crnd = randomFor(seed, 'cell', i, j, a, b);
					const zone = zoneForCell(crnd, cx, cy, Math.hypot(cx, cy));
					const z = [Math.max(cell.w.pos, inner[0]), Math.max(cell.s.pos, inner[1]), Math.min(cell.e.pos, inner[2]), Math.min(cell.n.pos, inner[3])];
					if (z[2] > z[0] && z[3] > z[1]) {
						const list = byCode.get(zone.code) ?? [];
						list.push([densifyRing(rectRing(z[0], z[1], z[2], z[3]), 100)]);
						byCode.set(zone.code, list);
					}
					const localNames = () => LOCALS[localName++ % LOCALS.length];
					blocks.push(...cellBlocks(cell, crnd, zone, districtCode, k, opts.lotScale ?? 1, addStreet, localNames, bands, river));
				}
			}
			for (const [code, polygons] of byCode) zones.push({ zone: ZONES[code], polygons });
			zones.push({
				zone: ZONES.C211,
				polygons: [[densifyRing(rectRing(U[i], V[j], U[i + 1], V[j + 1]), 100), rectRingWithBreaks(...inner, cu.map((e) => e.pos), cv.map((e) => e.pos), 100)]]
			});
		}
	}

	// Keep the blocks that lie in the box; fill order: nearest the core first.
	const inBox = (p: Point) => {
		const w = warp(core, p[0], p[1]);
		return w[0] >= box.minX && w[0] <= box.maxX && w[1] >= box.minY && w[1] <= box.maxY;
	};
	// Naqsh-e Jahan Square itself stays open: no block inside it.
	const [sq0, sq1] = [heritageSquare[0], heritageSquare[2]];
	const inSquare = (b: (typeof blocks)[number]) => b.rect[0] < sq1[0] && b.rect[2] > sq0[0] && b.rect[1] < sq1[1] && b.rect[3] > sq0[1];
	const kept = blocks
		.filter((b) => !inSquare(b))
		.filter((b) => ([[b.rect[0], b.rect[1]], [b.rect[2], b.rect[1]], [b.rect[2], b.rect[3]], [b.rect[0], b.rect[3]]] as Point[]).every(inBox))
		.sort((a, b) => a.coreDistance - b.coreDistance || a.rect[0] - b.rect[0] || a.rect[1] - b.rect[1]);
	const perDistrict = new Map<string, number>();
	const planBlocks: PlanBlock[] = kept.map((b, index) => {
		const n = (perDistrict.get(b.districtCode) ?? 0) + 1;
		perDistrict.set(b.districtCode, n);
		return { ...b, index, code: `${b.districtCode}-${String(n).padStart(4, '0')}` };
	});

	const districts = new Map<string, Ring[][]>();
	for (let i = 0; i < U.length - 1; i++)
		for (let j = 0; j < V.length - 1; j++) {
			const list = districts.get(districtOf[i][j]) ?? [];
			list.push([densifyRing(rectRing(U[i], V[j], U[i + 1], V[j + 1]), 100)]);
			districts.set(districtOf[i][j], list);
		}

	return {
		frame,
		streets,
		districts: [...districts].map(([code, polygons]) => ({ code, polygons })).sort((a, b) => Number(a.code) - Number(b.code)),
		zones,
		blocks: planBlocks,
		bands,
		heritageSquare
	};
}

/**
 * 15 districts (مناطق), whole superblocks each so their borders follow arterials: seeds on a
 * jittered 5 × 3 layout over the box, each superblock joining the nearest; the seed nearest the
 * core is district 3 (as in Isfahan), the rest numbered clockwise from the north-west.
 */
function assignDistricts(frame: CityFrame, U: number[], V: number[], seed: number): string[][] {
	const { box, core } = frame;
	const rnd = randomFor(seed, 'districts');
	const seeds: Point[] = [];
	for (let r = 0; r < 3; r++)
		for (let c = 0; c < 5; c++)
			seeds.push([
				box.minX - core[0] + ((c + 0.5 + rnd.range(-0.2, 0.2)) * (box.maxX - box.minX)) / 5,
				box.minY - core[1] + ((r + 0.5 + rnd.range(-0.2, 0.2)) * (box.maxY - box.minY)) / 3
			]);
	const central = seeds.reduce((best, s, i) => (Math.hypot(...s) < Math.hypot(...seeds[best]) ? i : best), 0);
	const others = seeds.map((s, i) => ({ s, i })).filter((x) => x.i !== central);
	others.sort((a, b) => Math.atan2(a.s[0], a.s[1]) - Math.atan2(b.s[0], b.s[1]));
	const codes = new Map<number, string>([[central, '3']]);
	const free = [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
	others.forEach((o, n) => codes.set(o.i, String(free[n])));
	return U.slice(0, -1).map((u, i) =>
		V.slice(0, -1).map((v, j) => {
			const c: Point = [(u + U[i + 1]) / 2, (v + V[j + 1]) / 2];
			let best = 0;
			for (let s = 1; s < seeds.length; s++) if (Math.hypot(c[0] - seeds[s][0], c[1] - seeds[s][1]) < Math.hypot(c[0] - seeds[best][0], c[1] - seeds[best][1])) best = s;
			return codes.get(best)!;
		})
	);
}

interface Cell {
	w: Edge;
	e: Edge;
	s: Edge;
	n: Edge;
}

/**
 * Local streets and alleys of one collector cell and the blocks between them. Rows run along the
 * cell's long axis; some cross streets stop short (T junctions), merging blocks into longer ones.
 */
function cellBlocks(
	cell: Cell,
	rnd: Random,
	zone: ZoneType,
	districtCode: string,
	k: number,
	lotScale: number,
	addStreet: (s: Omit<PlanStreet, 'id'>) => PlanStreet,
	localName: () => StreetName,
	bands: PlanBand[],
	river: PlanBand
): Omit<PlanBlock, 'index' | 'code'>[] {
	const cx = (cell.w.pos + cell.e.pos) / 2;
	const cy = (cell.s.pos + cell.n.pos) / 2;
	const coreDistance = Math.hypot(cx, cy);
	const historic = coreDistance < 900;
	const axis: 'u' | 'v' = rnd.chance(0.5) ? 'u' : 'v';
	// Along the long axis: lo/hi ends; across it: the row boundaries.
	const [acrossLo, acrossHi] = axis === 'u' ? [cell.s, cell.n] : [cell.w, cell.e];
	const [alongLo, alongHi] = axis === 'u' ? [cell.w, cell.e] : [cell.s, cell.n];
	const toPlan = (along: number, across: number): Point => (axis === 'u' ? [along, across] : [across, along]);

	const localStreet = (alleyChance: number, along: boolean, alleyNo: number): { cls: StreetClass; width: number; planned: number; name: StreetName } => {
		if (rnd.chance(alleyChance)) {
			const width = historic ? rnd.pick([4, 5, 6]) : rnd.pick([6, 6, 8]);
			const label = rnd.chance(0.3) ? rnd.pick(ALLEY_NAMES) : faDigits(alleyNo);
			return { cls: 'alley', width, planned: rnd.chance(0.25) ? width + 2 : width, name: { fa: `کوچه ${label}`, en: `Alley ${alleyNo}` } };
		}
		const width = rnd.pick([10, 10, 12, 12, 14]);
		return { cls: 'local', width, planned: rnd.chance(along ? 0.2 : 0.15) ? width + rnd.pick([2, 4, 6]) : width, name: localName() };
	};

	// Row boundaries across the long axis.
	const rows: Edge[] = [acrossLo];
	const depthRange = historic ? [38, 70] : [55, 120];
	let alley = 1;
	for (;;) {
		const next = rows.at(-1)!.pos + rnd.range(depthRange[0], depthRange[1]) * k;
		if (next > acrossHi.pos - depthRange[0] * k * 0.8) break;
		const s = localStreet(historic ? 0.55 : 0.35, true, alley++);
		const lines = clipOutOfRiver([toPlan(alongLo.pos, next), toPlan(alongHi.pos, next)], river);
		const street = lines.length ? addStreet({ cls: s.cls, name: s.name, widthM: s.width, plannedWidthM: s.planned, lines }) : null;
		rows.push({ pos: next, half: s.width / 2, street });
	}
	rows.push(acrossHi);

	// Cross streets along the long axis; each can miss some row spans.
	const crossPos: number[] = [];
	const lengthRange = historic ? [60, 130] : [120, 260];
	for (;;) {
		const next = (crossPos.at(-1) ?? alongLo.pos) + rnd.range(lengthRange[0], lengthRange[1]) * k;
		if (next > alongHi.pos - lengthRange[0] * k * 0.7) break;
		crossPos.push(next);
	}
	const crosses: { edge: Edge; present: boolean[] }[] = crossPos.map((pos) => {
		const s = localStreet(historic ? 0.4 : 0.25, false, alley++);
		const present = rows.slice(0, -1).map(() => !rnd.chance(historic ? 0.3 : 0.2));
		const runs: Point[][] = [];
		for (let r = 0; r < present.length; r++) {
			if (!present[r]) continue;
			const seg: Point[] = [toPlan(pos, rows[r].pos), toPlan(pos, rows[r + 1].pos)];
			const last = runs.at(-1);
			if (last && r > 0 && present[r - 1]) last[1] = seg[1];
			else runs.push(seg);
		}
		const lines = runs.flatMap((seg) => clipOutOfRiver(seg, river));
		const street = lines.length ? addStreet({ cls: s.cls, name: s.name, widthM: s.width, plannedWidthM: s.planned, lines }) : null;
		return { edge: { pos, half: s.width / 2, street }, present };
	});

	const out: Omit<PlanBlock, 'index' | 'code'>[] = [];
	for (let r = 0; r < rows.length - 1; r++) {
		const lo = rows[r];
		const hi = rows[r + 1];
		const ends: Edge[] = [alongLo, ...crosses.filter((c) => c.present[r]).map((c) => c.edge), alongHi];
		for (let e = 0; e < ends.length - 1; e++) {
			const a0 = ends[e].pos + ends[e].half;
			const a1 = ends[e + 1].pos - ends[e + 1].half;
			const b0 = lo.pos + lo.half;
			const b1 = hi.pos - hi.half;
			if (a1 - a0 < 12 || b1 - b0 < 12) continue;
			const p0 = toPlan(a0, b0);
			const p1 = toPlan(a1, b1);
			const rect: [number, number, number, number] = [Math.min(p0[0], p1[0]), Math.min(p0[1], p1[1]), Math.max(p0[0], p1[0]), Math.max(p0[1], p1[1])];
			for (const clips of cutByBands(rect, bands)) {
				out.push({ districtCode, rect, axis, frontLow: lo.street, frontHigh: hi.street, clips, zone, lotScale, coreDistance: Math.hypot((rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2) });
			}
		}
	}
	return out;
}

/** The half-planes of each piece a block keeps once diagonal avenues and the river cross it. */
function cutByBands(rect: [number, number, number, number], bands: PlanBand[]): HalfPlane[][] {
	let pieces: HalfPlane[][] = [[]];
	const corners: Point[] = [[rect[0], rect[1]], [rect[2], rect[1]], [rect[2], rect[3]], [rect[0], rect[3]]];
	const area = (rect[2] - rect[0]) * (rect[3] - rect[1]);
	for (const b of bands) {
		const d = corners.map((p) => b.nx * p[0] + b.ny * p[1] - b.c);
		if (d.every((x) => x >= b.half) || d.every((x) => x <= -b.half)) continue;
		const plus: HalfPlane = { nx: b.nx, ny: b.ny, c: b.c + b.half };
		const minus: HalfPlane = { nx: -b.nx, ny: -b.ny, c: -(b.c - b.half) };
		pieces = pieces.flatMap((p) => [[...p, plus], [...p, minus]]);
	}
	if (pieces.length === 1) return pieces;
	return pieces.filter((clips) => {
		const ring = clips.reduce<Ring>((r, h) => (r.length >= 3 ? clipRingLocal(r, h) : r), corners.slice());
		return ring.length >= 3 && polygonArea(ring) > Math.max(250, area * 0.08);
	});
}

function clipRingLocal(ring: Ring, h: HalfPlane): Ring {
	const out: Point[] = [];
	for (let i = 0; i < ring.length; i++) {
		const a = ring[i];
		const b = ring[(i + 1) % ring.length];
		const sa = h.nx * a[0] + h.ny * a[1] - h.c;
		const sb = h.nx * b[0] + h.ny * b[1] - h.c;
		if (sa >= 0) out.push(a);
		if ((sa >= 0) !== (sb >= 0)) {
			const f = sa / (sa - sb);
			out.push([a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f]);
		}
	}
	return out;
}

function polygonArea(ring: Ring): number {
	let a = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j][0] + ring[i][0]) * (ring[j][1] - ring[i][1]);
	return Math.abs(a) / 2;
}

/** Local streets stop at the river's banks (only arterials and collectors bridge it). */
function clipOutOfRiver(seg: Point[], river: PlanBand): Point[][] {
	const [a, b] = seg;
	const da = river.nx * a[0] + river.ny * a[1] - river.c;
	const db = river.nx * b[0] + river.ny * b[1] - river.c;
	const at = (t: number): Point => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
	const parts: Point[][] = [];
	for (const [lo, hi] of [[-Infinity, -river.half], [river.half, Infinity]]) {
		// Portion of the segment with lo <= d(t) <= hi, d linear in t.
		let t0 = 0;
		let t1 = 1;
		if (da === db) {
			if (da < lo || da > hi) continue;
		} else {
			const ta = (lo - da) / (db - da);
			const tb = (hi - da) / (db - da);
			t0 = Math.max(0, Math.min(ta, tb));
			t1 = Math.min(1, Math.max(ta, tb));
		}
		if (t1 - t0 > 1e-6 && (t1 - t0) * Math.hypot(b[0] - a[0], b[1] - a[1]) > 5) parts.push([at(t0), at(t1)]);
	}
	return parts;
}

function clipSegmentToRect(a: Point, b: Point, x0: number, y0: number, x1: number, y1: number): [Point, Point] | null {
	let t0 = 0;
	let t1 = 1;
	const dx = b[0] - a[0];
	const dy = b[1] - a[1];
	for (const [p, q] of [[-dx, a[0] - x0], [dx, x1 - a[0]], [-dy, a[1] - y0], [dy, y1 - a[1]]]) {
		if (p === 0) {
			if (q < 0) return null;
		} else {
			const t = q / p;
			if (p < 0) t0 = Math.max(t0, t);
			else t1 = Math.min(t1, t);
		}
	}
	return t0 < t1 ? [[a[0] + dx * t0, a[1] + dy * t0], [a[0] + dx * t1, a[1] + dy * t1]] : null;
}

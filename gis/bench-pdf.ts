/**
 * `npm run bench:pdf` — a benchmark, not a test: how long `renderOfficialDocument()` takes per PDF
 * once warm, and how big the PDFs are, for the example document of each kind.
 *
 * One process renders every example `BENCH_PDF_WARMUP` times (default 5: JIT, font parsing),
 * then `BENCH_PDF_ROUNDS` rounds (default 10, so 50 PDFs) of all five kinds in turn, timing each
 * render to the finished Buffer. Prints, per kind and overall: median, p95, min and max in ms,
 * the median CPU time of the process in ms, and bytes; then the first (cold) render's time and
 * the load average before and after. Rendering is synchronous CPU work, so a busy machine shows
 * directly in the wall-clock figures; the CPU time shows less of it.
 *
 * The same documents again and again find every word and paragraph already laid out (the font
 * caches, fonts.ts and paragraph.ts). Real documents differ in their numbers, dates, codes and
 * names, so a second table renders each round's examples with those changed ("varied"): new
 * digits everywhere, another owner from a list of names, another verification code.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { EXAMPLE_DOCUMENTS } from '../src/lib/server/pdf/official-document.examples';
import type { DocumentSection, FactValue, OfficialDocumentKind, OfficialDocumentSpec } from '../src/lib/server/pdf/official-document';
import { addCalendarDays } from '../src/lib/domain/working-days';
import { renderOfficialDocument } from '../src/lib/server/pdf/render-official-document';

const WARMUP = Number(process.env.BENCH_PDF_WARMUP ?? 5);
const ROUNDS = Number(process.env.BENCH_PDF_ROUNDS ?? 10);

function loadAverage(): string {
	try {
		return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
	} catch {
		return 'unknown';
	}
}

function quantile(sorted: number[], q: number): number {
	return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function row(name: string, times: number[], cpu: number[], bytes: string): string {
	const s = [...times].sort((a, b) => a - b);
	const ms = (v: number) => v.toFixed(1).padStart(7);
	const cpuMedian = quantile([...cpu].sort((a, b) => a - b), 0.5);
	return `${name.padEnd(24)} ${String(s.length).padStart(4)} ${ms(quantile(s, 0.5))} ${ms(quantile(s, 0.95))} ${ms(s[0])} ${ms(s.at(-1)!)} ${ms(cpuMedian)} ${bytes.padStart(9)}`;
}

const NAMES = ['زهرا کریمی', 'محمد حسینی', 'فاطمه موسوی', 'حسین جعفری', 'مریم صادقی', 'رضا قاسمی', 'سارا نوری', 'امیر یزدانی', 'نرگس طاهری', 'مهدی شریفی', 'لیلا عباسی', 'جواد فرهادی'];

/** Each digit moved on by `n` (Persian or Latin alike), so every number is new but keeps its shape. */
function shiftDigits(text: string, n: number): string {
	return text.replace(/[0-9۰-۹]/g, (d) => {
		const persian = d >= '۰';
		const digit = (d.charCodeAt(0) - (persian ? 0x06f0 : 0x30) + n) % 10;
		return String.fromCharCode((persian ? 0x06f0 : 0x30) + digit);
	});
}

/** An example as another day's document: other numbers, dates, amounts, owner and code. */
function varied(spec: OfficialDocumentSpec, round: number): OfficialDocumentSpec {
	const n = round + 1;
	const value = (label: string, v: FactValue): FactValue => {
		if (typeof v === 'string') return /مالک|پرداخت‌کننده|متقاضی/.test(label) ? NAMES[(round * 5 + label.length) % NAMES.length] : shiftDigits(v, n);
		if ('m2' in v) return { m2: v.m2 + n * 3.7 };
		if ('metres' in v) return { metres: v.metres + n * 0.5 };
		if ('percent' in v) return { percent: v.percent + n };
		if ('rials' in v) return { rials: v.rials + n * 137_000 };
		return { date: addCalendarDays(v.date, n) };
	};
	const sections = spec.sections.map((section): DocumentSection => {
		if (section.kind === 'facts') return { ...section, rows: section.rows.map((r) => ({ label: r.label, value: value(r.label, r.value) })) };
		if (section.kind === 'items') {
			return { ...section, rows: section.rows.map((r) => ({ ...r, formula: r.formula && shiftDigits(r.formula, n), amountRials: r.amountRials + n * 11_000 })) };
		}
		return { ...section, paragraphs: section.paragraphs.map((p) => shiftDigits(p, n)) };
	});
	const code = `${spec.verification.code.slice(0, 4)}-${(46_656 + round * 7_919).toString(36).toUpperCase().slice(-4)}`;
	return { ...spec, number: shiftDigits(spec.number, n), issuedOn: addCalendarDays(spec.issuedOn, n), sections, verification: { ...spec.verification, code } };
}

const loadBefore = loadAverage();
const kinds = Object.keys(EXAMPLE_DOCUMENTS) as OfficialDocumentKind[];
const started = performance.now();
await renderOfficialDocument(EXAMPLE_DOCUMENTS[kinds[0]]);
const cold = performance.now() - started;
for (let i = 0; i < WARMUP; i++) for (const kind of kinds) await renderOfficialDocument(EXAMPLE_DOCUMENTS[kind]);
const warmup = performance.now() - started - cold;

interface Measured {
	times: Map<OfficialDocumentKind, number[]>;
	cpu: Map<OfficialDocumentKind, number[]>;
	sizes: Map<OfficialDocumentKind, number>;
}

async function measure(spec: (kind: OfficialDocumentKind, round: number) => OfficialDocumentSpec): Promise<Measured> {
	const m: Measured = { times: new Map(kinds.map((k) => [k, []])), cpu: new Map(kinds.map((k) => [k, []])), sizes: new Map() };
	for (let round = 0; round < ROUNDS; round++) {
		for (const kind of kinds) {
			const doc = spec(kind, round);
			const cpu = process.cpuUsage();
			const t = performance.now();
			const pdf = await renderOfficialDocument(doc);
			m.times.get(kind)!.push(performance.now() - t);
			const used = process.cpuUsage(cpu);
			m.cpu.get(kind)!.push((used.user + used.system) / 1000);
			m.sizes.set(kind, pdf.length);
		}
	}
	return m;
}

const same = await measure((kind) => EXAMPLE_DOCUMENTS[kind]);
const other = await measure((kind, round) => varied(EXAMPLE_DOCUMENTS[kind], round));

console.log(`Node ${process.version}; first (cold) render ${cold.toFixed(0)} ms; warm-up ${WARMUP}×${kinds.length} renders in ${warmup.toFixed(0)} ms`);
console.log(`${'kind'.padEnd(24)} ${'n'.padStart(4)} ${'median'.padStart(7)} ${'p95'.padStart(7)} ${'min'.padStart(7)} ${'max'.padStart(7)} ${'cpu'.padStart(7)} ${'bytes'.padStart(9)}`);
for (const [label, m] of [['', same], [' varied', other]] as const) {
	for (const kind of kinds) console.log(row(kind + label, m.times.get(kind)!, m.cpu.get(kind)!, String(m.sizes.get(kind))));
	const meanBytes = [...m.sizes.values()].reduce((a, b) => a + b, 0) / m.sizes.size;
	console.log(row('all' + label, [...m.times.values()].flat(), [...m.cpu.values()].flat(), `~${Math.round(meanBytes / 1024)} KB`));
}
console.log(`load average (1, 5, 15 min): ${loadBefore} before, ${loadAverage()} after; ${(await import('node:os')).cpus().length} CPUs`);

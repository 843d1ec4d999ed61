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
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { EXAMPLE_DOCUMENTS } from '../src/lib/server/pdf/official-document.examples';
import type { OfficialDocumentKind } from '../src/lib/server/pdf/official-document';
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
	return `${name.padEnd(18)} ${String(s.length).padStart(4)} ${ms(quantile(s, 0.5))} ${ms(quantile(s, 0.95))} ${ms(s[0])} ${ms(s.at(-1)!)} ${ms(cpuMedian)} ${bytes.padStart(9)}`;
}

const loadBefore = loadAverage();
const kinds = Object.keys(EXAMPLE_DOCUMENTS) as OfficialDocumentKind[];
const started = performance.now();
await renderOfficialDocument(EXAMPLE_DOCUMENTS[kinds[0]]);
const cold = performance.now() - started;
for (let i = 0; i < WARMUP; i++) for (const kind of kinds) await renderOfficialDocument(EXAMPLE_DOCUMENTS[kind]);
const warmup = performance.now() - started - cold;

const times = new Map<OfficialDocumentKind, number[]>(kinds.map((k) => [k, []]));
const cpuTimes = new Map<OfficialDocumentKind, number[]>(kinds.map((k) => [k, []]));
const sizes = new Map<OfficialDocumentKind, number>();
for (let round = 0; round < ROUNDS; round++) {
	for (const kind of kinds) {
		const cpu = process.cpuUsage();
		const t = performance.now();
		const pdf = await renderOfficialDocument(EXAMPLE_DOCUMENTS[kind]);
		times.get(kind)!.push(performance.now() - t);
		const used = process.cpuUsage(cpu);
		cpuTimes.get(kind)!.push((used.user + used.system) / 1000);
		sizes.set(kind, pdf.length);
	}
}

console.log(`Node ${process.version}; first (cold) render ${cold.toFixed(0)} ms; warm-up ${WARMUP}×${kinds.length} renders in ${warmup.toFixed(0)} ms`);
console.log(`${'kind'.padEnd(18)} ${'n'.padStart(4)} ${'median'.padStart(7)} ${'p95'.padStart(7)} ${'min'.padStart(7)} ${'max'.padStart(7)} ${'cpu'.padStart(7)} ${'bytes'.padStart(9)}`);
for (const kind of kinds) console.log(row(kind, times.get(kind)!, cpuTimes.get(kind)!, String(sizes.get(kind))));
const all = [...times.values()].flat();
const meanBytes = [...sizes.values()].reduce((a, b) => a + b, 0) / sizes.size;
console.log(row('all', all, [...cpuTimes.values()].flat(), `~${Math.round(meanBytes / 1024)} KB`));
console.log(`load average (1, 5, 15 min): ${loadBefore} before, ${loadAverage()} after; ${(await import('node:os')).cpus().length} CPUs`);

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
 * Besides the five examples, the zoning statement and permit as the permit service issues them
 * (its content builders over the sample rule book; no database), the rows "as issued".
 *
 * The same documents again and again find every word and paragraph already laid out (the font
 * caches, fonts.ts and paragraph.ts). Real documents differ in their numbers, dates, codes and
 * names, so a second table renders each round's examples with those changed ("varied"): new
 * digits everywhere, another owner from a list of names, another verification code.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { EXAMPLE_DOCUMENTS } from '../src/lib/server/pdf/official-document.examples';
import type { DocumentSection, FactValue, OfficialDocumentSpec } from '../src/lib/server/pdf/official-document';
import { addCalendarDays } from '../src/lib/domain/working-days';
import { SAMPLE_RULE_BOOK, rulesForZone } from '../src/lib/domain/rules';
import { permitContent, zoningStatementContent } from '../src/lib/server/permits/permit-documents';
import type { ProposalFactsRow } from '../src/lib/server/rules/proposal-facts.repository';
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
	return `${name.padEnd(26)} ${String(s.length).padStart(4)} ${ms(quantile(s, 0.5))} ${ms(quantile(s, 0.95))} ${ms(s[0])} ${ms(s.at(-1)!)} ${ms(cpuMedian)} ${bytes.padStart(9)}`;
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

/** The two stages' documents as issued: the builders' content, numbered and coded like the service. */
function asIssued(): Record<string, OfficialDocumentSpec> {
	const header = { renovationCode: '03-0412-017', address: 'اصفهان، خیابان چهارباغ عباسی، کوچهٔ ۱۲، پلاک ۸', registrationPlate: '۱۲۳۴/۵۶', districtName: 'منطقهٔ ۳', trackingCode: '140500000217', applicantName: 'علی رضایی' };
	const rules = rulesForZone(SAMPLE_RULE_BOOK, SAMPLE_RULE_BOOK.zones[0].zone_code);
	const facts = { gross_area_m2: 245.3, setback_area_m2: 12.4 } as ProposalFactsRow;
	const verification = { origin: 'https://pelak.example.ir', code: 'ABCDE-FGHIJ-KLMNO-PQRST' };
	const floors = [0, 1, 2, 3].map((level) => ({ level, use: level === 0 ? ('pilotis' as const) : ('residential' as const), area_m2: 147.2 }));
	const permit = permitContent(header, {
		proposal: { floors, footprint: { kind: 'area', area_m2: 139.5 }, height_m: 12.5, units: [{ area_m2: 120, use: 'residential' }, { area_m2: 120, use: 'residential' }, { area_m2: 120, use: 'residential' }], parking_spaces: 3, pilotis: true, light_well_m2: 12 },
		checkOk: true,
		override: null,
		zoningStatementNumber: 'ZS-1405-000217',
		ruleBookTitle: rules.book.title_fa,
		fees: [
			{ title: 'عوارض زیربنا (مسکونی)', formula: '۴۴۱٫۶ م² × ۲۰٬۰۰۰ × ۱٫۲', amountRials: 10_598_400 },
			{ title: 'عوارض پذیره', formula: '۳ واحد × ۴٬۱۱۵٬۰۰۰', amountRials: 12_345_000 }
		],
		bills: [{ billId: '1234567812361', paymentId: '15234040120', amountRials: 22_943_400, paidOn: '2026-11-29' }],
		supervisor: { name: 'مهندس ناظر (نمونه)', licenceNo: '۱-۲۳-۴۵۶۷۸' }
	});
	return {
		'zoning (as issued)': { kind: 'zoning_statement', ...zoningStatementContent(header, facts, { ...rules, zone: rules.zone! }), number: 'ZS-1405-000217', issuedOn: '2026-11-30', verification },
		'permit (as issued)': { kind: 'building_permit', ...permit, number: 'BP-1405-000123', issuedOn: '2026-11-30', verification }
	};
}

const loadBefore = loadAverage();
const DOCUMENTS: Record<string, OfficialDocumentSpec> = { ...EXAMPLE_DOCUMENTS, ...asIssued() };
const kinds = Object.keys(DOCUMENTS);
const started = performance.now();
await renderOfficialDocument(DOCUMENTS[kinds[0]]);
const cold = performance.now() - started;
for (let i = 0; i < WARMUP; i++) for (const kind of kinds) await renderOfficialDocument(DOCUMENTS[kind]);
const warmup = performance.now() - started - cold;

interface Measured {
	times: Map<string, number[]>;
	cpu: Map<string, number[]>;
	sizes: Map<string, number>;
}

async function measure(spec: (kind: string, round: number) => OfficialDocumentSpec): Promise<Measured> {
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

const same = await measure((kind) => DOCUMENTS[kind]);
const other = await measure((kind, round) => varied(DOCUMENTS[kind], round));

console.log(`Node ${process.version}; first (cold) render ${cold.toFixed(0)} ms; warm-up ${WARMUP}×${kinds.length} renders in ${warmup.toFixed(0)} ms`);
console.log(`${'kind'.padEnd(26)} ${'n'.padStart(4)} ${'median'.padStart(7)} ${'p95'.padStart(7)} ${'min'.padStart(7)} ${'max'.padStart(7)} ${'cpu'.padStart(7)} ${'bytes'.padStart(9)}`);
for (const [label, m] of [['', same], [' varied', other]] as const) {
	for (const kind of kinds) console.log(row(kind + label, m.times.get(kind)!, m.cpu.get(kind)!, String(m.sizes.get(kind))));
	const meanBytes = [...m.sizes.values()].reduce((a, b) => a + b, 0) / m.sizes.size;
	console.log(row('all' + label, [...m.times.values()].flat(), [...m.cpu.values()].flat(), `~${Math.round(meanBytes / 1024)} KB`));
}
console.log(`load average (1, 5, 15 min): ${loadBefore} before, ${loadAverage()} after; ${(await import('node:os')).cpus().length} CPUs`);

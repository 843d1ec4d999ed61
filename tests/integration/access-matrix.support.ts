/**
 * Support for the access matrix (access-matrix.test.ts): the roles and the world they act in, the
 * route entries found in the file tree, a request event with a real cookie jar, what a call came to
 * (an outcome), and the row counts of every table plus the files on disk ("nothing changed").
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import type { DB } from '../../src/lib/server/db/schema';
import type { SessionUser } from '../../src/lib/server/auth';
import { findActiveUser, grantRole, insertStaff } from '../../src/lib/server/auth/users.repository';
import { recordWork } from '../../src/lib/server/excavation';
import { drawnTrench } from '../factories/excavation-world';
import { actOnCase } from '../../src/lib/server/cases';
import { assessForCase } from '../../src/lib/server/fees';
import { completePayment, SandboxGateway, startPayment } from '../../src/lib/server/payments';
import { issueDocument } from '../../src/lib/server/issued-documents';
import { EXAMPLE_DOCUMENTS } from '../../src/lib/server/pdf/official-document.examples';
import { buildFeeWorld, type FeeWorld } from '../factories/fee-world';
import { SUNDAY_MORNING } from '../factories/case-world';
import { FakeCookies } from '../fake-cookies';
import type { TestDatabase } from '../db';

/** Every role the matrix signs in as, plus the anonymous visitor. */
export const ROLES = [
	'anonymous',
	'owner', // the citizen who filed the case (maryam)
	'otherCitizen', // another citizen (ali)
	'representative', // the engineering office's representative, no power of attorney for this case
	'officer', // district officer of the case's district (6)
	'officerOtherDistrict', // district officer of district 7
	'inspector', // inspector of district 6
	'planner',
	'agencyReferred', // cultural heritage, to which the case is referred
	'agencyUnreferred', // official experts, no referral
	'supervisor', // supervising engineer
	'council', // council member
	'admin',
	'excavationOfficer', // the municipality's excavation officer (reviews every work)
	'utilityApplicant' // a water company's applicant (the matrix work is his company's)
] as const;
export type RoleName = (typeof ROLES)[number];

/** What a call came to: success (`ok`: a value, a 2xx/3xx answer, or a redirect not to /login), `login`, or an HTTP status. */
export type Outcome = 'ok' | 'login' | number;
export const isRefusal = (o: Outcome) => o === 'login' || o === 401 || o === 403 || o === 404;

export interface MatrixWorld extends FeeWorld {
	database: TestDatabase;
	as: Record<RoleName, SessionUser | null>;
	/** maryam's permit on parcel6 at district review, referred to cultural heritage */
	caseId: number;
	/** a document of that case */
	documentId: number;
	/** the fee world's case (at fee payment): its assessment, the paid receipt, an issued document */
	feeCaseId: number;
	assessmentId: number;
	openAssessmentId: number;
	/** an open (unpaid) assessment with a started payment: its gateway authority */
	openAuthority: string;
	receiptId: number;
	issuedId: number;
	verificationCode: string;
	/** an excavation work (planned, with the officer) of the water company the utility applicant files for */
	workId: number;
	/** A new case of maryam's on parcel6b at district review (district 6), optionally referred to heritage. */
	/** `withFile`: with the deed and national card the request type requires (what an approval needs). */
	freshCase(opts?: { referred?: boolean; openTask?: boolean; withFile?: boolean }): Promise<number>;
}

async function staff(db: Kysely<DB>, username: string): Promise<SessionUser> {
	const { id } = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
	return (await findActiveUser(db, id))!;
}

async function newStaff(db: Kysely<DB>, username: string, grant: Parameters<typeof grantRole>[2]): Promise<SessionUser> {
	const id = await insertStaff(db, { username, passwordHash: 'x', displayName: username });
	await grantRole(db, id, grant);
	return (await findActiveUser(db, id))!;
}

let freshNo = 0;

export async function buildMatrixWorld(database: TestDatabase): Promise<MatrixWorld> {
	const db = database.db;
	const w = await buildFeeWorld(db);
	process.env.PELAK_FILES_DIR = w.filesDir; // the routes use the server's default file store
	const u = w.users;
	const { id: water } = await db.insertInto('organisations').values({ code: 'matrix-abfa', kind: 'water', name_fa: 'آب و فاضلاب (ماتریس)', name_en: 'Water (matrix)' }).returning('id').executeTakeFirstOrThrow();
	const utilityApplicant = await newStaff(db, 'matrix.water.applicant', { role: 'utility_applicant', organisationId: water });
	const workId = await recordWork(db, {
		reference: 'EXC-1405-90001',
		organisationId: water,
		applicantUserId: utilityApplicant.id,
		purpose: 'repair',
		status: 'planned',
		features: [drawnTrench([[-100, -3], [-50, -3]], 0.6)],
		start: '2026-12-05',
		end: '2026-12-10',
		emergency: false
	});
	const as: Record<RoleName, SessionUser | null> = {
		anonymous: null,
		owner: u.maryam,
		otherCitizen: u.ali,
		representative: u.engineer,
		officer: u.officer6,
		officerOtherDistrict: u.officer7,
		inspector: u.inspector6,
		planner: u.planner,
		agencyReferred: u.heritage,
		agencyUnreferred: u.experts,
		supervisor: await staff(db, 'supervisor'),
		council: await staff(db, 'council'),
		admin: u.admin,
		excavationOfficer: await newStaff(db, 'matrix.excavation.officer', { role: 'excavation_officer' }),
		utilityApplicant
	};

	const freshCase = async (opts: { referred?: boolean; openTask?: boolean; withFile?: boolean } = {}) => {
		freshNo++;
		const { id } = await db
			.insertInto('cases')
			.values({
				parcel_id: w.parcel6b,
				tracking_code: `MATRIX-${String(freshNo).padStart(5, '0')}`,
				kind: 'building_permit',
				title_fa: 'پروانهٔ ساختمانی',
				title_en: 'Building permit',
				request_type: 'building_permit_new',
				applicant_user_id: u.maryam.id,
				district_id: w.d6,
				workflow_status: 'in_progress',
				current_step: 'district_review',
				step_started_at: SUNDAY_MORNING
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		if (opts.withFile) {
			const bytes = new Uint8Array(fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/documents/deed.pdf')));
			const stored = await w.files.put(bytes);
			const file = { media_type: 'application/pdf' as const, size_bytes: bytes.byteLength, sha256: stored.sha256, storage_key: stored.key, uploaded_by: u.maryam.id, version: 1 };
			await db.insertInto('documents').values([{ case_id: id, kind: 'deed', original_name: 'deed.pdf', ...file }, { case_id: id, kind: 'national_card', original_name: 'card.pdf', ...file }]).execute();
		}
		if (opts.referred) {
			await actOnCase(db, u.officer6, id, { type: 'refer_to_agency', stepId: 'district_review', agency: 'cultural_heritage', question: 'حریم بنای تاریخی؟' }, {}, w.ctx({ sender: null }));
		}
		if (opts.openTask) {
			await actOnCase(db, u.officer6, id, { type: 'request_document', stepId: 'district_review', kinds: ['engineering_drawings'], reason: 'نقشه را بارگذاری کنید.' }, {}, w.ctx({ sender: null }));
		}
		return id;
	};

	// the referred case, with one document
	const caseId = await freshCase({ referred: true });
	const deed = new Uint8Array(fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/documents/deed.pdf')));
	const stored = await w.files.put(deed);
	const { id: documentId } = await db
		.insertInto('documents')
		.values({ case_id: caseId, kind: 'deed', original_name: 'deed.pdf', media_type: 'application/pdf', size_bytes: deed.byteLength, sha256: stored.sha256, storage_key: stored.key, uploaded_by: u.maryam.id, version: 1 })
		.returning('id')
		.executeTakeFirstOrThrow();

	// fees: a paid assessment with its receipt, an open one with a started payment
	const inputs = { use: 'residential', floor_area: 180, units: 1, net_land_area: 200, base_density_pct: 120 } as const;
	const gateway = new SandboxGateway(db, () => w.now);
	const callbackUrl = 'http://pelak.test/payments/callback';
	const paid = await assessForCase(db, { case_id: w.caseId, request_kind: 'building_permit', inputs, now: w.now });
	const started = await startPayment(db, gateway, u.maryam, paid.id, { callbackUrl, now: w.now });
	await completePayment(db, gateway, new URL(await gateway.settle(started.authority, true)).searchParams, { now: w.now });
	const open = await assessForCase(db, { case_id: w.caseId, request_kind: 'building_permit', inputs: { ...inputs, floor_area: 200 }, now: w.now });
	const openStart = await startPayment(db, gateway, u.maryam, open.id, { callbackUrl, now: w.now });

	const { issuer, title, titleEn, sections } = EXAMPLE_DOCUMENTS.building_permit;
	const issued = await issueDocument(
		db,
		{ kind: 'building_permit', caseId: w.caseId, issuedBy: u.officer6.id, content: { issuer, title, titleEn, sections } },
		{ now: SUNDAY_MORNING, origin: 'http://pelak.test', watermark: null }
	);

	return {
		...w,
		database,
		as,
		feeCaseId: w.caseId,
		caseId,
		documentId,
		assessmentId: paid.id,
		openAssessmentId: open.id,
		openAuthority: openStart.authority,
		receiptId: started.payment_row_id,
		issuedId: issued.id,
		verificationCode: issued.verificationCode,
		workId,
		freshCase
	};
}

/** What a route handler is called with. */
export interface CallSpec {
	path: string;
	params?: Record<string, string>;
	/** a form post (multipart) */
	form?: Record<string, string | File | (string | File)[]>;
	/** a JSON post */
	json?: unknown;
	method?: string;
}

/** The part of SvelteKit's RequestEvent our routes read, with a cookie jar that records what they set. */
export function matrixEvent(w: MatrixWorld, spec: CallSpec, user: SessionUser | null, address = '192.0.2.77', cookies = new FakeCookies()) {
	const url = new URL(spec.path, 'http://pelak.test');
	const headers = { 'user-agent': 'access-matrix', origin: 'http://pelak.test' };
	let request = new Request(url, { method: spec.method ?? 'GET', headers });
	if (spec.form) {
		const body = new FormData();
		for (const [k, v] of Object.entries(spec.form)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
		request = new Request(url, { method: spec.method ?? 'POST', body, headers });
	} else if (spec.json !== undefined) {
		request = new Request(url, { method: spec.method ?? 'POST', body: JSON.stringify(spec.json), headers: { ...headers, 'content-type': 'application/json' } });
	}
	return {
		url,
		params: spec.params ?? {},
		request,
		route: { id: null },
		locals: { db: w.database.db, readDb: w.database.db, backend: w.database.backend, lang: 'en', user, tiles: undefined },
		getClientAddress: () => address,
		cookies,
		setHeaders: () => undefined,
		fetch: () => {
			throw new Error('no fetch in the access matrix');
		}
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
	} as any;
}

/** What calling a handler came to, and a detail (the location, code or message) to read in a failure. */
export async function outcomeOf(call: () => unknown): Promise<{ outcome: Outcome | `threw: ${string}`; detail: string }> {
	try {
		const result = await call();
		if (result instanceof Response) {
			const text = result.status < 400 ? '' : await result.text();
			if (result.status < 400) await result.body?.cancel();
			return { outcome: result.status < 400 ? 'ok' : result.status, detail: text.slice(0, 200) };
		}
		if (isActionFailure(result)) return { outcome: result.status, detail: JSON.stringify(result.data).slice(0, 200) };
		return { outcome: 'ok', detail: '' };
	} catch (err) {
		if (isRedirect(err)) return { outcome: err.location.startsWith('/login') ? 'login' : 'ok', detail: err.location };
		if (isHttpError(err)) return { outcome: err.status, detail: JSON.stringify(err.body).slice(0, 200) };
		return { outcome: `threw: ${(err as Error)?.message ?? String(err)}`.slice(0, 300) as `threw: ${string}`, detail: (err as Error)?.stack ?? '' };
	}
}

/** A route entry found in src/routes: `<route id> load`, `<route id> ?/<action>`, `<route id> <METHOD>` or `<route id> page` (no server code). */
export interface RouteEntry {
	key: string;
	file: string;
	kind: 'load' | 'action' | 'endpoint' | 'page';
	name: string;
}

const ROUTES = path.resolve(import.meta.dirname, '../../src/routes');
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'fallback'];

function routeIdOf(dir: string): string {
	const rel = path.relative(ROUTES, dir).split(path.sep).join('/');
	return '/' + rel;
}

function walk(dir: string, out: string[] = []): string[] {
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) walk(full, out);
		else out.push(full);
	}
	return out;
}

/** Every page, load function, form action and endpoint under src/routes, read from the file tree and the modules' exports. */
export async function discoverRoutes(): Promise<{ entries: RouteEntry[]; modules: Map<string, Record<string, unknown>> }> {
	const files = walk(ROUTES);
	const entries: RouteEntry[] = [];
	const modules = new Map<string, Record<string, unknown>>();
	for (const file of files.sort()) {
		const base = path.basename(file);
		const id = routeIdOf(path.dirname(file)).replace(/\/$/, '') || '/';
		if (base === '+page.server.ts' || base === '+layout.server.ts' || base === '+server.ts') {
			const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
			modules.set(file, mod);
			if (base === '+server.ts') {
				for (const m of METHODS) if (typeof mod[m] === 'function') entries.push({ key: `${id} ${m}`, file, kind: 'endpoint', name: m });
				continue;
			}
			const layout = base === '+layout.server.ts' ? ' layout' : '';
			if (typeof mod.load === 'function') entries.push({ key: `${id}${layout} load`, file, kind: 'load', name: 'load' });
			for (const name of Object.keys((mod.actions as object) ?? {})) entries.push({ key: `${id} ?/${name}`, file, kind: 'action', name });
		} else if (base === '+page.svelte') {
			const dir = path.dirname(file);
			if (!fs.existsSync(path.join(dir, '+page.server.ts')) && !fs.existsSync(path.join(dir, '+page.ts'))) {
				entries.push({ key: `${id} page`, file, kind: 'page', name: 'page' });
			}
		}
	}
	return { entries, modules };
}

let tableNames: string[] | null = null;

/** Row counts of every table of the app's schema (the spatial reference table and the migrations' log aside). */
export async function allTableCounts(db: Kysely<DB>): Promise<Record<string, number>> {
	tableNames ??= (
		await sql<{ name: string }>`select table_name as name from information_schema.tables
			where table_schema = current_schema() and table_type = 'BASE TABLE'
			and table_name not in ('spatial_ref_sys', 'pelak_migrations') order by 1`.execute(db)
	).rows.map((r) => r.name);
	const parts = tableNames.map((t) => sql`(select count(*)::int from ${sql.table(t)}) as ${sql.ref(t)}`);
	const { rows } = await sql<Record<string, number>>`select ${sql.join(parts)}`.execute(db);
	return rows[0];
}

/** Every file under the document store, with its size: refused uploads leave none behind. */
export function filesOnDisk(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	return walk(dir)
		.map((f) => `${path.relative(dir, f)}:${fs.statSync(f).size}`)
		.sort();
}

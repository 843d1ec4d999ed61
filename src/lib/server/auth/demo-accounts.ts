import type { Kysely } from 'kysely';
import type { AgencyKind, DB, Role } from '../db/schema';
import { nationalIdCheckDigit } from '../../domain/national-id';
import { hashPassword } from './password';
import { grantRole, insertCitizen, insertStaff } from './users.repository';

/**
 * SANDBOX ONLY. Demo accounts for every role on the sample city, so a new user can try each side
 * after `npm start`. Every staff account's password is DEMO_PASSWORD; demo citizens sign in with
 * their national id and mobile, and read the one-time code from the sandbox outbox (admin page).
 */
export const DEMO_PASSWORD = 'pelak-demo';

export interface DemoAccount {
	username: string | null;
	nationalId: string | null;
	mobile: string | null;
	displayName: string;
	roles: string[];
}

interface DemoStaff {
	username: string;
	displayName: string;
	role: Role;
	districtId?: number | null;
	agencyKind?: AgencyKind;
	engineeringOffice?: boolean;
	/** the utility company (organisations.code) a utility_applicant / utility_supervisor acts for */
	organisationCode?: string;
}

/** Excavation permits (issue 9): each sample utility's applicant and site supervisor, the municipality's officer and inspector. */
const EXCAVATION_ORGS = [
	{ prefix: 'water', code: 'sample-abfa', fa: 'آب و فاضلاب' },
	{ prefix: 'gas', code: 'sample-gas', fa: 'گاز' },
	{ prefix: 'power', code: 'sample-power', fa: 'برق' },
	{ prefix: 'telecom', code: 'sample-telecom', fa: 'مخابرات' }
];
const EXCAVATION_STAFF: DemoStaff[] = [
	{ username: 'excavation.officer', displayName: 'کارشناس حفاری شهرداری (نمونه)', role: 'excavation_officer' },
	{ username: 'excavation.inspector', displayName: 'بازرس ترمیم حفاری (نمونه)', role: 'excavation_inspector' },
	...EXCAVATION_ORGS.flatMap((o) => [
		{ username: `${o.prefix}.applicant`, displayName: `متقاضی حفاری شرکت ${o.fa} (نمونه)`, role: 'utility_applicant' as const, organisationCode: o.code },
		{ username: `${o.prefix}.supervisor`, displayName: `ناظر کارگاه شرکت ${o.fa} (نمونه)`, role: 'utility_supervisor' as const, organisationCode: o.code }
	])
];

const AGENCY_USERS: { username: string; kind: AgencyKind; displayName: string }[] = [
	{ username: 'heritage', kind: 'cultural_heritage', displayName: 'کارشناس میراث فرهنگی (نمونه)' },
	{ username: 'experts', kind: 'official_experts', displayName: 'کارشناس رسمی دادگستری (نمونه)' },
	{ username: 'registry', kind: 'deeds_registry', displayName: 'کارشناس ثبت اسناد (نمونه)' },
	{ username: 'education', kind: 'education', displayName: 'کارشناس آموزش و پرورش (نمونه)' },
	{ username: 'utilities', kind: 'utilities', displayName: 'کارشناس خدمات شهری (نمونه)' }
];

/** Names seedDemoAccounts gives besides the numbered `officer.d<n>` / `inspector.d<n>`. */
const FIXED_DEMO_USERNAMES = new Set([
	'admin',
	'planner',
	'supervisor',
	'supervisor2',
	'council',
	'engineer',
	...AGENCY_USERS.map((a) => a.username),
	...EXCAVATION_STAFF.map((s) => s.username)
]);

/** Whether `username` is one seedDemoAccounts creates (production refuses to start while such an account keeps the demo password). */
export function isDemoStaffUsername(username: string): boolean {
	return FIXED_DEMO_USERNAMES.has(username) || /^(officer|inspector)\.d[0-9a-z]+$/.test(username);
}

/** A valid national id (check digit computed) from nine digits. */
function demoNationalId(firstNine: string): string {
	return firstNine + nationalIdCheckDigit(firstNine);
}

/** The demo citizens: valid national ids, sandbox mobiles. */
export const DEMO_CITIZENS = [
	{ nationalId: demoNationalId('001000001'), mobile: '09120000001', displayName: 'مریم احمدی (شهروند نمونه)' },
	{ nationalId: demoNationalId('001000002'), mobile: '09120000002', displayName: 'علی رضایی (شهروند نمونه)' },
	{ nationalId: demoNationalId('001000003'), mobile: '09120000003', displayName: 'زهرا کریمی (شهروند نمونه)' }
];

function districtNumber(code: string, id: number): string {
	const digits = code.replace(/\D/g, '').replace(/^0+(?=\d)/, '');
	return digits || String(id);
}

/**
 * Creates the demo accounts that do not exist yet (an existing username or national id is left
 * as it is, so running it twice changes nothing) and returns every demo account. Officers get
 * `officer.d<n>` for each district; the pilot district (6 when the city has one) also gets an
 * inspector and a supervising engineer.
 */
export async function seedDemoAccounts(db: Kysely<DB>): Promise<DemoAccount[]> {
	const districts = await db.selectFrom('districts').select(['id', 'code', 'name_fa']).orderBy('id').execute();
	const numbered = districts.map((d) => ({ ...d, n: districtNumber(d.code, d.id) }));
	const pilot = numbered.find((d) => d.n === '6') ?? numbered[0];

	const staff: DemoStaff[] = [
		{ username: 'admin', displayName: 'مدیر سامانه (نمونه)', role: 'admin' },
		...numbered.map((d) => ({
			username: `officer.d${d.n}`,
			displayName: `کارشناس شهرسازی ${d.name_fa} (نمونه)`,
			role: 'district_officer' as const,
			districtId: d.id
		})),
		{ username: `inspector.d${pilot?.n ?? 'all'}`, displayName: 'بازرس (نمونه)', role: 'inspector', districtId: pilot?.id ?? null },
		{ username: 'planner', displayName: 'کارشناس طرح تفصیلی (نمونه)', role: 'planner' },
		...AGENCY_USERS.map((a) => ({ username: a.username, displayName: a.displayName, role: 'agency' as const, agencyKind: a.kind })),
		{ username: 'supervisor', displayName: 'مهندس ناظر (نمونه)', role: 'supervising_engineer' },
		// the second engineer of the sample pool: the rotation gives permits to either, so both sign in
		{ username: 'supervisor2', displayName: 'مهندس ناظر دوم (نمونه)', role: 'supervising_engineer' },
		{ username: 'council', displayName: 'عضو شورای شهر (نمونه)', role: 'council_member' },
		{ username: 'engineer', displayName: 'نماینده فنی دفتر مهندسی نمونه', role: 'representative', engineeringOffice: true }
	];
	// The utilities' accounts only where their sample company exists (a city without the sample has none).
	const orgIds = new Map((await db.selectFrom('organisations').select(['id', 'code']).execute()).map((o) => [o.code, o.id]));
	staff.push(...EXCAVATION_STAFF.filter((s) => !s.organisationCode || orgIds.has(s.organisationCode)));

	const existing = new Set(
		(await db.selectFrom('users').select('username').where('username', 'is not', null).execute()).map((r) => r.username)
	);
	// One hash for all demo staff: they share the documented password anyway, and scrypt at full
	// cost per account would slow the first start for nothing.
	const passwordHash = staff.some((s) => !existing.has(s.username)) ? await hashPassword(DEMO_PASSWORD) : '';

	await db.transaction().execute(async (trx) => {
		let officeId: number | null = null;
		for (const s of staff) {
			if (existing.has(s.username)) continue;
			if (s.engineeringOffice && officeId === null) {
				officeId =
					(await trx.selectFrom('engineering_offices').select('id').where('licence_no', '=', 'DEMO-ENG-001').executeTakeFirst())?.id ??
					(
						await trx
							.insertInto('engineering_offices')
							.values({ name_fa: 'دفتر مهندسی نمونه', name_en: 'Sample Engineering Office', licence_no: 'DEMO-ENG-001' })
							.returning('id')
							.executeTakeFirstOrThrow()
					).id;
			}
			const id = await insertStaff(trx, { username: s.username, passwordHash, displayName: s.displayName });
			await grantRole(trx, id, {
				role: s.role,
				districtId: s.districtId ?? null,
				agencyKind: s.agencyKind ?? null,
				engineeringOfficeId: s.engineeringOffice ? officeId : null,
				organisationId: s.organisationCode ? (orgIds.get(s.organisationCode) ?? null) : null
			});
		}
		for (const c of DEMO_CITIZENS) {
			const found = await trx.selectFrom('users').select('id').where('national_id', '=', c.nationalId).executeTakeFirst();
			if (!found) await insertCitizen(trx, c);
		}
	});

	return [
		...staff.map((s) => ({ username: s.username, nationalId: null, mobile: null, displayName: s.displayName, roles: [s.role] })),
		...DEMO_CITIZENS.map((c) => ({ username: null, nationalId: c.nationalId, mobile: c.mobile, displayName: c.displayName, roles: ['citizen'] }))
	];
}

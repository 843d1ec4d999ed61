/**
 * An agency's answered referrals in `npm run bench` (registered in gis/bench.ts, after the dashboard's year of
 * cases has put referrals in the city): the cartable's «پاسخ‌داده‌شده» tab of each agency in turn, bare
 * (`listAgencyAnswers`: `answeredReferralsQuery`, migrations/0161, the page's 500 newest) and the whole
 * page through HTTP (`GET /cartable?tab=closed` as an agency account of the bench).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/lib/server/db';
import type { AgencyKind } from '../src/lib/server/auth/types';
import { listAgencyAnswers } from '../src/lib/server/cases/agency-scope';
import { benchStaff } from './bench-accounts';

type Measure = (what: string, variants: [via: string, fn: (i: number) => Promise<number>][], distinct: number, inFlight?: number, requests?: number) => Promise<unknown>;

export interface ReferralsBenchContext {
	measure: Measure;
	httpGet: (path: string, headers?: Record<string, string>) => Promise<number>;
	notes: string[];
}

export async function benchAnsweredReferrals(db: Kysely<DB>, ctx: ReferralsBenchContext): Promise<void> {
	const { rows: counts } = await sql<{ agency_kind: AgencyKind; answered: number; total: number }>`
		select agency_kind, count(*) filter (where status = 'answered')::int as answered, count(*)::int as total
		from case_referrals group by agency_kind order by answered desc, agency_kind`.execute(db);
	const agencies = counts.filter((c) => c.answered > 0);
	if (!agencies.length) return void ctx.notes.push('answered referrals skipped: no agency has answered a referral (the dashboard’s sample history loads them)');
	const accounts: Awaited<ReturnType<typeof benchStaff>>[] = [];
	for (const { agency_kind } of agencies) {
		accounts.push(await benchStaff(db, `bench.agency.${agency_kind}`, { role: 'agency', districtId: null, agencyKind: agency_kind, engineeringOfficeId: null }));
	}
	const at = (i: number) => accounts[i % accounts.length];
	let shown = 0;
	let asked = 0;
	await ctx.measure(
		`an agency's answered referrals (cartable «پاسخ‌داده‌شده», ${agencies.length} agencies in turn), 1 in flight`,
		[
			[
				'bare service',
				async (i) => {
					const answers = await listAgencyAnswers(db, at(i).user);
					shown += answers.length;
					asked++;
					return JSON.stringify(answers).length;
				}
			],
			['HTTP', (i) => ctx.httpGet('/cartable?tab=closed', { cookie: at(i).cookie })]
		],
		accounts.length,
		1
	);
	ctx.notes.push(
		`answered referrals: ${agencies.map((a) => `${a.agency_kind} ${a.answered} answered of ${a.total}`).join(', ')}; ` +
			`${(shown / Math.max(1, asked)).toFixed(0)} shown per tab on average (the page's 500 newest, read in order from case_referrals_answered_idx)`
	);
}

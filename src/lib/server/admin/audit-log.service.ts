import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/types';
import {
	AUDIT_PEOPLE_MAX,
	findAuditAccounts,
	findAuditPeople,
	searchAuditEvents,
	type AuditPerson,
	type AuditSearch,
	type AuditSearchRow
} from '../auth/audit.repository';
import { documentKindName } from '../documents/document-kinds';
import { BadInputError } from '../errors';
import { auditFacts, type AuditFact, type AuditNames } from '../../i18n/audit-details';
import { inLang, isMessageKey, t, type Lang } from '../../i18n';
import { auditMessageKey } from '../../domain/audit';
import { addCalendarDays, type IsoDate } from '../../domain/working-days';
import type { AuditQuery } from '../../schemas/audit-query';
import { requireAdmin } from './admin.service';
import { listDistrictRows, listOfficeRows } from './staff.repository';

/**
 * The administrator's audit log (/admin/audit): the events under the page's filters, a page at a
 * time by id, each with its accounts named and its details labelled in the reader's language; and
 * the same as CSV.
 */

export const AUDIT_PAGE_SIZE = 50;
/** The most events one CSV holds; the file says so when there were more. */
export const AUDIT_CSV_MAX = 20_000;

export interface AuditAccount {
	id: number;
	name: string;
	username: string | null;
}

export interface AuditEventView {
	id: number;
	at: string;
	action: string;
	/** the event's name in the reader's language; null for a code the catalogue does not name */
	actionName: string | null;
	actor: AuditAccount | null;
	target: AuditAccount | null;
	reason: string | null;
	facts: AuditFact[];
	details: Record<string, unknown>;
	ip: string | null;
	userAgent: string | null;
}

export interface AuditLogPage {
	events: AuditEventView[];
	/** `before=` of the next page back, when there is one */
	older: number | null;
	/** `after=` of the next page forward, when this is not the newest */
	newer: number | null;
	/** the account the `user` filter names */
	user: AuditAccount | null;
}

const TEHRAN_MIDNIGHT = 'T00:00:00+03:30'; // Iran keeps UTC+03:30 all year since 2022

/** The day's first instant in Tehran. */
const tehranMidnight = (day: IsoDate) => new Date(`${day}${TEHRAN_MIDNIGHT}`);

/** The search the filters ask for: the person's fragment to their accounts, the days to instants. */
async function toSearch(db: Kysely<DB>, query: AuditQuery, limit: number, paged: boolean): Promise<AuditSearch> {
	let person: AuditSearch['person'] = null;
	if (query.person) {
		const userIds = await findAuditPeople(db, query.person);
		if (userIds.length > AUDIT_PEOPLE_MAX) {
			throw new BadInputError('audit_person_too_many', {
				fa: `«${query.person}» در نام بیش از ${AUDIT_PEOPLE_MAX.toLocaleString('fa-IR')} نفر هست؛ بیشتر از نام، نام کاربری یا کد ملی را بنویسید.`,
				en: `“${query.person}” is in the names of more than ${AUDIT_PEOPLE_MAX} people; write more of the name, the username or the national id.`
			});
		}
		// what a refused sign-in was tried with is stored as typed (a username lower-cased, a national id in digits)
		person = { userIds, attemptedLogin: query.person.toLowerCase() };
	}
	return {
		actions: query.actions,
		person,
		userId: query.userId,
		since: query.from ? tehranMidnight(query.from) : null,
		until: query.to ? tehranMidnight(addCalendarDays(query.to, 1)) : null,
		ip: query.ip,
		before: paged ? query.before : null,
		after: paged ? query.after : null,
		limit
	};
}

/** Names for the ids and codes of details whose tables only the server holds. */
async function detailNames(db: Kysely<DB>, lang: Lang): Promise<AuditNames> {
	const [districts, offices, organisations] = await Promise.all([
		listDistrictRows(db),
		listOfficeRows(db),
		db.selectFrom('organisations').select(['id', 'name_fa', 'name_en']).execute()
	]);
	const byId = <R extends { id: number; name_fa: string | null; name_en: string | null }>(rows: R[]) => {
		const names = new Map(rows.map((r) => [Number(r.id), inLang(lang, r.name_fa ?? '', r.name_en)]));
		return (id: number) => names.get(id) || undefined;
	};
	return {
		district: byId(districts),
		office: byId(offices),
		organisation: byId(organisations),
		documentKind: (kind) => {
			const name = documentKindName(kind);
			return name.fa === kind ? undefined : name[lang];
		}
	};
}

function accountView(person: AuditPerson | undefined): AuditAccount | null {
	return person ? { id: person.id, name: person.displayName, username: person.username } : null;
}

async function viewsOf(db: Kysely<DB>, rows: AuditSearchRow[], lang: Lang, names: AuditNames): Promise<AuditEventView[]> {
	const accounts = new Map((await findAuditAccounts(db, rows.flatMap((r) => [r.actor_user_id, r.target_user_id]).filter((id): id is number => id !== null))).map((a) => [a.id, a]));
	return rows.map((r) => {
		const key = auditMessageKey(r.action);
		return {
			id: r.id,
			at: new Date(r.at).toISOString(),
			action: r.action,
			actionName: isMessageKey(key) ? t(lang, key) : null,
			actor: r.actor_user_id === null ? null : (accountView(accounts.get(r.actor_user_id)) ?? { id: r.actor_user_id, name: `#${r.actor_user_id}`, username: null }),
			target: r.target_user_id === null ? null : (accountView(accounts.get(r.target_user_id)) ?? { id: r.target_user_id, name: `#${r.target_user_id}`, username: null }),
			reason: r.reason,
			facts: auditFacts(lang, r.action, r.details ?? {}, names),
			details: r.details ?? {},
			ip: r.ip,
			userAgent: r.user_agent
		};
	});
}

/**
 * One page of the log: newest first, `pageSize` events, older than `query.before` or the
 * page just newer than `query.after`.
 * @throws BadInputError when the person's fragment names too many accounts to be a search
 */
export async function auditLogPage(db: Kysely<DB>, actor: SessionUser, query: AuditQuery, lang: Lang, pageSize = AUDIT_PAGE_SIZE): Promise<AuditLogPage> {
	requireAdmin(actor);
	const search = await toSearch(db, query, pageSize + 1, true);
	const [rows, names, user] = await Promise.all([
		searchAuditEvents(db, search),
		detailNames(db, lang),
		query.userId === null ? null : findAuditAccounts(db, [query.userId]).then((a) => accountView(a[0]) ?? { id: query.userId!, name: `#${query.userId}`, username: null })
	]);
	const more = rows.length > pageSize;
	const page = rows.slice(0, pageSize);
	let older: number | null;
	let newer: number | null;
	if (query.after !== null) {
		page.reverse(); // read oldest first from the cursor up
		older = page.length ? page[page.length - 1].id : query.after + 1;
		newer = more ? page[0].id : null;
	} else {
		older = more ? page[page.length - 1].id : null;
		newer = query.before === null ? null : page.length ? page[0].id : query.before - 1;
	}
	return { events: await viewsOf(db, page, lang, names), older, newer, user };
}

/** The events of the filters as a CSV's rows, newest first, at most `AUDIT_CSV_MAX` (`capped` when there were more). */
export async function auditLogExport(db: Kysely<DB>, actor: SessionUser, query: AuditQuery, lang: Lang, max = AUDIT_CSV_MAX): Promise<{ events: AuditEventView[]; capped: boolean }> {
	requireAdmin(actor);
	const [names, base] = await Promise.all([detailNames(db, lang), toSearch(db, query, 0, false)]);
	const events: AuditEventView[] = [];
	let before: number | null = null;
	for (;;) {
		// by id as the page reads, a thousand at a time: one keyset step each, never OFFSET
		const search: AuditSearch = { ...base, before, limit: Math.min(1000, max + 1 - events.length) };
		const rows = await searchAuditEvents(db, search);
		events.push(...(await viewsOf(db, rows, lang, names)));
		if (events.length > max) return { events: events.slice(0, max), capped: true };
		if (rows.length < search.limit) return { events, capped: false };
		before = rows[rows.length - 1].id;
	}
}

/**
 * The audit page's filters, from its address (`/admin/audit?action=&person=&from=&to=&ip=`, and
 * `before=`/`after=` for the pages): a GET form, so they work without script and a search can be
 * bookmarked or sent to a colleague. Dates are read as everywhere else in the app (Jalali
 * ۱۴۰۵/۰۹/۱۰ or ISO 2026-12-01, `parseDateInput`), whole Tehran days, both ends included.
 * A value that is no filter is refused with a message naming it, never a 500.
 */
import { AUDIT_ACTION_GROUPS, isAuditAction, isAuditActionGroup, type AuditAction } from '../domain/audit';
import { normaliseText, toLatinDigits } from '../domain/text';
import type { IsoDate } from '../domain/working-days';
import { parseDateInput } from '../components/drawing/date-input';
import type { Bilingual } from '../i18n/lang';
import type { Parsed } from './parsed';

export interface AuditQuery {
	/** the event codes asked for; null: every event */
	actions: AuditAction[] | null;
	/** a fragment of a username, a display name or a national id (Latin digits, Persian letters folded) */
	person: string | null;
	/** one account's events, by its id (the links on the names) */
	userId: number | null;
	from: IsoDate | null;
	to: IsoDate | null;
	ip: { exact: string } | { prefix: string } | null;
	/** keyset cursors: the events older than `before`, or newer than `after` */
	before: number | null;
	after: number | null;
}

/** No filter: every event, from the newest. */
export const ALL_AUDIT_EVENTS: AuditQuery = { actions: null, person: null, userId: null, from: null, to: null, ip: null, before: null, after: null };

export const PERSON_MIN = 2;
const PERSON_MAX = 60;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const IPV6 = /^[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}(:\d{1,3}(\.\d{1,3}){3})?$/;
const IP_PREFIX = /^[0-9a-f.:]{1,44}$/;

const refuse = (code: string, messages: Bilingual): Parsed<never> => ({ ok: false, issue: { code, messages } });

function isIp(text: string): boolean {
	const v4 = IPV4.exec(text);
	if (v4) return v4.slice(1).every((part) => Number(part) <= 255);
	return text.includes(':') && IPV6.test(text);
}

function positiveId(raw: string): number | null {
	const n = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
	return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** Trimmed, Latin digits; '' when absent. */
const param = (params: URLSearchParams, name: string) => toLatinDigits(params.get(name) ?? '').trim();

export function parseAuditQuery(params: URLSearchParams): Parsed<AuditQuery> {
	const query: AuditQuery = { ...ALL_AUDIT_EVENTS };

	const action = param(params, 'action');
	if (action) {
		if (isAuditActionGroup(action)) query.actions = [...AUDIT_ACTION_GROUPS[action]];
		else if (isAuditAction(action)) query.actions = [action];
		else
			return refuse('audit_action_unknown', {
				fa: `رویداد «${action.slice(0, 60)}» در گزارش ممیزی نیست؛ یکی از فهرست «رویداد» را برگزینید.`,
				en: `“${action.slice(0, 60)}” is no event of the audit log; choose one from the “Event” list.`
			});
	}

	const person = normaliseText(params.get('person') ?? '');
	if (person) {
		if (person.length < PERSON_MIN || person.length > PERSON_MAX) {
			return refuse('audit_person_length', {
				fa: `برای جست‌وجوی شخص دست‌کم ${PERSON_MIN.toLocaleString('fa-IR')} و حداکثر ${PERSON_MAX.toLocaleString('fa-IR')} نویسه بنویسید (نام کاربری، نام یا بخشی از کد ملی).`,
				en: `Write ${PERSON_MIN} to ${PERSON_MAX} characters to look for a person (username, name or part of the national id).`
			});
		}
		query.person = person;
	}

	const user = param(params, 'user');
	if (user) {
		query.userId = positiveId(user);
		if (query.userId === null) return refuse('audit_user_invalid', { fa: `«${user.slice(0, 20)}» شناسهٔ حسابی نیست.`, en: `“${user.slice(0, 20)}” is not an account id.` });
	}

	for (const [field, name] of [
		['from', { fa: 'از تاریخ', en: 'From' }],
		['to', { fa: 'تا تاریخ', en: 'To' }]
	] as const) {
		const raw = params.get(field)?.trim() ?? '';
		if (!raw) continue;
		const day = parseDateInput(raw);
		if (!day) {
			return refuse(`audit_${field}_invalid`, {
				fa: `«${name.fa}» تاریخ درستی نیست: «${raw.slice(0, 30)}». آن را به‌صورت ۱۴۰۵/۰۹/۱۰ (شمسی) یا 2026-12-01 (میلادی) بنویسید.`,
				en: `“${name.en}” is not a valid date: “${raw.slice(0, 30)}”. Write it as 2026-12-01 (Gregorian) or 1405/09/10 (Jalali).`
			});
		}
		query[field] = day;
	}
	if (query.from && query.to && query.from > query.to) {
		return refuse('audit_dates_reversed', {
			fa: '«از تاریخ» پس از «تا تاریخ» است؛ آغاز بازه باید پیش از پایان آن باشد.',
			en: '“From” is after “To”; the period must start before it ends.'
		});
	}

	const ip = param(params, 'ip').toLowerCase();
	if (ip) {
		if (ip.endsWith('*') && IP_PREFIX.test(ip.slice(0, -1))) query.ip = { prefix: ip.slice(0, -1) };
		else if (isIp(ip)) query.ip = { exact: ip };
		else
			return refuse('audit_ip_invalid', {
				fa: `«${ip.slice(0, 50)}» نشانی IP نیست؛ یک نشانی کامل بنویسید، یا آغاز آن و * (مانند 192.0.2.*).`,
				en: `“${ip.slice(0, 50)}” is not an IP address; write a whole address, or its start and * (like 192.0.2.*).`
			});
	}

	for (const field of ['before', 'after'] as const) {
		const raw = param(params, field);
		if (!raw) continue;
		query[field] = positiveId(raw);
		if (query[field] === null) return refuse('audit_cursor_invalid', { fa: 'نشانی این صفحهٔ گزارش درست نیست.', en: 'This page of the log has a broken address.' });
	}
	if (query.before !== null && query.after !== null) {
		return refuse('audit_cursor_invalid', { fa: 'نشانی این صفحهٔ گزارش درست نیست.', en: 'This page of the log has a broken address.' });
	}
	return { ok: true, value: query };
}

/** The filters of a query as the address's parameters (without the page cursor): for the page links and the CSV link. */
export const AUDIT_FILTER_PARAMS = ['action', 'person', 'user', 'from', 'to', 'ip'] as const;

/**
 * An audit event's `details` in the reader's words: each key the services write (`recordAudit` calls)
 * gets a label, codes their names, figures, dates, mobiles and tracking codes the page's digits, and
 * a case its link (an imported case has no page: its tracking code only). A key no one taught this file is still shown, as stored, so nothing is hidden.
 * Pure and client-safe; the server passes the names only it holds (districts, offices, document kinds).
 */
import { AGENCY_NAMES, ROLE_NAMES, isAgencyKind, isRole } from '../domain/roles';
import { LEGACY_OUTCOME_NAMES, isLegacyOutcome } from '../domain/legacy-outcomes';
import { formatTrackingCode } from '../domain/tracking-code';
import { formatDate, formatDigits, formatNumber } from './format';
import type { Lang } from './lang';
import type { MessageKey } from './messages';
import { isMessageKey, t } from './t';

/** One value of a fact: text in the reader's language; `code` marks a code or number kept left to right. */
export interface AuditValue {
	text: string;
	href?: string;
	code?: boolean;
}

/** One labelled line of an event's details. `known` is false for a key shown as stored. */
export interface AuditFact {
	key: string;
	label: string;
	known: boolean;
	values: AuditValue[];
}

/** Names the server looks up for ids and codes whose tables the browser does not have; each in the reader's language. */
export interface AuditNames {
	district?: (id: number) => string | undefined;
	office?: (id: number) => string | undefined;
	organisation?: (id: number) => string | undefined;
	documentKind?: (kind: string) => string | undefined;
}

const DISTRICT_ROLES = new Set(['district_officer', 'inspector']);

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
const asText = (v: unknown): string => (typeof v === 'string' ? v : v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v));
const digits = (v: unknown, lang: Lang): AuditValue => ({ text: formatDigits(asText(v), lang), code: true });
const raw = (v: unknown): AuditValue => ({ text: asText(v), code: true });

/** `audit_value.<group>_<code>` when the catalogue has it, else the stored code. */
function named(lang: Lang, group: string, v: unknown): AuditValue {
	const key = `audit_value.${group}_${String(v)}`;
	return isMessageKey(key) ? { text: t(lang, key) } : raw(v);
}

/** Cases imported from the previous system have no case page (no workflow): their tracking code only. */
const UNLINKED_CASES = new Set(['case.legacy_closed']);

function caseLink(id: unknown, code: unknown, lang: Lang, action: string): AuditValue {
	const text = typeof code === 'string' && code ? formatDigits(formatTrackingCode(code), lang) : formatDigits(String(id), lang);
	return isId(id) && !UNLINKED_CASES.has(action) ? { text, href: `/cases/${id}`, code: true } : { text, code: true };
}

function byName(lookup: ((id: number) => string | undefined) | undefined, id: unknown, lang: Lang): AuditValue {
	const name = isId(id) ? lookup?.(id) : undefined;
	return name ? { text: name } : digits(id, lang);
}

type Labeller = (value: unknown, ctx: { lang: Lang; action: string; details: Record<string, unknown>; names: AuditNames }) => { label: MessageKey; values: AuditValue[] } | null;

/**
 * Every key `recordAudit` is given, by what it holds. A labeller answering null drops the fact (an
 * empty optional field, or a key shown together with another).
 */
const LABELLERS: Record<string, Labeller> = {
	caseId: (v, { lang, action, details }) => ({ label: 'audit_key.case', values: [caseLink(v, details.trackingCode, lang, action)] }),
	trackingCode: (v, { lang, action, details }) => (details.caseId !== undefined ? null : { label: 'audit_key.case', values: [caseLink(null, v, lang, action)] }),
	caseIds: (v, { lang, action, details }) => {
		const ids = Array.isArray(v) ? v : [v];
		const codes = Array.isArray(details.trackingCodes) ? details.trackingCodes : [];
		return { label: 'audit_key.cases', values: ids.map((id, i) => caseLink(id, codes[i], lang, action)) };
	},
	trackingCodes: (v, { lang, action, details }) =>
		details.caseIds !== undefined ? null : { label: 'audit_key.cases', values: (Array.isArray(v) ? v : [v]).map((c) => caseLink(null, c, lang, action)) },
	documentId: (v, { lang }) => ({ label: 'audit_key.document', values: [digits(v, lang)] }),
	kind: (v, { lang, action, names }) =>
		action === 'document.downloaded'
			? { label: 'audit_key.document_kind', values: [names.documentKind?.(String(v)) ? { text: names.documentKind(String(v))! } : raw(v)] }
			: { label: 'audit_key.account_kind', values: [named(lang, 'kind', v)] },
	version: (v, { lang }) => ({ label: 'audit_key.version', values: [typeof v === 'number' ? { text: formatNumber(v, lang, 0) } : raw(v)] }),
	sha256: (v) => ({ label: 'audit_key.sha256', values: [raw(v)] }),
	username: (v) => ({ label: 'audit_key.username', values: [raw(v)] }),
	nationalId: (v, { lang }) => ({ label: 'audit_key.national_id', values: [digits(v, lang)] }),
	second_factor: (v, { lang }) => ({ label: 'audit_key.second_factor', values: [named(lang, 'second_factor', v ?? 'none')] }),
	by: (v, { lang }) => ({ label: 'audit_key.by', values: [named(lang, 'by', v)] }),
	from: (v, { lang }) => ({ label: 'audit_key.mobile_from', values: [digits(v, lang)] }),
	to: (v, { lang }) => ({ label: 'audit_key.mobile_to', values: [digits(v, lang)] }),
	registry: (v, { lang }) => ({ label: 'audit_key.registry', values: [named(lang, 'registry', v)] }),
	created: (v, { lang }) => ({ label: 'audit_key.account', values: [named(lang, 'created', v)] }),
	role: (v, { lang }) => ({ label: 'audit_key.role', values: [isRole(v) ? { text: ROLE_NAMES[v][lang] } : raw(v)] }),
	// an officer's or inspector's grant without a district is city-wide; the other roles have none
	districtId: (v, { lang, details, names }) =>
		v === null || v === undefined
			? DISTRICT_ROLES.has(String(details.role)) ? { label: 'audit_key.district', values: [{ text: t(lang, 'admin.city_wide') }] } : null
			: { label: 'audit_key.district', values: [byName(names.district, v, lang)] },
	agencyKind: (v, { lang }) => (v === null || v === undefined ? null : { label: 'audit_key.agency', values: [isAgencyKind(v) ? { text: AGENCY_NAMES[v][lang] } : raw(v)] }),
	engineeringOfficeId: (v, { lang, names }) => (v === null || v === undefined ? null : { label: 'audit_key.office', values: [byName(names.office, v, lang)] }),
	officeId: (v, { lang, names }) => ({ label: 'audit_key.office', values: [byName(names.office, v, lang)] }),
	organisationId: (v, { lang, names }) => (v === null || v === undefined ? null : { label: 'audit_key.organisation', values: [byName(names.organisation, v, lang)] }),
	licenceNo: (v, { lang }) => ({ label: 'audit_key.licence_no', values: [digits(v, lang)] }),
	day: (v, { lang }) => ({ label: 'audit_key.day', values: [{ text: typeof v === 'string' ? formatDate(v, lang) : asText(v) }] }),
	deadlinesMoved: (v, { lang }) => ({ label: 'audit_key.deadlines_moved', values: [typeof v === 'number' ? { text: formatNumber(v, lang, 0) } : raw(v)] }),
	deadlinesMovedBack: (v, { lang }) => ({ label: 'audit_key.deadlines_moved_back', values: [typeof v === 'number' ? { text: formatNumber(v, lang, 0) } : raw(v)] }),
	reason: (v) => ({ label: 'audit_key.reason', values: [{ text: asText(v) }] }),
	outcome: (v, { lang }) => ({ label: 'audit_key.outcome', values: [isLegacyOutcome(v) ? { text: LEGACY_OUTCOME_NAMES[v][lang] } : raw(v)] })
};

/**
 * The details of one audit event as labelled facts, in the order they were stored.
 * @example auditFacts('en', 'sign_in.citizen', { created: true }) // [{ key: 'created', label: 'Account', known: true, values: [{ text: 'new account' }] }]
 */
export function auditFacts(lang: Lang, action: string, details: Record<string, unknown>, names: AuditNames = {}): AuditFact[] {
	const facts: AuditFact[] = [];
	for (const [key, value] of Object.entries(details ?? {})) {
		const labeller = Object.hasOwn(LABELLERS, key) ? LABELLERS[key] : undefined;
		if (labeller) {
			const fact = labeller(value, { lang, action, details, names });
			if (fact) facts.push({ key, label: t(lang, fact.label), known: true, values: fact.values });
		} else if (value !== null && value !== undefined) {
			facts.push({ key, label: key, known: false, values: [raw(value)] });
		}
	}
	return facts;
}

/** The facts as one line of text (the CSV's labelled column): «label: value، value؛ label: value». */
export function auditFactsText(facts: readonly AuditFact[], lang: Lang): string {
	const comma = lang === 'fa' ? '، ' : ', ';
	return facts.map((f) => `${f.label}: ${f.values.map((v) => v.text).join(comma)}`).join(lang === 'fa' ? '؛ ' : '; ');
}

/**
 * The audit log as CSV for Excel (UTF-8 with BOM, CRLF, formula-looking text neutralised by
 * `csvCell`): per event the stored values a log search or a SIEM rule matches (id, UTC time, code,
 * account ids, address, details as JSON) beside what the page shows (the time in the reader's
 * calendar, the event's name, the accounts' names, the labelled details).
 */
import { formatDate, formatNumber, formatTime, t, type Lang } from '../../i18n';
import { auditFactsText } from '../../i18n/audit-details';
import { csvCell } from '../planning/conflicts-export';
import type { AuditEventView } from './audit-log.service';

export function auditCsv(events: readonly AuditEventView[], capped: boolean, lang: Lang): string {
	const header = [
		t(lang, 'security.audit_csv_id'),
		t(lang, 'security.audit_csv_at_utc'),
		t(lang, 'admin.at'),
		t(lang, 'security.audit_csv_action_code'),
		t(lang, 'security.audit_action'),
		t(lang, 'security.audit_csv_actor_id'),
		t(lang, 'security.audit_actor'),
		t(lang, 'security.audit_csv_target_id'),
		t(lang, 'security.audit_target'),
		'IP',
		t(lang, 'security.audit_csv_user_agent'),
		t(lang, 'audit_key.reason'),
		t(lang, 'security.audit_details'),
		t(lang, 'security.audit_csv_details_json')
	];
	const account = (a: AuditEventView['actor']) => (a ? (a.username ? `${a.name} (${a.username})` : a.name) : null);
	const rows = events.map((e) => [
		e.id,
		e.at,
		`${formatDate(e.at, lang)} ${formatTime(e.at, lang, { seconds: true })}`,
		e.action,
		e.actionName,
		e.actor?.id ?? null,
		account(e.actor),
		e.target?.id ?? null,
		account(e.target),
		e.ip,
		e.userAgent,
		e.reason,
		auditFactsText(e.facts, lang),
		JSON.stringify(e.details)
	]);
	const lines = [header, ...rows].map((r) => r.map((c) => csvCell(c ?? null)).join(','));
	if (capped) lines.push(csvCell(t(lang, 'security.audit_csv_capped', { n: formatNumber(events.length, lang, 0) })));
	return '\ufeff' + lines.join('\r\n') + '\r\n';
}

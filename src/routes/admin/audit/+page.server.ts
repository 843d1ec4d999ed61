import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth';
import { auditLogPage } from '$lib/server/admin';
import { DomainError, toHttpError } from '$lib/server/errors';
import { parseAuditQuery, AUDIT_FILTER_PARAMS } from '$lib/schemas/audit-query';

/**
 * The audit log, filtered by the address's query and read a page at a time by id. A filter that is
 * none comes back as a message beside the form (the values as typed, to correct), not as an error page.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, ['admin'], url);
	const typed = Object.fromEntries(AUDIT_FILTER_PARAMS.map((name) => [name, url.searchParams.get(name) ?? ''])) as Record<(typeof AUDIT_FILTER_PARAMS)[number], string>;
	const empty = { events: [], older: null, newer: null, user: null };
	const parsed = parseAuditQuery(url.searchParams);
	if (!parsed.ok) return { typed, ...empty, filterError: { code: parsed.issue.code, message: parsed.issue.messages[locals.lang] } };
	try {
		return { typed, ...(await auditLogPage(locals.db, user, parsed.value, locals.lang)), filterError: null };
	} catch (err) {
		if (!(err instanceof DomainError) || err.status !== 400) throw err;
		const { code, message } = toHttpError(err, locals.lang);
		return { typed, ...empty, filterError: { code, message } };
	}
};

import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth';
import { auditLogExport } from '$lib/server/admin';
import { auditCsv } from '$lib/server/admin/audit-csv';
import { expectValid, jsonError } from '$lib/server/errors';
import { parseAuditQuery } from '$lib/schemas/audit-query';
import { tehranDate } from '$lib/domain/working-days';

/**
 * GET /admin/audit.csv?<the page's filters>: the events the audit page's search finds, newest first,
 * as CSV for Excel (UTF-8 with BOM) — the stored codes and the labelled text side by side; capped at
 * AUDIT_CSV_MAX rows, the file's last line saying so. A filter that is none: 400 naming it.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const user = requireUser(locals, ['admin'], url);
	try {
		const query = expectValid(parseAuditQuery(url.searchParams));
		const { events, capped } = await auditLogExport(locals.db, user, query, locals.lang);
		return new Response(auditCsv(events, capped, locals.lang), {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="audit-${tehranDate(new Date())}.csv"`,
				'cache-control': 'private, no-store'
			}
		});
	} catch (err) {
		return jsonError(err, locals.lang);
	}
};

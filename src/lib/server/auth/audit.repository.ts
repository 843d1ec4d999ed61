import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { ClientInfo } from './session.service';
import type { AuditAction } from '../../domain/audit';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * What goes to `audit_events`, the append-only log of everything outside a case's own timeline: one of
 * `AUDIT_ACTIONS` (src/lib/domain/audit.ts). Never a password, a code or a TOTP secret.
 */
export interface AuditEntry {
	action: AuditAction;
	actorUserId?: number | null;
	targetUserId?: number | null;
	reason?: string | null;
	details?: Record<string, unknown>;
	client?: ClientInfo | null;
	at?: Date;
}

export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
	await db
		.insertInto('audit_events')
		.values({
			at: entry.at ?? new Date(),
			action: entry.action,
			actor_user_id: entry.actorUserId ?? null,
			target_user_id: entry.targetUserId ?? null,
			reason: entry.reason ?? null,
			details: JSON.stringify(entry.details ?? {}),
			ip: entry.client?.ip ?? null,
			user_agent: entry.client?.userAgent?.slice(0, 400) ?? null
		})
		.execute();
}

export interface AuditEventRow {
	id: number;
	at: Date;
	action: string;
	actorUserId: number | null;
	actorName: string | null;
	targetUserId: number | null;
	reason: string | null;
	details: Record<string, unknown>;
	ip: string | null;
}

/** Newest first: the admin page's audit view. */
export async function listAuditEvents(db: Executor, options: { limit?: number; targetUserId?: number } = {}): Promise<AuditEventRow[]> {
	let query = db
		.selectFrom('audit_events as e')
		.leftJoin('users as u', 'u.id', 'e.actor_user_id')
		.select(['e.id', 'e.at', 'e.action', 'e.actor_user_id', 'u.display_name', 'e.target_user_id', 'e.reason', 'e.details', 'e.ip'])
		.orderBy('e.id', 'desc')
		.limit(options.limit ?? 100);
	if (options.targetUserId) query = query.where('e.target_user_id', '=', options.targetUserId);
	const rows = await query.execute();
	return rows.map((r) => ({
		id: r.id,
		at: r.at,
		action: r.action,
		actorUserId: r.actor_user_id,
		actorName: r.display_name,
		targetUserId: r.target_user_id,
		reason: r.reason,
		details: r.details,
		ip: r.ip
	}));
}

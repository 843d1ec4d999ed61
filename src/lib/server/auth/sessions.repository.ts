import type { Kysely, Transaction } from 'kysely';
import type { DB, SessionStage } from '../db/schema';

type Executor = Kysely<DB> | Transaction<DB>;

export interface SessionRow {
	id: string;
	userId: number;
	createdAt: Date;
	expiresAt: Date;
	lastSeenAt: Date;
	stage: SessionStage;
}

export async function insertSession(
	db: Executor,
	session: {
		id: string;
		userId: number;
		createdAt: Date;
		expiresAt: Date;
		ip: string | null;
		userAgent: string | null;
		stage?: SessionStage;
	}
): Promise<void> {
	await db
		.insertInto('sessions')
		.values({
			id: session.id,
			user_id: session.userId,
			created_at: session.createdAt,
			last_seen_at: session.createdAt,
			expires_at: session.expiresAt,
			ip: session.ip,
			user_agent: session.userAgent?.slice(0, 400) ?? null,
			stage: session.stage ?? 'full'
		})
		.execute();
}

/** The session with this id if it has not expired at `now`. */
export async function findLiveSession(db: Executor, id: string, now: Date): Promise<SessionRow | null> {
	const row = await db
		.selectFrom('sessions')
		.select(['id', 'user_id', 'created_at', 'expires_at', 'last_seen_at', 'stage'])
		.where('id', '=', id)
		.where('expires_at', '>', now)
		.executeTakeFirst();
	return row
		? { id: row.id, userId: row.user_id, createdAt: row.created_at, expiresAt: row.expires_at, lastSeenAt: row.last_seen_at, stage: row.stage }
		: null;
}

export async function extendSession(db: Executor, id: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
	await db.updateTable('sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
	await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Signs the user out everywhere, except (when given) the session they are using. */
export async function deleteSessionsOfUser(db: Executor, userId: number, exceptId?: string): Promise<void> {
	let query = db.deleteFrom('sessions').where('user_id', '=', userId);
	if (exceptId) query = query.where('id', '<>', exceptId);
	await query.execute();
}

export async function deleteExpiredSessions(db: Executor, now: Date): Promise<number> {
	const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
	return Number(result.numDeletedRows);
}

import pg from 'pg';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { PGlite } from '@electric-sql/pglite';
import type { DB } from './schema';

/**
 * LISTEN/NOTIFY on either backend. PostgreSQL delivers a transaction's notices when it commits, to
 * every listening session, in commit order; PGlite does the same inside this one process, and runs
 * the listeners before the COMMIT that sent them returns to its caller.
 */
export interface ListenOptions {
	/** A plain lower-case identifier. */
	channel: string;
	/** PostgreSQL: the listening session's application_name, set once it listens (pg_stat_activity shows who does). */
	name: string;
	onNotice(payload: string): void;
	/** PostgreSQL: the listening connection was lost; notices sent since are missed until `listen` is called again. */
	onLost(error: Error): void;
}

export interface Listener {
	/** Sends a notice on the channel from the listening session (committed at once). */
	notify(payload: string): Promise<void>;
	/** Runs a statement on the listening session (PostgreSQL) or the one connection (PGlite). */
	query<R>(text: string, values: unknown[]): Promise<R[]>;
	close(): Promise<void>;
}

const CHANNEL = /^[a-z_][a-z0-9_]*$/;

function checkChannel(channel: string) {
	if (!CHANNEL.test(channel)) throw new Error(`Not a channel name: "${channel}"`);
}

/** PostgreSQL: a connection of its own, outside the pool, for as long as it listens. */
export function postgresListeners(connectionString: string) {
	/** How to end each open listening connection. */
	const open = new Set<() => Promise<void>>();
	return {
		async listen({ channel, name, onNotice, onLost }: ListenOptions): Promise<Listener> {
			checkChannel(channel);
			const client = new pg.Client({ connectionString, keepAlive: true });
			let listening = false;
			let ended = false;
			const end = async () => {
				ended = true;
				open.delete(end);
				await client.end().catch(() => {});
			};
			const lost = (error: Error) => {
				if (ended) return;
				void end();
				if (listening) onLost(error);
			};
			client.on('error', lost);
			client.on('end', () => lost(new Error('the listening connection ended')));
			client.on('notification', (msg) => {
				if (msg.channel === channel) onNotice(msg.payload ?? '');
			});
			try {
				open.add(end);
				await client.connect();
				await client.query(`LISTEN ${channel}`);
				await client.query('select set_config($1, $2, false)', ['application_name', name]);
			} catch (err) {
				await end();
				throw err;
			}
			listening = true;
			return {
				async notify(payload) {
					await client.query('select pg_notify($1, $2)', [channel, payload]);
				},
				async query<R>(text: string, values: unknown[]) {
					return (await client.query(text, values)).rows as R[];
				},
				close: end
			};
		},
		async closeAll() {
			await Promise.all([...open].map((end) => end()));
		}
	};
}

/**
 * PGlite: LISTEN on the one connection, taken from the dialect's queue so that it never lands inside
 * someone's open transaction (where a rollback would undo it).
 */
export function pgliteListeners(pglite: PGlite, db: Kysely<DB>) {
	return {
		async listen({ channel, onNotice }: ListenOptions): Promise<Listener> {
			checkChannel(channel);
			const unlisten = await db.connection().execute(() => pglite.listen(channel, onNotice));
			return {
				async notify(payload) {
					await sql`select pg_notify(${channel}, ${payload})`.execute(db);
				},
				async query<R>(text: string, values: unknown[]) {
					return (await db.executeQuery<R>(CompiledQuery.raw(text, values))).rows;
				},
				close: () => db.connection().execute(() => unlisten())
			};
		}
	};
}

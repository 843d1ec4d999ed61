import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema';

/** Advisory lock key ('pelak' in ASCII) so two processes never migrate at once. */
const MIGRATION_LOCK = 0x70656c616b;

export interface MigrationResult {
	applied: string[];
	alreadyApplied: number;
}

/**
 * Applies `migrations/*.sql` in name order, each in its own transaction, recording each in
 * `pelak_migrations`. Safe to run twice. `{{srid}}` in a migration is the storage CRS, fixed at
 * the first migration: running later with another PELAK_SRID is refused rather than mixing CRSs.
 */
export async function migrate(db: Kysely<DB>, dir: string, srid: number): Promise<MigrationResult> {
	const files = fs
		.readdirSync(dir)
		.filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
		.sort();

	return db.connection().execute(async (conn) => {
		await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
		try {
			await sql`create table if not exists pelak_migrations (
				name text primary key,
				checksum text not null,
				applied_at timestamptz not null default now()
			)`.execute(conn);
			await sql`create table if not exists pelak_settings (key text primary key, value text not null)`.execute(conn);
			await sql`insert into pelak_settings (key, value) values ('srid', ${String(srid)}) on conflict (key) do nothing`.execute(conn);
			const stored = await sql<{ value: string }>`select value from pelak_settings where key = 'srid'`.execute(conn);
			if (Number(stored.rows[0].value) !== srid) {
				throw new Error(
					`This database stores geometry in EPSG:${stored.rows[0].value} but PELAK_SRID is ${srid}. ` +
						'Use the same CRS, or start a new database.'
				);
			}

			const done = await sql<{ name: string; checksum: string }>`select name, checksum from pelak_migrations`.execute(conn);
			const known = new Map(done.rows.map((r) => [r.name, r.checksum]));
			const applied: string[] = [];
			for (const file of files) {
				const text = fs.readFileSync(path.join(dir, file), 'utf8');
				const checksum = createHash('sha256').update(text).digest('hex');
				const previous = known.get(file);
				if (previous !== undefined) {
					if (previous !== checksum) {
						throw new Error(`Migration ${file} changed after it was applied; migrations are frozen, add a new one instead.`);
					}
					continue;
				}
				const body = text.replaceAll('{{srid}}', String(srid));
				await conn.transaction().execute(async (trx) => {
					await sql.raw(body).execute(trx);
					await sql`insert into pelak_migrations (name, checksum) values (${file}, ${checksum})`.execute(trx);
				});
				applied.push(file);
			}
			return { applied, alreadyApplied: known.size };
		} finally {
			await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
		}
	});
}

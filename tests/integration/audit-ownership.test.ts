/**
 * PostgreSQL only: after scripts/postgres/secure-audit-tables.sql the app's own role (the
 * database's owner, no superuser) appends to the audit tables but cannot change, disable, replace
 * or drop anything that keeps them append-only. The embedded database has a single superuser, so
 * there is nothing to check there.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openTestDatabase, type TestDatabase } from '../db';
import { adminUrl } from '../db-paths';

const SCRIPT = path.resolve(import.meta.dirname, '../../scripts/postgres/secure-audit-tables.sql');

describe.skipIf(!process.env.DATABASE_URL)('audit tables owned by a role the app does not hold (PostgreSQL)', () => {
	let database: TestDatabase;
	let app: pg.Client;
	const role = `pelak_app_${randomBytes(4).toString('hex')}`;

	const superuser = async <T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> => {
		const client = new pg.Client({ connectionString: url });
		await client.connect();
		try {
			return await work(client);
		} finally {
			await client.end();
		}
	};

	beforeAll(async () => {
		database = await openTestDatabase();
		const dbName = new URL(database.url!).pathname.slice(1);
		await superuser(adminUrl(), async (c) => {
			await c.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEROLE`);
			await c.query(`ALTER DATABASE ${dbName} OWNER TO ${role}`);
		});
		await superuser(database.url!, (c) => c.query(fs.readFileSync(SCRIPT, 'utf8')));
		const asApp = new URL(database.url!);
		asApp.username = role;
		app = new pg.Client({ connectionString: asApp.toString() });
		await app.connect();
	});

	afterAll(async () => {
		await app?.end();
		await database?.close();
		await superuser(adminUrl(), (c) => c.query(`DROP ROLE IF EXISTS ${role}`));
	});

	it('hands both audit tables and the trigger function to pelak_audit_owner', async () => {
		const { rows } = await app.query(
			`select c.relname as name, pg_get_userbyid(c.relowner) as owner from pg_class c where c.relname in ('audit_events', 'case_events')
			 union all select p.proname, pg_get_userbyid(p.proowner) from pg_proc p where p.proname = 'pelak_refuse_change' order by 1`
		);
		expect(rows).toEqual([
			{ name: 'audit_events', owner: 'pelak_audit_owner' },
			{ name: 'case_events', owner: 'pelak_audit_owner' },
			{ name: 'pelak_refuse_change', owner: 'pelak_audit_owner' }
		]);
	});

	it('lets the app append to the audit log and read it', async () => {
		await app.query(`insert into audit_events (action, details) values ('sign_in.staff', '{}')`);
		const { rows } = await app.query(`select count(*)::int as n from audit_events`);
		expect(rows[0].n).toBeGreaterThanOrEqual(1);
	});

	it.each([
		['disable its triggers', `alter table audit_events disable trigger audit_events_append_only`, /must be owner/],
		['disable all triggers of case_events', `alter table case_events disable trigger all`, /must be owner/],
		['drop a trigger', `drop trigger audit_events_append_only on audit_events`, /must be owner/],
		['replace the trigger function', `create or replace function pelak_refuse_change() returns trigger language plpgsql as $$ begin return old; end $$`, /must be owner/],
		['update a row', `update audit_events set reason = 'rewritten'`, /permission denied/],
		['delete rows', `delete from audit_events`, /permission denied/],
		['truncate it', `truncate audit_events`, /permission denied/],
		['take the audit role', `set role pelak_audit_owner`, /permission denied/],
		['drop the table though it owns the schema', `drop table audit_events`, /audit table: DROP refused/],
		['drop case_events with cascade', `drop table case_events cascade`, /audit table: DROP refused/]
	])('refuses the app to %s', async (_, statement, message) => {
		await expect(app.query(statement)).rejects.toThrow(message);
	});
});

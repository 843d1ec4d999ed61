import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, Documents } from '../db/schema';

type Executor = Kysely<DB> | Transaction<DB>;
export type DocumentRow = Selectable<Documents>;

export async function findDocument(db: Executor, id: number): Promise<DocumentRow | undefined> {
	return db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listCaseDocuments(db: Executor, caseId: number): Promise<DocumentRow[]> {
	return db.selectFrom('documents').selectAll().where('case_id', '=', caseId).orderBy('kind').orderBy('version').execute();
}

/** The latest version of a kind on a case (for numbering the next one), if any. */
export async function latestVersion(db: Executor, caseId: number, kind: string): Promise<DocumentRow | undefined> {
	return db
		.selectFrom('documents')
		.selectAll()
		.where('case_id', '=', caseId)
		.where('kind', '=', kind)
		.orderBy('version', 'desc')
		.limit(1)
		.executeTakeFirst();
}

export async function insertDocument(
	db: Executor,
	row: Omit<DocumentRow, 'id' | 'created_at' | 'superseded_by'>
): Promise<DocumentRow> {
	return db.insertInto('documents').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The one change a document row may see (the database refuses any other). */
export async function markSuperseded(db: Executor, id: number, by: number): Promise<void> {
	await db.updateTable('documents').set({ superseded_by: by }).where('id', '=', id).where('superseded_by', 'is', null).execute();
}

export async function isStorageKeyReferenced(db: Executor, key: string): Promise<boolean> {
	const row = await db.selectFrom('documents').select(sql<number>`1`.as('one')).where('storage_key', '=', key).limit(1).executeTakeFirst();
	return row !== undefined;
}

/**
 * The documents the SAMPLE history's cases were filed with. The history writes its cases straight into the
 * tables (gis/sample-city/history.ts), without the uploads a filing online carries; a district officer approves a
 * review only with the file complete (workflow-action.service.ts, `case_documents_missing`), and a decided case's
 * checklist lists what it was decided on, so each sample case, open or decided, gets the documents its request
 * type requires of its applicant, and a building permit the applicant sent drawings for (`drawings`: case id →
 * when) its engineering drawings: one SAMPLE PDF per kind, stored once (the store is content-addressed), one row
 * per case and kind.
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { defaultFileStore, type FileStore } from '../documents/file-store';
import { samplePdf } from '../documents/sample-pdf';
import { documentKindName } from '../documents/document-kinds';
import { documentsFor } from '../workflows/documents';
import { requestTypeById } from '../workflows/registry';

/** Documents written for the workflow cases that have none; 0 when every case has its file. */
export async function seedSampleFilings(
	db: Kysely<DB>,
	files: FileStore = defaultFileStore(),
	{ drawings = new Map() }: { drawings?: ReadonlyMap<number, Date> } = {}
): Promise<number> {
	const cases = await db
		.selectFrom('cases as c')
		.select(['c.id', 'c.request_type', 'c.applicant_type', 'c.representative_user_id', 'c.applicant_user_id', 'c.opened_at'])
		.where('c.request_type', 'is not', null)
		.where('c.applicant_user_id', 'is not', null)
		.where(({ not, exists, selectFrom }) => not(exists(selectFrom('documents as d').select(sql`1`.as('one')).whereRef('d.case_id', '=', 'c.id'))))
		.execute();
	const stored = new Map<string, { sha256: string; key: string; size: number }>();
	const rows: Insertable<DB['documents']>[] = [];
	const add = async (c: (typeof cases)[number], kind: string, at: Date | string) => {
		let file = stored.get(kind);
		if (!file) {
			const bytes = samplePdf(documentKindName(kind).en);
			const put = await files.put(bytes);
			file = { sha256: put.sha256, key: put.key, size: bytes.byteLength };
			stored.set(kind, file);
		}
		rows.push({
			case_id: c.id,
			kind,
			version: 1,
			original_name: `${kind}-sample.pdf`,
			media_type: 'application/pdf',
			size_bytes: file.size,
			sha256: file.sha256,
			storage_key: file.key,
			uploaded_by: c.applicant_user_id!,
			created_at: at
		});
	};
	for (const c of cases) {
		const definition = requestTypeById(c.request_type!);
		if (!definition) continue;
		const required = documentsFor(definition, { type: c.applicant_type, viaRepresentative: c.representative_user_id !== null }).filter((d) => d.required);
		for (const doc of required) await add(c, doc.kind, c.opened_at);
		const sent = drawings.get(Number(c.id));
		if (sent && !required.some((d) => d.kind === 'engineering_drawings')) await add(c, 'engineering_drawings', sent);
	}
	if (rows.length === 0) return 0;
	const write = async (trx: Kysely<DB>) => {
		for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('documents').values(rows.slice(i, i + 1000)).execute();
	};
	if (db.isTransaction) await write(db);
	else await db.transaction().execute(write);
	return rows.length;
}

/**
 * The documents the SAMPLE history's open cases were filed with. The history writes its cases straight into the
 * tables (gis/sample-city/history.ts), without the uploads a filing online carries; a district officer approves a
 * review only with the file complete (workflow-action.service.ts, `case_documents_missing`), so that the demo's
 * officers can work the cases waiting for them, each open sample case gets the documents its request type requires
 * of its applicant: one SAMPLE PDF per kind, stored once (the store is content-addressed), one row per case and kind.
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { defaultFileStore, type FileStore } from '../documents/file-store';
import { samplePdf } from '../documents/sample-pdf';
import { documentKindName } from '../documents/document-kinds';
import { documentsFor } from '../workflows/documents';
import { requestTypeById } from '../workflows/registry';

/** Documents written for the open cases that have none; 0 when every open case has its file. */
export async function seedSampleFilings(db: Kysely<DB>, files: FileStore = defaultFileStore()): Promise<number> {
	const cases = await db
		.selectFrom('cases as c')
		.select(['c.id', 'c.request_type', 'c.applicant_type', 'c.representative_user_id', 'c.applicant_user_id', 'c.opened_at'])
		.where('c.workflow_status', '=', 'in_progress')
		.where('c.request_type', 'is not', null)
		.where('c.applicant_user_id', 'is not', null)
		.where(({ not, exists, selectFrom }) => not(exists(selectFrom('documents as d').select(sql`1`.as('one')).whereRef('d.case_id', '=', 'c.id'))))
		.execute();
	const stored = new Map<string, { sha256: string; key: string; size: number }>();
	const rows: Insertable<DB['documents']>[] = [];
	for (const c of cases) {
		const definition = requestTypeById(c.request_type!);
		if (!definition) continue;
		for (const doc of documentsFor(definition, { type: c.applicant_type, viaRepresentative: c.representative_user_id !== null }).filter((d) => d.required)) {
			let file = stored.get(doc.kind);
			if (!file) {
				const bytes = samplePdf(documentKindName(doc.kind).en);
				const put = await files.put(bytes);
				file = { sha256: put.sha256, key: put.key, size: bytes.byteLength };
				stored.set(doc.kind, file);
			}
			rows.push({
				case_id: c.id,
				kind: doc.kind,
				version: 1,
				original_name: `${doc.kind}-sample.pdf`,
				media_type: 'application/pdf',
				size_bytes: file.size,
				sha256: file.sha256,
				storage_key: file.key,
				uploaded_by: c.applicant_user_id!,
				created_at: c.opened_at
			});
		}
	}
	if (rows.length === 0) return 0;
	await db.transaction().execute(async (trx) => {
		for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('documents').values(rows.slice(i, i + 1000)).execute();
	});
	return rows.length;
}

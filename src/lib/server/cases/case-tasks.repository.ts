import { sql } from 'kysely';
import type { Executor } from './cases.repository';

/** What the applicant is asked to do: upload documents, answer a question, correct the request. */
export interface TaskRow {
	id: number;
	case_id: number;
	kind: 'document' | 'question' | 'correction';
	prompt: string;
	document_kinds: string[];
	step: string;
	requested_at: Date;
	due_on: string | null;
	status: 'open' | 'answered' | 'cancelled';
	answer_text: string | null;
	answered_at: Date | null;
}

const TASK_COLUMNS = sql.raw(`id, case_id, kind, prompt, document_kinds, step, requested_at, due_on::text as due_on, status, answer_text, answered_at`);

export async function insertTask(
	db: Executor,
	task: { case_id: number; kind: TaskRow['kind']; prompt: string; document_kinds: string[]; step: string; requested_by: number; requested_at: string; due_on: string | null }
): Promise<number> {
	const { id } = await db.insertInto('case_tasks').values(task).returning('id').executeTakeFirstOrThrow();
	return id;
}

export async function listTasks(db: Executor, caseId: number): Promise<TaskRow[]> {
	const { rows } = await sql<TaskRow>`select ${TASK_COLUMNS} from case_tasks where case_id = ${caseId} order by id`.execute(db);
	return rows;
}

export async function findTask(db: Executor, id: number): Promise<TaskRow | null> {
	const { rows } = await sql<TaskRow>`select ${TASK_COLUMNS} from case_tasks where id = ${id}`.execute(db);
	return rows[0] ?? null;
}

export async function openTask(db: Executor, caseId: number): Promise<TaskRow | null> {
	const { rows } = await sql<TaskRow>`select ${TASK_COLUMNS} from case_tasks where case_id = ${caseId} and status = 'open'`.execute(db);
	return rows[0] ?? null;
}

export async function closeTasks(
	db: Executor,
	caseId: number,
	outcome: { status: 'answered' | 'cancelled'; answer_text?: string | null; answered_by?: number | null; answered_at: string }
): Promise<void> {
	await db
		.updateTable('case_tasks')
		.set({ status: outcome.status, answer_text: outcome.answer_text ?? null, answered_by: outcome.answered_by ?? null, answered_at: outcome.answered_at })
		.where('case_id', '=', caseId)
		.where('status', '=', 'open')
		.execute();
}

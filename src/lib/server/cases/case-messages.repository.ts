import type { Executor } from './cases.repository';

export async function insertMessage(
	db: Executor,
	message: { case_id: number; author_user_id: number; author_role: string; side: 'applicant' | 'staff'; body: string; created_at: string }
): Promise<number> {
	const { id } = await db.insertInto('case_messages').values(message).returning('id').executeTakeFirstOrThrow();
	return id;
}

export async function listMessages(db: Executor, caseId: number) {
	return db
		.selectFrom('case_messages as m')
		.innerJoin('users as u', 'u.id', 'm.author_user_id')
		.select(['m.id', 'm.author_user_id', 'u.display_name as author_name', 'm.author_role', 'm.side', 'm.body', 'm.created_at'])
		.where('m.case_id', '=', caseId)
		.orderBy('m.id')
		.execute();
}

export type MessageRow = Awaited<ReturnType<typeof listMessages>>[number];

import { sql } from 'kysely';
import type { Executor } from './cases.repository';

/** A row of the append-only audit log; built by `caseEvent` (audit.ts), never by hand. */
export interface NewEvent {
	case_id: number;
	at: string;
	actor_user_id: number | null;
	actor_role: string;
	action: string;
	from_step: string | null;
	to_step: string | null;
	status: string | null;
	due_on: string | null;
	text: string | null;
	details: Record<string, unknown>;
	ip: string | null;
}

export async function appendEvent(db: Executor, event: NewEvent): Promise<number> {
	const { id } = await db
		.insertInto('case_events')
		.values({ ...event, details: JSON.stringify(event.details) })
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

export interface EventRow {
	id: number;
	at: Date;
	actor_user_id: number | null;
	actor_name: string | null;
	actor_role: string;
	action: string;
	from_step: string | null;
	to_step: string | null;
	status: string | null;
	due_on: string | null;
	text: string | null;
	details: Record<string, unknown>;
}

export async function listEvents(db: Executor, caseId: number): Promise<EventRow[]> {
	const { rows } = await sql<EventRow>`
		select e.id, e.at, e.actor_user_id, u.display_name as actor_name, e.actor_role, e.action, e.from_step, e.to_step,
		       e.status, e.due_on::text as due_on, e.text, e.details
		from case_events e left join users u on u.id = e.actor_user_id
		where e.case_id = ${caseId} order by e.id`.execute(db);
	return rows;
}

/** Whether the user ever acted on the case as this role (a supervisor who filed its report keeps sight of it). */
export async function actedOnCaseAs(db: Executor, caseId: number, userId: number, role: string): Promise<boolean> {
	const { rows } = await sql<{ one: number }>`select 1 as one from case_events
		where case_id = ${caseId} and actor_user_id = ${userId} and actor_role = ${role} limit 1`.execute(db);
	return rows.length > 0;
}

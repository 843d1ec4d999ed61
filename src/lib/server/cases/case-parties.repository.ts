import type { Executor } from './cases.repository';

/** The people on a case (applicant, representative) as the case pages and notifications need them. */
export interface PartyContact {
	display_name: string;
	mobile: string | null;
}

export async function partyContact(db: Executor, userId: number): Promise<PartyContact | null> {
	return (await db.selectFrom('users').select(['mobile', 'display_name']).where('id', '=', userId).executeTakeFirst()) ?? null;
}

/** The national id the public status page matches against; null for staff and unknown users. */
export async function partyNationalId(db: Executor, userId: number): Promise<string | null> {
	const row = await db.selectFrom('users').select('national_id').where('id', '=', userId).executeTakeFirst();
	return row?.national_id ?? null;
}

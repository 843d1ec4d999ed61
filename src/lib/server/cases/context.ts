import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';
import { workingCalendarOf } from '../calendar/closures';
import { createMessageSender } from '../notify';
import { defaultFileStore, FileWrites } from '../documents';
import type { WorkingCalendar } from '../../domain/working-days';
import { partyContact } from './case-parties.repository';
import type { CaseContext } from './types';

/**
 * What a case use case runs with: the clock, the working calendar, the file writes of this
 * request, where it came from, and the applicant's notifications. The defaults are the server's own.
 */
export interface CaseEnv {
	now: Date;
	calendar: WorkingCalendar;
	files: FileWrites;
	ip: string | null;
	/** An SMS to a user; sent after the commit, and a failure never undoes the action. */
	notify: (to: number, body: string) => Promise<void>;
}

/** The defaults read the working calendar from the database: its office closures (calendar/closures.ts) are every instance's. */
export async function caseEnv(db: Kysely<DB>, ctx: CaseContext): Promise<CaseEnv> {
	const sender = ctx.sender === undefined ? createMessageSender(db) : ctx.sender;
	return {
		now: ctx.now ?? new Date(),
		calendar: ctx.calendar ?? (await workingCalendarOf(db)),
		files: new FileWrites(ctx.files ?? defaultFileStore()),
		ip: ctx.ip ?? null,
		async notify(userId, body) {
			if (!sender) return;
			const contact = await partyContact(db, userId);
			if (!contact?.mobile) return;
			try {
				await sender.send(contact.mobile, body);
			} catch (err) {
				// The action is done and recorded; a failed SMS must not undo it.
				console.warn('[pelak] case notification failed', err);
			}
		}
	};
}

/**
 * Every multi-step write of a case is one transaction: the case row, its audit entry, tasks,
 * referrals and document rows change together or not at all, and files written for a write that
 * rolled back are removed.
 */
export async function inTransaction<T>(db: Kysely<DB>, env: CaseEnv, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
	try {
		return await db.transaction().execute(fn);
	} catch (err) {
		await env.files.discardUnreferenced(db).catch(() => undefined);
		throw err;
	}
}

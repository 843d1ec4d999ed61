/**
 * A SAMPLE office closure: the demo admin has announced that the offices close for air pollution on a
 * working day a few days ahead, through the real service (recordOfficeClosure: audited, every open
 * deadline on or after the day moved by one working day, each case's timeline saying why). The admin
 * page lists it, still withdrawable; officers and citizens see their deadlines moved. The reason
 * says «نمونه — sample».
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { findActiveUser } from '../auth/users.repository';
import { workingCalendarOf } from '../calendar/closures';
import { addCalendarDays, isWorkingDay, tehranDate } from '../../domain/working-days';
import { recordOfficeClosure } from './admin.service';

/** Working days ahead the sample closure falls: announced in advance, as the governor's office does. */
const DAYS_AHEAD = 3;

/** Records the closure; returns its day and the deadlines it moved, or null without a demo admin. */
export async function seedSampleClosure(db: Kysely<DB>, { now = new Date() } = {}): Promise<{ day: string; moved: number } | null> {
	const row = await db
		.selectFrom('users')
		.innerJoin('user_roles', 'user_roles.user_id', 'users.id')
		.select('users.id')
		.where('user_roles.role', '=', 'admin')
		.orderBy('users.id')
		.limit(1)
		.executeTakeFirst();
	const admin = row && (await findActiveUser(db, row.id));
	if (!admin) return null;
	const calendar = await workingCalendarOf(db);
	let day = tehranDate(now);
	for (let ahead = 0; ahead < DAYS_AHEAD; ) {
		day = addCalendarDays(day, 1);
		if (isWorkingDay(day, calendar)) ahead++;
	}
	return recordOfficeClosure(
		db,
		admin,
		{
			day,
			reasonFa: 'نمونه — sample: تعطیلی ادارات به دلیل آلودگی هوا، به اعلام استانداری',
			reasonEn: "SAMPLE: offices closed for air pollution, as the governor's office announced"
		},
		undefined,
		now
	);
}

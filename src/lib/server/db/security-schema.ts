import type { ColumnType, Generated } from 'kysely';

/** Tables of migrations/0025_identity_and_staff_security.sql (part of `DB` in ./schema.ts). */

type Time = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** Failures-only sign-in throttle, one row per account or address that has failed lately. */
export interface SignInThrottle {
	key: string;
	failures: ColumnType<number, number | undefined, number>;
	last_failure_at: NullableTime;
	not_before: Time;
	in_flight_until: NullableTime;
}

/** Append-only audit log of sign-ins, account changes, admin actions and document downloads. */
export interface AuditEvents {
	id: Generated<number>;
	at: Time;
	actor_user_id: number | null;
	action: string;
	target_user_id: number | null;
	reason: string | null;
	details: ColumnType<Record<string, unknown>, string | undefined, never>;
	ip: string | null;
	user_agent: string | null;
}

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { toLatinDigits } from '../../domain/text';
import { accountErrors } from './account-errors';
import { generateTotpSecret, matchTotp, otpauthUri } from './totp';
import { findTotpState, storePendingSecret, useTotpStep } from './totp.repository';
import { recordAudit } from './audit.repository';
import type { ClientInfo } from './session.service';

/** What the enrolment page shows: the secret to type in, and the otpauth:// URI apps read. */
export interface TotpEnrolment {
	secret: string;
	uri: string;
}

function normaliseCode(code: string): string {
	const clean = toLatinDigits(code ?? '').replace(/\s/g, '');
	if (!/^\d{6}$/.test(clean)) throw accountErrors.totpMalformed();
	return clean;
}

/** True when `code` is the user's current authenticator code, not used before (then it is used up). */
export async function acceptTotpCode(db: Kysely<DB>, userId: number, code: string, now: Date): Promise<boolean> {
	const clean = normaliseCode(code);
	const state = await findTotpState(db, userId);
	if (!state?.secret || !state.enabledAt) return false;
	const step = matchTotp(state.secret, clean, now.getTime());
	return step !== null && (await useTotpStep(db, userId, step));
}

/**
 * Starts (or shows again) a staff member's authenticator enrolment: a secret kept until the first
 * code confirms it. Refused for citizens and when TOTP is already on.
 */
export async function beginTotpEnrolment(db: Kysely<DB>, userId: number): Promise<TotpEnrolment> {
	const state = await findTotpState(db, userId);
	if (!state || state.kind !== 'staff') throw accountErrors.staffOnly();
	if (state.enabledAt) throw accountErrors.totpAlreadyOn();
	let secret = state.secret;
	if (!secret) {
		secret = generateTotpSecret();
		if (!(await storePendingSecret(db, userId, secret))) throw accountErrors.totpAlreadyOn();
	}
	return { secret, uri: otpauthUri(secret, state.username ?? String(userId)) };
}

/** Confirms the enrolment with the app's first code: TOTP is on from now, and audited. */
export async function confirmTotpEnrolment(
	db: Kysely<DB>,
	userId: number,
	code: string,
	options: { now?: Date; client?: ClientInfo } = {}
): Promise<void> {
	const now = options.now ?? new Date();
	const clean = normaliseCode(code);
	const state = await findTotpState(db, userId);
	if (!state || state.kind !== 'staff') throw accountErrors.staffOnly();
	if (state.enabledAt) throw accountErrors.totpAlreadyOn();
	if (!state.secret) throw accountErrors.totpNotStarted();
	const step = matchTotp(state.secret, clean, now.getTime());
	if (step === null || !(await useTotpStep(db, userId, step, now))) throw accountErrors.totpWrong();
	await recordAudit(db, { action: 'totp.enabled', actorUserId: userId, targetUserId: userId, client: options.client, at: now });
}

/** Whether the user signs in with an authenticator code. */
export async function isTotpEnabled(db: Kysely<DB>, userId: number): Promise<boolean> {
	return !!(await findTotpState(db, userId))?.enabledAt;
}

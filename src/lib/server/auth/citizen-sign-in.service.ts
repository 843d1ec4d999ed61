import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { validateNationalId } from '../../domain/national-id';
import { normaliseMobile } from '../../domain/mobile';
import { toLatinDigits } from '../../domain/text';
import type { MessageSender } from '../notify/sender';
import { signInErrors } from './errors';
import { hitRateLimit, type RateLimit } from './rate-limit.repository';
import { countAttempt, findLatestCode, insertCode, markCodeUsed } from './codes.repository';
import { findActiveUser, findCitizenByNationalId, insertCitizen } from './users.repository';
import { createSession, type ClientInfo, type SessionCookies } from './session.service';
import type { SessionUser } from './types';

export const CODE_TTL_MS = 3 * 60_000;
export const CODE_MAX_ATTEMPTS = 5;
const TEN_MINUTES = 10 * 60_000;
/** Codes sent to one national id or one mobile: an SMS bomb stops at 3 in 10 minutes. */
export const CODE_REQUESTS_PER_PERSON: RateLimit = { limit: 3, windowMs: TEN_MINUTES };
/** Generous per address: a municipality's service counter or an office shares one IP. */
export const CODE_REQUESTS_PER_IP: RateLimit = { limit: 10, windowMs: TEN_MINUTES };
export const SIGN_IN_ATTEMPTS_PER_PERSON: RateLimit = { limit: 10, windowMs: TEN_MINUTES };
export const SIGN_IN_ATTEMPTS_PER_IP: RateLimit = { limit: 30, windowMs: TEN_MINUTES };

export interface CodeRequest {
	nationalId: string;
	mobile: string;
}

interface Options {
	now?: Date;
	client?: ClientInfo;
}

/** Both fields checked and normalised (Persian digits, +98…), or the error that names the problem. */
function parseIdentity(input: CodeRequest): { nationalId: string; mobile: string } {
	const nationalId = validateNationalId(input.nationalId ?? '');
	if (!nationalId.ok) throw signInErrors.invalidNationalId(nationalId.message);
	const mobile = normaliseMobile(input.mobile ?? '');
	if (!mobile.ok) throw signInErrors.invalidMobile(mobile.message);
	return { nationalId: nationalId.value, mobile: mobile.value };
}

/**
 * The code is only ever compared, never shown again, so only its hash is kept. Six digits are
 * guessable offline from a hash; what protects them is the 5-attempt limit and the short life.
 */
function hashCode(nationalId: string, mobile: string, code: string): Buffer {
	return createHash('sha256').update(`sign_in:${nationalId}:${mobile}:${code}`).digest();
}

/**
 * Step 1 of a citizen's sign-in: checks the national id's check digit and the mobile number
 * (before anything is sent), applies the rate limits, stores a hashed 6-digit code that expires in
 * 3 minutes and sends it through `sender`. A national id already registered with another mobile
 * is refused: the code must go to the number the account knows.
 */
export async function requestSignInCode(
	db: Kysely<DB>,
	sender: MessageSender,
	input: CodeRequest,
	options: Options = {}
): Promise<{ nationalId: string; mobile: string; expiresAt: Date }> {
	const now = options.now ?? new Date();
	const { nationalId, mobile } = parseIdentity(input);
	if (options.client?.ip) await hitRateLimit(db, `code:ip:${options.client.ip}`, CODE_REQUESTS_PER_IP, now);
	await hitRateLimit(db, `code:nid:${nationalId}`, CODE_REQUESTS_PER_PERSON, now);
	await hitRateLimit(db, `code:mobile:${mobile}`, CODE_REQUESTS_PER_PERSON, now);

	const existing = await findCitizenByNationalId(db, nationalId);
	if (existing && existing.mobile !== mobile) throw signInErrors.mobileMismatch();

	const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
	const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
	await insertCode(db, {
		nationalId,
		mobile,
		codeHash: hashCode(nationalId, mobile, code).toString('hex'),
		createdAt: now,
		expiresAt
	});
	await sender.send(
		mobile,
		`پلاک — کد ورود شما: ${code}\nاین کد ${Math.round(CODE_TTL_MS / 60_000)} دقیقه اعتبار دارد؛ آن را به کسی ندهید.\nPelak sign-in code: ${code}`
	);
	return { nationalId, mobile, expiresAt };
}

/**
 * Step 2: checks the code (newest one only, single use, unexpired, at most 5 attempts), creates
 * the citizen's account at their first sign-in, and starts a session (sets the cookie).
 */
export async function verifySignInCode(
	db: Kysely<DB>,
	cookies: SessionCookies,
	input: CodeRequest & { code: string },
	options: Options = {}
): Promise<SessionUser> {
	const now = options.now ?? new Date();
	const { nationalId, mobile } = parseIdentity(input);
	if (options.client?.ip) await hitRateLimit(db, `signin:ip:${options.client.ip}`, SIGN_IN_ATTEMPTS_PER_IP, now);
	await hitRateLimit(db, `signin:nid:${nationalId}`, SIGN_IN_ATTEMPTS_PER_PERSON, now);

	const code = toLatinDigits(input.code ?? '').trim();
	if (!/^\d{6}$/.test(code)) throw signInErrors.codeMalformed();

	const issued = await findLatestCode(db, nationalId, mobile);
	if (!issued) throw signInErrors.codeNotRequested();
	if (issued.usedAt) throw signInErrors.codeUsed();
	if (issued.expiresAt.getTime() <= now.getTime()) throw signInErrors.codeExpired();
	const attempts = await countAttempt(db, issued.id, CODE_MAX_ATTEMPTS);
	if (attempts === null) throw signInErrors.codeAttemptsExhausted();

	const matches = timingSafeEqual(hashCode(nationalId, mobile, code), Buffer.from(issued.codeHash, 'hex'));
	if (!matches) {
		const left = CODE_MAX_ATTEMPTS - attempts;
		throw left > 0 ? signInErrors.codeWrong(left) : signInErrors.codeAttemptsExhausted();
	}
	if (!(await markCodeUsed(db, issued.id, now))) throw signInErrors.codeUsed();

	const existing = await findCitizenByNationalId(db, nationalId);
	if (existing && existing.mobile !== mobile) throw signInErrors.mobileMismatch();
	if (existing && !existing.active) throw signInErrors.accountInactive();
	const userId = existing?.id ?? (await insertCitizen(db, { nationalId, mobile, displayName: `شهروند ${nationalId}` }));

	const user = await findActiveUser(db, userId);
	if (!user) throw signInErrors.accountInactive();
	await createSession(db, cookies, user.id, options.client, now);
	return user;
}

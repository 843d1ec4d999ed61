import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { validateNationalId } from '../../domain/national-id';
import { normaliseMobile } from '../../domain/mobile';
import { toLatinDigits, toPersianDigits } from '../../domain/text';
import type { MessageSender } from '../notify/sender';
import { SignInError, signInErrors } from './errors';
import { hitRateLimit, type RateLimit } from './rate-limit.repository';
import { countAttempt, findLatestCode, insertCode, markCodeUsed } from './codes.repository';
import { bindCitizenMobile, findActiveUser, findCitizenByNationalId, insertCitizen } from './users.repository';
import { createSession, type ClientInfo, type SessionCookies } from './session.service';
import type { SessionUser } from './types';
import { openThrottleGate } from './sign-in-throttle';
import { recordAudit } from './audit.repository';
import { citizenDisplayName } from './display-name';
import { askRegistry, createIdentityRegistry, type IdentityRegistry } from '../registries';
import { createMessageSender } from '../notify/send-caps';
import { sendChangeNotice } from './change-notice';

export const CODE_TTL_MS = 3 * 60_000;
export const CODE_MAX_ATTEMPTS = 5;
const TEN_MINUTES = 10 * 60_000;
/** Codes sent to one national id or one mobile: an SMS bomb stops at 3 in 10 minutes. */
export const CODE_REQUESTS_PER_PERSON: RateLimit = { limit: 3, windowMs: TEN_MINUTES };
/** Generous per address: a municipality's service counter or an office shares one IP. */
export const CODE_REQUESTS_PER_IP: RateLimit = { limit: 10, windowMs: TEN_MINUTES };
/** The registry is asked again when its last yes is older than this (numbers change hands). */
export const MOBILE_REVERIFY_MS = 90 * 24 * 3600_000;

export interface CodeRequest {
	nationalId: string;
	mobile: string;
}

interface Options {
	now?: Date;
	client?: ClientInfo;
	/** Who answers whether the mobile belongs to the national id; default: createIdentityRegistry(). */
	registry?: IdentityRegistry;
	/** Where the notice of a moved account goes (step 2); default: createMessageSender(db). */
	sender?: MessageSender;
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
 * Whether the registry must be asked before a code goes out: always for a new account, for an
 * account never verified (made before the check, or by a representative for an owner) and for one
 * whose last verification is older than MOBILE_REVERIFY_MS.
 */
function needsRegistry(account: { mobileVerifiedAt: Date | null } | null, now: Date): boolean {
	return !account?.mobileVerifiedAt || now.getTime() - account.mobileVerifiedAt.getTime() > MOBILE_REVERIFY_MS;
}

/**
 * Step 1 of a citizen's sign-in: checks the national id's check digit and the mobile number
 * (before anything is sent), applies the rate limits, asks the operator registry (Shahkar) whether
 * the mobile belongs to the national id unless the account is already bound to this mobile by a
 * recent check, stores a hashed 6-digit code that expires in 3 minutes and sends it through
 * `sender`. A pair the registry does not match, or a registry that does not answer, is refused
 * with nothing stored or sent: nobody gets a code for someone else's national id.
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
	let registryMatchedAt: Date | null = null;
	// A new number the registry confirms is the owner's moves the account to it (changed numbers).
	if (existing?.mobile !== mobile || needsRegistry(existing, now)) {
		const answer = await askRegistry(options.registry ?? createIdentityRegistry(), nationalId, mobile);
		if (answer === 'unavailable') throw signInErrors.registryUnavailable();
		if (answer === 'not_matched') throw signInErrors.identityNotMatched();
		registryMatchedAt = now;
	}

	const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
	const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
	await insertCode(db, {
		nationalId,
		mobile,
		codeHash: hashCode(nationalId, mobile, code).toString('hex'),
		createdAt: now,
		expiresAt,
		registryMatchedAt
	});
	await sender.send(
		mobile,
		// the code in Latin digits, which phones offer to fill in; the rest in Persian
		`پلاک — کد ورود شما: ${code}\nاین کد ${toPersianDigits(Math.round(CODE_TTL_MS / 60_000))} دقیقه اعتبار دارد؛ آن را به کسی ندهید.\nPelak sign-in code: ${code}`
	);
	return { nationalId, mobile, expiresAt };
}

/** Checks the newest code for the pair: single use, unexpired, at most 5 attempts. Returns it, used. */
async function consumeCode(db: Kysely<DB>, nationalId: string, mobile: string, code: string, now: Date) {
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
	return issued;
}

/**
 * Step 2: checks the code, then makes the citizen's account at their first sign-in (only on a
 * code the registry's match was recorded for), moves an account to the mobile the registry
 * confirmed, and starts a session (sets the cookie). Wrong codes count towards the
 * national id's sign-in throttle; a right one is let through once its wait has passed.
 */
export async function verifySignInCode(
	db: Kysely<DB>,
	cookies: SessionCookies,
	input: CodeRequest & { code: string },
	options: Options = {}
): Promise<SessionUser> {
	const now = options.now ?? new Date();
	const { nationalId, mobile } = parseIdentity(input);
	const code = toLatinDigits(input.code ?? '').trim();
	if (!/^\d{6}$/.test(code)) throw signInErrors.codeMalformed();

	const gate = await openThrottleGate(db, { account: `signin:nid:${nationalId}`, address: options.client?.ip }, now);
	let issued;
	try {
		issued = await consumeCode(db, nationalId, mobile, code, now);
	} catch (err) {
		const wrong = err instanceof SignInError && (err.code === 'code_wrong' || err.code === 'code_attempts_exhausted');
		if (wrong) await gate.failed();
		await gate.release();
		if (wrong) await recordAudit(db, { action: 'sign_in.failed', details: { kind: 'citizen', nationalId }, client: options.client, at: now });
		throw err;
	}
	await gate.succeeded();

	let movedFrom: string | null = null;
	const userId = await db.transaction().execute(async (trx) => {
		const existing = await findCitizenByNationalId(trx, nationalId);
		if (existing && !existing.active) throw signInErrors.accountInactive();
		if ((!existing || existing.mobile !== mobile || needsRegistry(existing, now)) && !issued.registryMatchedAt) {
			throw existing && existing.mobile !== mobile ? signInErrors.mobileMismatch() : signInErrors.identityNotVerified();
		}
		const id = existing?.id ?? (await insertCitizen(trx, { nationalId, mobile, displayName: citizenDisplayName(mobile), mobileVerifiedAt: issued.registryMatchedAt }));
		if (existing && issued.registryMatchedAt) {
			await bindCitizenMobile(trx, id, mobile, issued.registryMatchedAt);
			if (existing.mobile !== mobile) {
				movedFrom = existing.mobile;
				await recordAudit(trx, { action: 'citizen.mobile_rebound', targetUserId: id, details: { by: 'registry', from: existing.mobile, to: mobile }, client: options.client, at: now });
			}
		}
		await recordAudit(trx, { action: 'sign_in.citizen', actorUserId: id, details: { created: !existing }, client: options.client, at: now });
		return id;
	});

	if (movedFrom) await sendChangeNotice(options.sender ?? createMessageSender(db), [movedFrom, mobile], 'mobile_changed');
	const user = await findActiveUser(db, userId);
	if (!user) throw signInErrors.accountInactive();
	await createSession(db, cookies, user, options.client, now);
	return user;
}

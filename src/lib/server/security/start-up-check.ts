import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { PelakConfig } from '../config';
import type { Bilingual } from '../errors';
import { findDemoAccounts } from './demo-accounts.repository';

/** One reason the server will not start, naming the setting (or data) and what to do. */
export interface StartupProblem extends Bilingual {
	code: string;
}

/** Thrown by the start-up check; its message lists every problem, Persian first. */
export class StartupRefusedError extends Error {
	constructor(readonly problems: StartupProblem[]) {
		super(formatRefusal(problems));
		this.name = 'StartupRefusedError';
	}
}

function formatRefusal(problems: StartupProblem[]): string {
	const lines = problems.flatMap((p, i) => [`${i + 1}. ${p.fa}`, `   ${p.en}`]);
	return [
		'پلاک راه‌اندازی نشد / Pelak refused to start:',
		...lines,
		'راهنما: README، بخش Production؛ برای آزمودن با دادهٔ نمونه: PELAK_MODE=demo',
		'See README, "Production"; to try Pelak with sample data instead: PELAK_MODE=demo'
	].join('\n');
}

function isLoopback(url: URL): boolean {
	return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) || url.hostname.endsWith('.localhost');
}

function parseUrl(raw: string | undefined): URL | null {
	try {
		return raw ? new URL(raw) : null;
	} catch {
		return null;
	}
}

type Check = (config: PelakConfig, env: NodeJS.ProcessEnv) => StartupProblem | null;

/** Behind a TLS proxy (an https ORIGIN) every request comes from the proxy unless the proxy's header is trusted. */
const proxyAddress: Check = (_config, env) => {
	const header = (env.ADDRESS_HEADER ?? '').trim().toLowerCase();
	if (header === 'x-forwarded-for' && env.XFF_DEPTH !== undefined && !/^[1-9]\d*$/.test(env.XFF_DEPTH)) {
		return {
			code: 'xff_depth_invalid',
			fa: `XFF_DEPTH باید عددی صحیح و مثبت باشد (تعداد پراکسی‌های جلوی پلاک)، نه «${env.XFF_DEPTH}».`,
			en: `XFF_DEPTH must be a positive whole number (the proxies in front of Pelak), not "${env.XFF_DEPTH}".`
		};
	}
	if (parseUrl(env.ORIGIN)?.protocol !== 'https:' || header) return null;
	return {
		code: 'address_header_missing',
		fa: 'ORIGIN با https است، پس پلاک پشت پراکسی است؛ بدون ADDRESS_HEADER نشانی همهٔ کاربران نشانی پراکسی دیده می‌شود و محدودیت تلاش ورود همه را با هم قفل می‌کند. ADDRESS_HEADER را بدهید (مثلاً x-forwarded-for با XFF_DEPTH=1).',
		en: 'ORIGIN is https, so Pelak runs behind a proxy; without ADDRESS_HEADER every visitor has the proxy\'s address and the sign-in limits lock everyone out together. Set ADDRESS_HEADER (e.g. x-forwarded-for with XFF_DEPTH=1).'
	};
};

const productionOrigin: Check = (config, env) => {
	if (config.mode !== 'production') return null;
	const origin = parseUrl(env.ORIGIN);
	if (origin?.protocol === 'https:' || (origin && isLoopback(origin))) return null;
	return {
		code: 'origin_not_https',
		fa: `در حالت production، ORIGIN باید نشانی عمومی https سامانه باشد (اکنون: «${env.ORIGIN ?? ''}»)؛ رمزها، کدها و نشست‌ها نباید بی‌رمزنگاری جابه‌جا شوند.`,
		en: `In production ORIGIN must be the public https URL (now: "${env.ORIGIN ?? ''}"): passwords, codes and sessions must not travel unencrypted.`
	};
};

const sampleCity: Check = (config) =>
	config.mode === 'production' && config.sampleParcels > 0
		? {
				code: 'sample_city_in_production',
				fa: `PELAK_SAMPLE_CITY=${config.sampleParcels}: شهر نمونه دادهٔ نمایشی است و در production بارگذاری نمی‌شود؛ آن را بردارید (یا 0) یا PELAK_MODE=demo بدهید.`,
				en: `PELAK_SAMPLE_CITY=${config.sampleParcels}: the sample city is demo data and is not loaded in production; unset it (or 0), or set PELAK_MODE=demo.`
			}
		: null;

/**
 * Sandbox stand-ins for outside services must not serve real people. The SMS outbox is the one
 * today; the registry and payment sandboxes add their check beside it when they come.
 */
const smsSender: Check = (config, env) => {
	if (config.mode !== 'production') return null;
	const gateway = parseUrl(env.PELAK_SMS_GATEWAY_URL);
	if (!env.PELAK_SMS_GATEWAY_URL) {
		return {
			code: 'sandbox_sms_in_production',
			fa: 'درگاه پیامک پیکربندی نشده و کدهای ورود به صندوق پیامک آزمایشی می‌روند که مدیران می‌بینند. PELAK_SMS_GATEWAY_URL (و PELAK_SMS_GATEWAY_KEY) را بدهید.',
			en: 'No SMS gateway: sign-in codes would go to the sandbox outbox that administrators read. Set PELAK_SMS_GATEWAY_URL (and PELAK_SMS_GATEWAY_KEY).'
		};
	}
	if (gateway?.protocol === 'https:' || (gateway && isLoopback(gateway))) return null;
	return {
		code: 'sms_gateway_not_https',
		fa: 'PELAK_SMS_GATEWAY_URL باید نشانی https باشد؛ کدهای ورود نباید بی‌رمزنگاری فرستاده شوند.',
		en: 'PELAK_SMS_GATEWAY_URL must be an https URL: sign-in codes must not be sent unencrypted.'
	};
};

/** The sandbox deeds registry (made-up owners) may decide who files a permit only in a demo. */
const deedsSandbox: Check = (config, env) =>
	config.mode === 'production' && env.PELAK_DEEDS_REGISTRY === 'sandbox' && !env.PELAK_DEEDS_REGISTRY_URL
		? {
				code: 'sandbox_deeds_registry_in_production',
				fa: 'PELAK_DEEDS_REGISTRY=sandbox: مالکان ثبت‌شده در دفتر آزمایشی ساختگی‌اند و در production پذیرفته نمی‌شوند. PELAK_DEEDS_REGISTRY_URL (و PELAK_DEEDS_REGISTRY_KEY) را بدهید.',
				en: 'PELAK_DEEDS_REGISTRY=sandbox: the sandbox deeds registry lists made-up owners and is not accepted in production. Set PELAK_DEEDS_REGISTRY_URL (and PELAK_DEEDS_REGISTRY_KEY).'
			}
		: null;

const CHECKS: Check[] = [proxyAddress, productionOrigin, sampleCity, smsSender, deedsSandbox];

/** What the environment alone says against starting (before the database is opened). */
export function configProblems(config: PelakConfig, env: NodeJS.ProcessEnv = process.env): StartupProblem[] {
	return CHECKS.map((check) => check(config, env)).filter((p): p is StartupProblem => p !== null);
}

/** In production, active demo accounts in the database (from an earlier demo run), named. */
export async function demoAccountProblems(db: Kysely<DB>, config: PelakConfig): Promise<StartupProblem[]> {
	if (config.mode !== 'production') return [];
	const found = await findDemoAccounts(db);
	if (found.length === 0) return [];
	const shown = found.slice(0, 30).join(', ');
	const more = found.length > 30 ? ` (+${found.length - 30})` : '';
	return [
		{
			code: 'demo_accounts_in_production',
			fa: `پایگاه داده حساب‌های نمایشی فعال دارد (با گذرواژه و شناسه‌های منتشرشده): ${shown}${more}. برای production از پایگاه دادهٔ تازه استفاده کنید یا این حساب‌ها را غیرفعال کنید (README، بخش Production).`,
			en: `The database has active demo accounts (with the published password and ids): ${shown}${more}. Use a fresh database for production, or deactivate these accounts (README, Production).`
		}
	];
}

/** Throws StartupRefusedError naming every problem, if there is any. */
function refuseIfAny(problems: StartupProblem[]): void {
	if (problems.length > 0) throw new StartupRefusedError(problems);
}

/**
 * Opens the database (`open`) only when the configuration is safe, then checks what the database
 * holds; on a refusal the database is closed again and StartupRefusedError thrown.
 */
export async function startChecked<T extends { db: Kysely<DB>; close(): Promise<void> }>(
	config: PelakConfig,
	open: () => Promise<T>,
	env: NodeJS.ProcessEnv = process.env
): Promise<T> {
	refuseIfAny(configProblems(config, env));
	const database = await open();
	const problems = await demoAccountProblems(database.db, config);
	if (problems.length > 0) {
		await database.close();
		throw new StartupRefusedError(problems);
	}
	return database;
}

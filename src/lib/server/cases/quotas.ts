import type { SessionUser } from '../auth/types';
import { tehranDate } from '../../domain/working-days';
import { toPersianDigits } from '../../domain/text';
import { formatMegabytes } from '../documents/media-type';
import { addDailyUsage } from './daily-usage.repository';
import type { Executor } from './cases.repository';
import { QuotaExceededError } from './trust-errors';

/**
 * Daily quotas per user (issue 7): how many requests one citizen or representative may file, and
 * how many bytes they may upload, per Tehran calendar day. Counted in `user_daily_usage` inside the
 * write's own transaction, so every server process shares the count and a refused write uses none.
 * Staff (an officer filing at the counter, an inspector's site photos, an agency's reply) are not
 * counted: the quotas stop one applicant account from flooding the offices.
 */
export interface DailyQuotas {
	filingsPerDay: number;
	uploadBytesPerDay: number;
}

const MB = 1024 * 1024;

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, got "${raw}"`);
	return value;
}

/** `PELAK_DAILY_FILINGS` (default 20) and `PELAK_DAILY_UPLOAD_MB` (default 300). */
export function quotasFromEnv(env: NodeJS.ProcessEnv = process.env): DailyQuotas {
	return {
		filingsPerDay: positiveInt(env, 'PELAK_DAILY_FILINGS', 20),
		uploadBytesPerDay: positiveInt(env, 'PELAK_DAILY_UPLOAD_MB', 300) * MB
	};
}

/** Whether the user's writes count against the quotas: applicants (citizens, representatives) with no staff role. */
export function countsAgainstQuota(user: SessionUser): boolean {
	return user.roles.length > 0 && user.roles.every((g) => g.role === 'citizen' || g.role === 'representative');
}

/**
 * Counts `filings` and `uploadBytes` for the user today and refuses, naming the quota, when either
 * goes over. Call inside the write's transaction: the refusal rolls the count back.
 * @throws QuotaExceededError `daily_filings_exceeded` or `daily_upload_bytes_exceeded` (429)
 */
export async function consumeDailyQuota(
	trx: Executor,
	user: SessionUser,
	use: { filings: number; uploadBytes: number },
	now: Date,
	quotas: DailyQuotas
): Promise<void> {
	if (!countsAgainstQuota(user) || (use.filings === 0 && use.uploadBytes === 0)) return;
	const total = await addDailyUsage(trx, user.id, tehranDate(now), use);
	if (use.filings > 0 && total.filings > quotas.filingsPerDay) {
		const n = quotas.filingsPerDay;
		throw new QuotaExceededError('daily_filings_exceeded', {
			fa: `سقف ثبت درخواست روزانه (${toPersianDigits(n)} درخواست برای هر کاربر در روز) پر شده است؛ چیزی ثبت نشد. فردا دوباره تلاش کنید.`,
			en: `The daily filing limit (${n} requests per user per day) is reached; nothing was filed. Please try again tomorrow.`
		});
	}
	if (use.uploadBytes > 0 && total.uploadBytes > quotas.uploadBytesPerDay) {
		const max = formatMegabytes(quotas.uploadBytesPerDay);
		const left = formatMegabytes(Math.max(0, quotas.uploadBytesPerDay - (total.uploadBytes - use.uploadBytes)));
		throw new QuotaExceededError('daily_upload_bytes_exceeded', {
			fa: `سقف بارگذاری روزانه (${max.fa} برای هر کاربر در روز) پر می‌شود؛ امروز ${left.fa} دیگر می‌توانید بارگذاری کنید. چیزی ذخیره نشد.`,
			en: `The daily upload limit (${max.en} per user per day) would be exceeded; you may upload ${left.en} more today. Nothing was saved.`
		});
	}
}

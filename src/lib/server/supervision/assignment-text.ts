import { systemLine } from '../workflows/automation';
import type { Bilingual } from '../../i18n/lang';

/**
 * The case timeline's lines for a supervising engineer's assignment. The rotation's is the
 * system's, kept in both languages (Persian line, English line) like every automatic step's; the
 * English keeps the engineer's name as registered.
 */
export function rotationAssignedText(engineerName: string, licenceNo: string): Bilingual {
	return {
		fa: `مهندس ناظر به نوبت تعیین شد: ${engineerName} (پروانه اشتغال ${licenceNo})`,
		en: `A supervising engineer was assigned in rotation: ${engineerName} (practice licence ${licenceNo})`
	};
}

const PERSIAN_ONLY_ROTATION = /^مهندس ناظر به نوبت تعیین شد: (.+) \(پروانه اشتغال ([^()]+)\)$/u;

/**
 * The stored text of a `supervisor_assigned` line as the timeline reads it: rows written before the
 * rotation's line was kept in both languages (Persian only; the log is append-only, so they stay
 * as written) are read into both; any other text is returned as it is.
 * @example timelineAssignmentText('مهندس ناظر به نوبت تعیین شد: علی رضایی (پروانه اشتغال ۱۲۳)')
 * // 'مهندس ناظر به نوبت تعیین شد: علی رضایی (پروانه اشتغال ۱۲۳)\nA supervising engineer was assigned in rotation: علی رضایی (practice licence ۱۲۳)'
 */
export function timelineAssignmentText(text: string): string {
	const older = PERSIAN_ONLY_ROTATION.exec(text);
	return older ? systemLine(rotationAssignedText(older[1], older[2])) : text;
}

/** An officer's replacement of the engineer, in English beside the Persian line the timeline keeps (the reason stays as they wrote it). */
export function reassignedTextEn(previousName: string, engineerName: string, reason: string): string {
	return `Supervising engineer changed from ${previousName} to ${engineerName}. Reason: ${reason}`;
}

import { citizenStatus, type CaseState, type RequestTypeDefinition } from '../workflows';
import { formatTrackingCode } from '../../domain/tracking-code';
import { formatJalali } from '../../domain/jalali';

/** The SMS texts the applicant gets (Persian: the outbox and the gateway speak Persian). */

/** The status sentence for an SMS: without the page's bidi isolates, which older phones draw as boxes. */
const smsStatus = (definition: RequestTypeDefinition, state: CaseState) => citizenStatus(definition, state).fa.replace(/[\u2066-\u2069]/g, '');

export function filedText(definition: RequestTypeDefinition, trackingCode: string, state: CaseState): string {
	return `پلاک | درخواست «${definition.name.fa}» ثبت شد. کد رهگیری: ${formatTrackingCode(trackingCode)}. ${smsStatus(definition, state)}`;
}

export function movedText(definition: RequestTypeDefinition, trackingCode: string, state: CaseState): string {
	const due = state.dueOn ? ` — مهلت: ${formatJalali(state.dueOn)}` : '';
	return `پلاک | ${definition.name.fa}، کد رهگیری ${formatTrackingCode(trackingCode)}: ${smsStatus(definition, state)}${due}`;
}

export function newMessageText(definition: RequestTypeDefinition, trackingCode: string): string {
	return `پلاک | پیام تازه در پرونده ${formatTrackingCode(trackingCode)} (${definition.name.fa}).`;
}

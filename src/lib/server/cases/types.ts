import type { WorkingCalendar } from '../../domain/working-days';
import type { MessageSender } from '../notify';
import type { AnyUploadInput, FileStore } from '../documents';
import type { DeedsRegistry, IdentityRegistry } from '../registries';
import type { DailyQuotas } from './quotas';

/** The views the services return are the client-safe case contract. */
export * from '../../api/case';

/** What every case service may be given; the defaults are the server's own. */
export interface CaseContext {
	now?: Date;
	calendar?: WorkingCalendar;
	files?: FileStore;
	/** Notifications to the applicant; null sends none. Default: `createMessageSender(db)`. */
	sender?: MessageSender | null;
	/** Where the request came from, for the audit log. */
	ip?: string | null;
	/** Who owns a plate. Default: `createDeedsRegistry()` (the sandbox in demo mode). */
	deeds?: DeedsRegistry;
	/** Whose mobile a number is, before an owner's account is made for them. Default: `createIdentityRegistry()`. */
	identity?: IdentityRegistry;
	/** Daily filing and upload quotas. Default: `quotasFromEnv()`. */
	quotas?: DailyQuotas;
}

export interface FileRequestInput {
	parcelId: number;
	requestType: string;
	/** A technical representative (or an officer at the counter) filing for the owner. */
	onBehalfOf?: { nationalId: string; mobile?: string; displayName?: string };
	/** `natural_person` (the default) or `legal_person`; anything else is refused. */
	applicantType?: string;
	/** In memory, or streamed to disk by the page (`readStreamedForm`). */
	documents?: AnyUploadInput[];
	note?: string;
	/** The client's key for this filing (see ./idempotency.ts): a retry with it answers the first case. */
	idempotencyKey?: string;
}


import { BadInputError, type Bilingual } from '../../src/lib/server/errors';

/**
 * A file the importer refuses as a whole (missing, unreadable, wrong CRS...). Thrown before or
 * inside the import transaction, so nothing is written. The message says what to do, in both languages.
 */
export class ImportError extends BadInputError {
	constructor(code: string, messages: Bilingual, options?: { cause?: unknown }) {
		super(code, messages, options);
	}
}

/** The first line of an underlying error, for messages that quote it. */
export function reasonOf(err: unknown): string {
	return String(err instanceof Error ? err.message : err).split('\n')[0];
}

import type { Parsed } from '../../schemas/parcel-query';
import { BadInputError } from '../errors';

/**
 * The value of a parsed input, or a BadInputError (400) carrying the parser's code and messages,
 * so a route can validate in one line and let jsonError answer.
 */
export function expectValid<T>(parsed: Parsed<T>): T {
	if (!parsed.ok) throw new BadInputError(parsed.issue.code, parsed.issue.messages);
	return parsed.value;
}

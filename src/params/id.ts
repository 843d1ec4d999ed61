import type { ParamMatcher } from '@sveltejs/kit';
import { positiveInt } from '$lib/schemas/id';

/**
 * `[id=id]`: a row id (a positive whole number). Anything else is refused by the router with a 404
 * before any load runs or any query is made. The JSON API checks its ids itself instead, so a bad
 * one gets a 400 that names it.
 */
export const match: ParamMatcher = (param) => positiveInt(param) !== null;

import type { Kysely } from 'kysely';
import type { DB } from '$lib/server/db/schema';
import type { Backend } from '$lib/server/db/database';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** Machine-readable, e.g. 'parcel_not_found', 'invalid_coordinates'. */
			code: string;
		}
		interface Locals {
			db: Kysely<DB>;
			backend: Backend;
			/** UI language, from the `lang` cookie; Persian by default. */
			lang: 'fa' | 'en';
		}
	}
}

export {};

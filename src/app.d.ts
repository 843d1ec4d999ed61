import type { Kysely } from 'kysely';
import type { DB } from '$lib/server/db/schema';
import type { Backend } from '$lib/server/db/database';
import type { SessionUser } from '$lib/server/auth';
import type { Lang } from '$lib/i18n';
import type { TileService } from '$lib/server/tiles/tile.service';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** Machine-readable, e.g. 'parcel_not_found', 'invalid_coordinates'. */
			code: string;
		}
		interface Locals {
			/** The primary: writes, and reads that must see the latest state. */
			db: Kysely<DB>;
			/**
			 * Reads that may come from the read replica (DATABASE_REPLICA_URL): the replica, or the
			 * primary while this client's own last write has not reached it yet. The primary without one.
			 */
			readDb: Kysely<DB>;
			backend: Backend;
			/** UI language, from the `lang` cookie; Persian by default. */
			lang: Lang;
			/** The signed-in user with roles, or null for an anonymous visitor. */
			user: SessionUser | null;
			/** This instance's vector tiles (cached, kept in step with the database). */
			tiles: TileService;
			/** Set by handleError when PostgreSQL was out of reach: the answer becomes 503 (send again). */
			databaseUnavailable?: boolean;
		}
	}
}

export {};

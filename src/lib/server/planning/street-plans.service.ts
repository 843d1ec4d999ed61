/**
 * Street plans: a planner drafts a new planned width (or draws a widening line), sees what it
 * would do, and adopts it; every version is kept with who, when and why. Adopting rebuilds the
 * street's corridor, its widening lines and its parcels' conflicts in one transaction, so the
 * parcel panel's setback and capacity follow at once.
 */
import { sql, type Kysely } from 'kysely';
import type { PlanImpact, StreetPlanVersion, StreetRef } from '../../api/planning';
import { toPersianDigits } from '../../domain/text';
import type { DraftInput } from '../../schemas/planning-query';
import type { SessionUser } from '../auth';
import type { DB } from '../db/schema';
import { DomainError, ForbiddenError, NotFoundError } from '../errors';
import { storageGeom, storageSrid } from '../spatial';
import { rebuildWideningCorridors, redrawWideningLines } from '../streets/widening.repository';
import { acquisitionCost } from './acquisition-cost.repository';
import { withoutJit } from './without-jit';
import {
	adoptDraft,
	findPlan,
	findStreet,
	impactQuery,
	insertDraft,
	lineRunsAlongStreet,
	listPlans,
	lockStreet,
	type PlanRow,
	type StreetRow
} from './street-plans.repository';

/** Who may review conflicts and change street plans. */
export const PLANNING_ROLES = ['planner', 'admin'] as const;

export function mayPlan(user: SessionUser | null | undefined): boolean {
	return !!user?.roles.some((r) => (PLANNING_ROLES as readonly string[]).includes(r.role));
}

/** The planners' API refuses the signed-out (401) and everyone but planners and admins (403). */
export function requirePlannerForApi(user: SessionUser | null | undefined): SessionUser {
	if (!user) throw new DomainError(401, 'sign_in_required', { fa: 'ابتدا وارد سامانه شوید.', en: 'Sign in first.' });
	if (!mayPlan(user)) {
		throw new ForbiddenError('forbidden', { fa: 'شما اجازهٔ دسترسی به این بخش را ندارید.', en: 'You are not allowed to use this page.' });
	}
	return user;
}

function assertPlanner(user: SessionUser) {
	if (!mayPlan(user)) {
		throw new ForbiddenError('not_a_planner', {
			fa: 'فقط کارشناس شهرسازی یا مدیر سامانه طرح خیابان‌ها را تغییر می‌دهد.',
			en: 'Only a planner or an administrator changes street plans.'
		});
	}
}

const streetNotFound = (id: number) =>
	new NotFoundError('street_not_found', { fa: toPersianDigits(`خیابانی با شناسهٔ ${id} نیست.`), en: `No street has id ${id}.` });
const planNotFound = (id: number) =>
	new NotFoundError('street_plan_not_found', { fa: toPersianDigits(`نسخهٔ طرحی با شناسهٔ ${id} نیست.`), en: `No street plan version has id ${id}.` });

function toStreetRef(s: StreetRow): StreetRef {
	const { revised, ...rest } = s;
	return { ...rest, status: revised ? 'revised' : 'planned' };
}

function toVersion(p: PlanRow): StreetPlanVersion {
	const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
	return {
		...p,
		widening_line: p.widening_line ? (p.widening_line.coordinates as [number, number][]) : null,
		created_at: new Date(p.created_at).toISOString(),
		adopted_at: iso(p.adopted_at),
		superseded_at: iso(p.superseded_at)
	};
}

/** A street with every version of its plan, newest first. @throws NotFoundError for an unknown street. */
export async function streetPlans(db: Kysely<DB>, streetId: number): Promise<{ street: StreetRef; versions: StreetPlanVersion[] }> {
	const street = await findStreet(db, streetId);
	if (!street) throw streetNotFound(streetId);
	return { street: toStreetRef(street), versions: (await listPlans(db, streetId)).map(toVersion) };
}

/**
 * Saves a draft: a new planned width for a street, optionally drawn as a widening line (one edge
 * of the planned street), with the reason. Changes nothing else until adopted.
 * @throws BadInputError (400) when the drawn line does not run along the street.
 */
export async function draftStreetPlan(db: Kysely<DB>, user: SessionUser, input: DraftInput): Promise<number> {
	assertPlanner(user);
	const street = await findStreet(db, input.streetId);
	if (!street) throw streetNotFound(input.streetId);
	const srid = await storageSrid(db);
	const line = input.line ? JSON.stringify({ type: 'LineString', coordinates: input.line }) : null;
	if (line && !(await lineRunsAlongStreet(db, input.streetId, line, input.plannedWidthM, srid))) {
		throw new DomainError(400, 'widening_line_off_street', {
			fa: toPersianDigits(`خط اصلاحی رسم‌شده باید در کنار همین خیابان، در فاصلهٔ حداکثر ${input.plannedWidthM} متر (عرض طرح) از محور آن باشد.`),
			en: `The drawn widening line must run along this street, within the planned width (${input.plannedWidthM} m) of its centre line.`
		});
	}
	return insertDraft(db, { streetId: input.streetId, plannedWidthM: input.plannedWidthM, line, reason: input.reason, userId: user.id }, srid);
}

/** What a version would do against the street's corridor in force. @throws NotFoundError for an unknown version or street. */
export async function planImpact(db: Kysely<DB>, planId: number): Promise<PlanImpact> {
	const plan = await findPlan(db, planId);
	if (!plan) throw planNotFound(planId);
	if (plan.street_id === null) throw streetNotFound(0);
	const street = await findStreet(db, plan.street_id);
	if (!street) throw streetNotFound(plan.street_id);
	const [before, after] = await Promise.all([
		acquisitionCost(db, storageGeom('x.before_piece'), sql`x.before_m2`),
		acquisitionCost(db, storageGeom('x.after_piece'), sql`x.after_m2`)
	]);
	const none = sql<null>`null::float8`;
	const query = impactQuery(planId, { before: before ?? none, after: after ?? none });
	const { rows } = await withoutJit(db, (q) => query.execute(q));
	const row = rows[0];
	return {
		plan_id: planId,
		street: toStreetRef(street),
		before: row.before,
		after: row.after,
		parcels: row.parcels ?? [],
		features: { type: 'FeatureCollection', features: row.features ?? [] }
	};
}

/**
 * Adopts a draft as its street's plan, in one transaction: the version in force is superseded,
 * the street takes the draft's width, and its corridor, widening lines and parcels' conflicts are
 * rebuilt. @throws DomainError 409 when the version is not a draft (already adopted or superseded).
 */
export async function adoptStreetPlan(db: Kysely<DB>, user: SessionUser, planId: number): Promise<StreetPlanVersion> {
	assertPlanner(user);
	return db.transaction().execute(async (trx) => {
		const plan = await findPlan(trx, planId, true);
		if (!plan) throw planNotFound(planId);
		if (plan.status !== 'draft' || plan.street_id === null) {
			throw new DomainError(409, 'street_plan_not_draft', {
				fa: toPersianDigits(`نسخهٔ ${planId} پیش‌نویس نیست (${plan.status === 'adopted' ? 'پیش‌تر تصویب شده' : 'جایگزین شده'})؛ فقط پیش‌نویس تصویب می‌شود.`),
				en: `Version ${planId} is not a draft (${plan.status}); only a draft can be adopted.`
			});
		}
		await lockStreet(trx, plan.street_id);
		await adoptDraft(trx, planId, plan.street_id, user.id);
		await rebuildWideningCorridors(trx, [plan.street_id]);
		await redrawWideningLines(trx, plan.street_id);
		return toVersion((await findPlan(trx, planId))!);
	});
}

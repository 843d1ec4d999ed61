import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/types';
import type { Bilingual } from '../errors';
import { preparedBook, type TariffVariable } from '../../domain/fees';
import type { InputValue } from '../../domain/formula';
import { toLatinDigits } from '../../domain/text';
import { assessmentSide } from './access';
import { assessForParcel, jalaliYearAt, type StoredAssessment } from './assessment.service';
import { bookInForce } from './book.service';
import { FeeError } from './errors';
import { feeKindOf, requestTypeById } from '../workflows';

/**
 * The staff's assessment form: for a case (or a parcel), the request kinds the book in force
 * charges and the inputs each reads, then the typed-in text read as those inputs. Only staff who
 * may see the case (or work the parcel's district) assess; others get the same 404 as for no case.
 */
export interface AssessmentTarget {
	case_id: number | null;
	parcel_id: number;
}

export interface AssessmentFormSpec {
	target: AssessmentTarget;
	book: { id: number; title: Bilingual; jalaliYear: number; sample: boolean };
	kinds: { kind: string; variables: TariffVariable[] }[];
	/** The kind the case's fee step assesses (a transfer's renovation charge…), when the book charges it: the form's first choice. */
	caseKind: string | null;
}

/** The fee kind of a case's request type: its automated fee step's, or a permit's for the permit family (demolition too). */
async function caseFeeKind(db: Kysely<DB>, caseId: number | null): Promise<string | null> {
	if (caseId === null) return null;
	const row = await db.selectFrom('cases').select('request_type').where('id', '=', caseId).executeTakeFirst();
	const definition = row?.request_type ? requestTypeById(row.request_type) : undefined;
	if (!definition) return null;
	return feeKindOf(definition) ?? (['building_permit', 'demolition'].includes(definition.family) ? 'building_permit' : null);
}

async function staffTarget(db: Kysely<DB>, user: SessionUser, target: { caseId?: number; parcelId?: number }): Promise<AssessmentTarget> {
	let resolved: AssessmentTarget | undefined;
	if (target.caseId !== undefined) {
		const kase = await db.selectFrom('cases').select('parcel_id').where('id', '=', target.caseId).executeTakeFirst();
		resolved = kase && { case_id: target.caseId, parcel_id: kase.parcel_id };
	} else if (target.parcelId !== undefined) {
		resolved = { case_id: null, parcel_id: target.parcelId };
	}
	if (!resolved) throw new FeeError('case_not_found');
	const side = await assessmentSide(db, user, resolved).catch((err) => {
		throw err instanceof FeeError ? new FeeError(resolved.case_id === null ? 'parcel_not_found' : 'case_not_found', { cause: err }) : err;
	});
	if (side !== 'staff') throw new FeeError('case_not_found');
	return resolved;
}

export async function assessmentFormFor(
	db: Kysely<DB>,
	user: SessionUser,
	target: { caseId?: number; parcelId?: number },
	{ now = new Date() } = {}
): Promise<AssessmentFormSpec> {
	const resolved = await staffTarget(db, user, target);
	const inForce = await bookInForce(db, jalaliYearAt(now));
	const prepared = preparedBook(inForce.book);
	const kinds = [...new Set(inForce.book.items.filter((i) => !i.annulled).flatMap((i) => i.applies_to))];
	const caseKind = await caseFeeKind(db, resolved.case_id);
	return {
		caseKind: caseKind !== null && kinds.includes(caseKind) ? caseKind : null,
		target: resolved,
		book: { id: inForce.id, title: inForce.book.title, jalaliYear: inForce.jalali_year, sample: inForce.is_sample },
		kinds: kinds.map((kind) => {
			const read = new Set(
				prepared.items
					.filter((e) => e.item.applies_to.includes(kind) && !e.item.annulled)
					.flatMap((e) => [e.formula, e.condition, ...e.discounts.map((d) => d.condition)].flatMap((f) => f?.variables ?? []))
			);
			return { kind, variables: inForce.book.variables.filter((v) => read.has(v.name)) };
		})
	};
}

/** Text typed into the form as the book's inputs: numbers (Persian digits and separators too), true/false, text; empty is not given. */
export function readFormInputs(variables: readonly TariffVariable[], form: Record<string, string | undefined>): Record<string, InputValue> {
	const inputs: Record<string, InputValue> = {};
	for (const v of variables) {
		const raw = toLatinDigits(form[v.name] ?? '').trim();
		if (v.type === 'boolean') {
			if (raw !== '') inputs[v.name] = raw === 'true' || raw === 'on';
		} else if (raw !== '') {
			const number = Number(raw.replace(/[٬,\s]/g, '').replace('٫', '.'));
			inputs[v.name] = v.type === 'number' && Number.isFinite(number) ? number : raw;
		}
	}
	return inputs;
}

export async function assessAsStaff(
	db: Kysely<DB>,
	user: SessionUser,
	target: { caseId?: number; parcelId?: number },
	requestKind: string,
	form: Record<string, string | undefined>,
	{ now = new Date() } = {}
): Promise<StoredAssessment> {
	const spec = await assessmentFormFor(db, user, target, { now });
	const kind = spec.kinds.find((k) => k.kind === requestKind);
	if (!kind) throw new FeeError('assessment_inputs_invalid', { detail: { fa: `نوع درخواست «${requestKind}» در کتاب تعرفه نیست.`, en: `The book charges nothing on "${requestKind}".` } });
	return assessForParcel(db, { ...spec.target, request_kind: requestKind, inputs: readFormInputs(kind.variables, form), issued_by: user.id, now });
}

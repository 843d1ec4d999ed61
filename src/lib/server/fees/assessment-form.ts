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
import { notifyBill } from './case-billing';
import type { MessageSender } from '../notify';
import { findParcelFeeFacts } from '../permits/permit.repository';
import { chargedUseOf } from '../permits/parcel-fee-inputs';
import { densityClass } from '../permits/fee-inputs';
import { zoningRulesOf } from '../permits/stages.service';
import { feeKindOf, requestTypeById, type RequestTypeDefinition } from '../workflows';
import type { CaseWorkflowStatus } from '../db/schema';

/**
 * The staff's assessment form: for a case (or a parcel), the request kinds the book in force
 * charges and the inputs each reads, then the typed-in text read as those inputs. Only staff who
 * may see the case (or work the parcel's district) assess; others get the same 404 as for no case.
 */
export interface AssessmentTarget {
	case_id: number | null;
	parcel_id: number;
}

export interface AssessmentAbout {
	trackingCode: string | null;
	/** Where the case is (its step's name), for the heading; null without a case or a known workflow. */
	step: Bilingual | null;
	registrationPlate: string | null;
	address: string | null;
	districtName: string | null;
	areaM2: number | null;
}

export interface AssessmentFormSpec {
	target: AssessmentTarget;
	book: { id: number; title: Bilingual; jalaliYear: number; sample: boolean };
	kinds: { kind: string; variables: TariffVariable[] }[];
	/** Why no bill may be issued for the case now (the step it is at), or null: the form says so before it is filled in. */
	refusal: Bilingual | null;
	/** The case's tracking code and the parcel's key facts, for the form's heading. */
	about: AssessmentAbout;
	/** Inputs the parcel and the rule book know (net land area, base density, use…), as the form's starting values. */
	prefill: Record<string, string>;
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

/**
 * Whether staff may issue a fee bill for a case standing where it stands. A request type whose
 * workflow has a fee step (محاسبه عوارض) or a payment step bills only while the case is at one of
 * them (the payment step: a re-assessment that replaces the unpaid bill): a bill issued earlier
 * would be paid before the zoning statement, drawings and proposal it is assessed from (the
 * two-stage permit: دستور نقشه → نقشه‌ها → عوارض → پروانه). A request type with neither takes no
 * payment through its case at all; a bill without a case is issued on the parcel (?parcel=).
 * A case of no known request type, or at a step its type does not define (legacy, hand-made), is
 * not held to the workflow. A closed case is never billed.
 */
export function billingRefusal(
	definition: RequestTypeDefinition | undefined,
	record: { current_step: string | null; workflow_status: CaseWorkflowStatus | null }
): Bilingual | null {
	if (!definition) return null;
	if (record.workflow_status !== 'in_progress') {
		return { fa: 'پرونده بسته است.', en: 'The case is closed.' };
	}
	const feeSteps = definition.steps.filter((s) => s.automation?.kind === 'fee_assessment' || s.automation?.kind === 'payment');
	if (feeSteps.length === 0) {
		return {
			fa: `گردش کار «${definition.name.fa}» مرحلهٔ محاسبه یا پرداخت عوارض ندارد؛ فیشی که به پرونده ربطی ندارد روی پلاک صادر می‌شود.`,
			en: `The workflow of "${definition.name.en}" has no fee or payment step; a bill unrelated to a case is issued on the parcel.`
		};
	}
	const at = definition.steps.find((s) => s.id === record.current_step);
	if (!at || feeSteps.includes(at)) return null;
	const here = at.name;
	const allowed = { fa: feeSteps.map((s) => `«${s.name.fa}»`).join(' یا '), en: feeSteps.map((s) => `"${s.name.en}"`).join(' or ') };
	return {
		fa: `پرونده در مرحلهٔ «${here.fa}» است؛ فیش عوارض فقط در مرحلهٔ ${allowed.fa} صادر می‌شود.`,
		en: `The case is at the step "${here.en}"; a fee bill is issued only at the step ${allowed.en}.`
	};
}

type CaseAt = { tracking_code: string; request_type: string | null; current_step: string | null; workflow_status: CaseWorkflowStatus | null };

async function aboutTarget(db: Kysely<DB>, target: AssessmentTarget, kase: CaseAt | undefined): Promise<AssessmentAbout> {
	const parcel = await db
		.selectFrom('parcels as p')
		.leftJoin('districts as d', 'd.id', 'p.district_id')
		.select(['p.registration_plate', 'p.address', 'p.area_m2', 'd.name_fa as district_name'])
		.where('p.id', '=', target.parcel_id)
		.executeTakeFirst();
	const definition = kase?.request_type ? requestTypeById(kase.request_type) : undefined;
	return {
		trackingCode: kase?.tracking_code ?? null,
		step: definition?.steps.find((s) => s.id === kase?.current_step)?.name ?? null,
		registrationPlate: parcel?.registration_plate ?? null,
		address: parcel?.address ?? null,
		districtName: parcel?.district_name ?? null,
		areaM2: parcel ? Math.round(Number(parcel.area_m2) * 100) / 100 : null
	};
}

/**
 * The inputs the parcel and the rule book in force know, as the form's starting values (the
 * officer may change them): the charged use of the parcel's zone, its land area and its net area
 * after the widening line, the zone's base density and its density class.
 */
async function knownInputs(db: Kysely<DB>, parcelId: number, now: Date): Promise<Record<string, string>> {
	const known: Record<string, string> = {};
	const parcel = await findParcelFeeFacts(db, parcelId);
	if (parcel) {
		Object.assign(known, { use: chargedUseOf(parcel.land_use), land_area: String(Math.round(parcel.area_m2 * 100) / 100) });
	}
	const found = await zoningRulesOf(db, parcelId, now);
	if (found.ok) {
		known.net_land_area = String(Math.round((found.facts.gross_area_m2 - found.facts.setback_area_m2) * 100) / 100);
		const density = found.rules.zone.density_pct;
		if (typeof density === 'number') Object.assign(known, { base_density_pct: String(density), density_class: densityClass(density) });
	}
	return known;
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
	// the case, read once: where it stands (may it be billed now?) and what the form's heading says of it
	const kase =
		resolved.case_id === null
			? undefined
			: await db.selectFrom('cases').select(['tracking_code', 'request_type', 'current_step', 'workflow_status']).where('id', '=', resolved.case_id).executeTakeFirstOrThrow();
	const refusal = kase ? billingRefusal(kase.request_type ? requestTypeById(kase.request_type) : undefined, kase) : null;
	return {
		refusal,
		about: await aboutTarget(db, resolved, kase),
		prefill: refusal ? {} : await knownInputs(db, resolved.parcel_id, now),
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
	{ now = new Date(), sender }: { now?: Date; sender?: MessageSender | null } = {}
): Promise<StoredAssessment> {
	const spec = await assessmentFormFor(db, user, target, { now });
	if (spec.refusal) throw new FeeError('case_not_at_fee_step', { detail: spec.refusal });
	const kind = spec.kinds.find((k) => k.kind === requestKind);
	if (!kind) throw new FeeError('assessment_inputs_invalid', { detail: { fa: `نوع درخواست «${requestKind}» در کتاب تعرفه نیست.`, en: `The book charges nothing on "${requestKind}".` } });
	const role = user.roles.find((r) => r.role === 'district_officer')?.role ?? user.roles[0]?.role ?? 'staff';
	const stored = await assessForParcel(db, { ...spec.target, request_kind: requestKind, inputs: readFormInputs(kind.variables, form), issued_by: user.id, issued_by_role: role, now });
	// the applicant learns of the bill by SMS (the case page shows it with a pay button)
	if (stored.bill && spec.target.case_id !== null) await notifyBill(db, stored.id, 'fee_billed', sender);
	return stored;
}

/**
 * What the case page shows of a two-stage permit (src/lib/server/permits/panel.service.ts).
 * Client-safe: types only.
 */
import type { Bilingual } from '../i18n/lang';
import type { RuleResult } from '../domain/rules';

export type IssuedKindName = 'zoning_statement' | 'building_permit' | 'receipt' | 'certificate' | 'excavation_permit';
export type IssuedStatusName = 'valid' | 'suspended' | 'revoked' | 'superseded';
export type PermitRequirementCode = 'zoning_statement' | 'drawings' | 'proposal' | 'proposal_accepted' | 'fees_assessed' | 'fees_paid';

export interface CaseAssessmentLink {
	id: number;
	requestKind: string;
	status: string;
	totalRial: number;
	issuedAt: string;
	billId: string | null;
	paymentId: string | null;
}

export interface IssuedLink {
	id: number;
	kind: IssuedKindName;
	number: string;
	status: IssuedStatusName;
	statusReason: string | null;
	issuedOn: string;
	pdfUrl: string;
	verifyUrl: string;
}

/** The stored proposal's building in figures, as the permit will state it; null when its body no longer parses. */
export interface ProposalBuilding {
	/** Storeys above ground, as the permit counts them (a pilotis ground floor is not one). */
	storeys: number;
	pilotis: boolean;
	/** Every floor's area, as the permit's «زیربنای کل». */
	floor_area_m2: number;
	units: number;
	units_m2: number;
	height_m: number;
	parking_spaces: number;
}

export interface PermitPanel {
	/** The request type works the two-stage permit. */
	twoStage: boolean;
	proposal: {
		id: number;
		ok: boolean;
		submittedAt: string;
		summary: Record<string, number>;
		attention: Pick<RuleResult, 'rule' | 'verdict' | 'explanation'>[];
		ruleBook: string | null;
		building: ProposalBuilding | null;
	} | null;
	override: { reason: string; at: string } | null;
	requirements: { code: PermitRequirementCode; met: boolean; label: Bilingual }[];
	mayPropose: boolean;
	mayOverride: boolean;
	/** Staff who may suspend, reinstate or revoke the case's issued documents. */
	mayChangeStatus: boolean;
	issued: IssuedLink[];
	fees: { side: 'payer' | 'staff'; assessments: CaseAssessmentLink[] } | null;
	receipts: { id: number; amountRial: number; verifiedAt: string; assessmentId: number }[];
}


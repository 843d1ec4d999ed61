import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth';
import { fileRequest, requestOptions } from '$lib/server/cases';
import { documentKindName } from '$lib/server/documents';
import { getParcelDetail } from '$lib/server/parcels/parcel.service';
import type { Lang } from '$lib/i18n';
import { clientIp, loadFailed, positiveInt, refused, text, uploadsByKind } from '../../cases/form.server';

const FILERS = ['citizen', 'representative', 'district_officer'] as const;

function parcelIdOf(url: URL, lang: Lang): number {
	const id = positiveInt(url.searchParams.get('parcel'));
	if (id === null) error(404, { code: 'parcel_not_found', message: lang === 'fa' ? 'پلاک مشخص نیست.' : 'No parcel given.' });
	return id;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, FILERS, url);
	const parcelId = parcelIdOf(url, locals.lang);
	try {
		const [parcel, options] = await Promise.all([getParcelDetail(locals.db, parcelId), requestOptions(locals.db, parcelId)]);
		return {
			parcel: {
				id: parcel.id,
				renovationCode: parcel.renovation_code,
				address: parcel.address,
				areaM2: parcel.area_m2,
				district: parcel.district,
				registrationPlate: parcel.registration_plate
			},
			asRepresentative: user.roles.some((g) => g.role === 'representative'),
			atCounter: !user.roles.some((g) => g.role === 'citizen' || g.role === 'representative'),
			requestTypes: options.map(({ definition, eligible, reasons }) => ({
				id: definition.id,
				name: definition.name,
				eligible,
				reasons,
				documents: definition.requiredDocuments.map((d) => ({
					kind: d.kind,
					name: documentKindName(d.kind),
					required: d.required,
					applicantTypes: d.applicantTypes ?? null,
					viaRepresentativeOnly: d.viaRepresentativeOnly ?? false,
					note: d.note ?? null
				}))
			}))
		};
	} catch (err) {
		loadFailed(err, locals.lang);
	}
};

export const actions: Actions = {
	default: async (event) => {
		const { locals, url, request } = event;
		const user = requireUser(locals, FILERS, url);
		const parcelId = parcelIdOf(url, locals.lang);
		const form = await request.formData();
		const requestType = text(form, 'requestType', 100);
		const ownerNationalId = text(form, 'ownerNationalId', 20);
		const applicantType = text(form, 'applicantType', 20) || 'natural_person';
		const echo = { requestType, ownerNationalId, applicantType };
		try {
			const filed = await fileRequest(
				locals.db,
				user,
				{
					parcelId,
					requestType,
					applicantType: applicantType as 'natural_person' | 'legal_person',
					onBehalfOf: ownerNationalId
						? { nationalId: ownerNationalId, mobile: text(form, 'ownerMobile', 20) || undefined, displayName: text(form, 'ownerName', 120) || undefined }
						: undefined,
					documents: await uploadsByKind(form),
					note: text(form, 'note') || undefined
				},
				{ ip: clientIp(event) }
			);
			return { filed: { id: filed.id, trackingCode: filed.trackingCode, step: filed.step.name, dueOn: filed.dueOn } };
		} catch (err) {
			return refused(err, locals.lang, echo);
		}
	}
};

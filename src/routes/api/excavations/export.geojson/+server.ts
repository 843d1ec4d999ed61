import type { RequestHandler } from './$types';
import { assertMayExportWorks, exportWorks } from '$lib/server/excavation';
import { jsonError } from '$lib/server/errors';

/**
 * GET /api/excavations/export.geojson: every work but drafts, for staff and the utilities (401/403
 * otherwise), streamed page by page so 100,000 works never sit in memory. No personal data.
 */
export const GET: RequestHandler = async ({ locals }) => {
	try {
		assertMayExportWorks(locals.user);
	} catch (err) {
		return jsonError(err, locals.lang);
	}
	const encoder = new TextEncoder();
	const features = exportWorks(locals.db);
	let first = true;
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			controller.enqueue(encoder.encode('{"type":"FeatureCollection","name":"excavation_works","features":[\n'));
		},
		async pull(controller) {
			try {
				const next = await features.next();
				if (next.done) {
					controller.enqueue(encoder.encode('\n]}\n'));
					controller.close();
					return;
				}
				controller.enqueue(encoder.encode(`${first ? '' : ',\n'}${JSON.stringify(next.value)}`));
				first = false;
			} catch (err) {
				controller.error(err);
			}
		},
		async cancel() {
			await features.return(undefined);
		}
	});
	return new Response(body, {
		headers: {
			'content-type': 'application/geo+json; charset=utf-8',
			'content-disposition': 'attachment; filename="excavation-works.geojson"',
			'cache-control': 'private, no-store'
		}
	});
};

import type { RequestHandler } from './$types';
import { recordAudit, requireUser } from '$lib/server/auth';
import { readDocument } from '$lib/server/documents';
import { pageError } from '$lib/server/errors';
import { clientOf } from '$lib/server/client';

const EXTENSION: Record<string, string> = {
	'application/pdf': 'pdf',
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/vnd.dxf': 'dxf',
	'image/vnd.dwg': 'dwg'
};

/** RFC 6266: an ASCII fallback name plus the real (often Persian) name, UTF-8 encoded. */
function disposition(name: string, mediaType: string): string {
	const ext = EXTENSION[mediaType] ?? 'bin';
	const base = name.replace(/\.[^.]*$/, '');
	const ascii = (base.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'document') + '.' + ext;
	const real = `${base || 'document'}.${ext}`;
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(real)}`;
}

/** A case document, for those who may see the case; anyone else gets the same 404 as for no such id. */
export const GET: RequestHandler = async (event) => {
	const { locals, params, url } = event;
	const user = requireUser(locals, undefined, url);
	try {
		const { document, bytes } = await readDocument(locals.db, user, Number(params.id));
		await recordAudit(locals.db, {
			action: 'document.downloaded',
			actorUserId: user.id,
			details: { documentId: document.id, kind: document.kind, version: document.version, sha256: document.sha256 },
			client: clientOf(event)
		});
		return new Response(new Uint8Array(bytes), {
			headers: {
				'content-type': document.mediaType,
				'content-length': String(bytes.byteLength),
				'content-disposition': disposition(document.originalName, document.mediaType),
				'x-content-type-options': 'nosniff',
				'cache-control': 'private, no-store'
			}
		});
	} catch (err) {
		pageError(err, locals.lang);
	}
};

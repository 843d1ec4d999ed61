/**
 * Cases (پرونده): requests filed from a parcel and worked through cartables. Every service takes
 * the acting user and enforces the access rules of issue 3 itself.
 */
export {
	fileRequest,
	getCase,
	listMyCases,
	listCartable,
	claimCase,
	assignCase,
	actOnCase,
	answerTask,
	postMessage,
	recordSiteVisit,
	requestOptions,
	type SiteVisitInput
} from './case.service';
export { trackPublic } from './track.service';
export { caseSide, loadVisibleCase, type CaseSide } from './access';
export * from './types';

export { addressPolicy, clientAddressOf, type AddressPolicy } from './client-address';
export { bodyLimitFor, refuseOversizedBody, bodyRefusalResponse, SIGN_IN_BODY_LIMIT, FORM_BODY_LIMIT } from './body-limits';
export { withSecurityHeaders, widenCsp, type HeaderPolicy } from './headers';
export { sameSitePath } from './redirects';
export {
	configProblems,
	demoAccountProblems,
	startChecked,
	StartupRefusedError,
	type StartupProblem
} from './start-up-check';

export { sameSitePath } from './redirects';
export {
	configProblems,
	demoAccountProblems,
	startChecked,
	StartupRefusedError,
	type StartupProblem
} from './start-up-check';

export {
	listStaffAccounts,
	adminDirectory,
	createStaffAccount,
	setStaffActive,
	grantStaffRole,
	revokeStaffRole,
	createEngineeringOffice,
	recordOfficeClosure,
	sandboxOutbox,
	colleaguesFor,
	type StaffAccount,
	type GrantInput
} from './admin.service';
export { rebindCitizenMobile, resetStaffTotp, auditLog } from './account-recovery.service';

export {
	listStaffAccounts,
	adminDirectory,
	createStaffAccount,
	setStaffActive,
	grantStaffRole,
	revokeStaffRole,
	createEngineeringOffice,
	sandboxOutbox,
	colleaguesFor,
	type StaffAccount,
	type GrantInput
} from './admin.service';
export { rebindCitizenMobile, resetStaffTotp, auditLog } from './account-recovery.service';

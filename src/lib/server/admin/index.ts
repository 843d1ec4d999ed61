export {
	listStaffAccounts,
	adminDirectory,
	createStaffAccount,
	setStaffActive,
	grantStaffRole,
	revokeStaffRole,
	createEngineeringOffice,
	recordOfficeClosure,
	withdrawOfficeClosure,
	sandboxOutbox,
	colleaguesFor,
	type StaffAccount,
	type GrantInput
} from './admin.service';
export { rebindCitizenMobile, resetStaffTotp, auditLog } from './account-recovery.service';

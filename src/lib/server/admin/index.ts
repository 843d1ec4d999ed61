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
export { auditLogPage, auditLogExport, AUDIT_PAGE_SIZE, AUDIT_CSV_MAX, type AuditEventView, type AuditLogPage, type AuditAccount } from './audit-log.service';

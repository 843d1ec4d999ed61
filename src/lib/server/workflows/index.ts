export * from './types';
export * from './roles';
export * from './documents';
export { validateDefinition, type DefinitionProblem } from './validate';
export { evaluateEligibility, type EligibilityFailure, type EligibilityResult } from './eligibility';
export { applyAction, availableActions, citizenStatus, isHeldBy, startCase, stepOf, ERRORS as WORKFLOW_MESSAGES, type AvailableAction, type NewCase } from './state-machine';
export { MUNICIPAL_CASE_TYPES, REQUEST_TYPES, assertValidRequestTypes, requestTypeById } from './registry';
export { automaticTransition, feeKindOf, HELD_BECAUSE, isTwoStagePermit, joinedText, systemLine, SYSTEM_ROLE, type StepAutomation, type StepAutomationKind } from './automation';

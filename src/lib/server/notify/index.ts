export {
	type MessageSender,
	type SmsGatewayConfig,
	OutboxSandboxSender,
	SmsGatewaySender,
	createMessageSender
} from './sender';
export { listOutbox, type OutboxMessage } from './outbox.repository';

export { type MessageSender, type SmsGatewayConfig, OutboxSandboxSender, SmsGatewaySender } from './sender';
// Every sender the app makes is capped per number and per day (./send-caps.ts).
export { createMessageSender, CappedSender, SmsCapReachedError, sendCapsFromEnv, DEFAULT_SEND_CAPS, type SendCaps } from './send-caps';
export { listOutbox, type OutboxMessage } from './outbox.repository';

-- No Prisma-generated part: email_messages.status stays VARCHAR(16); only the CHECK of its values changes.
-- ---------------------------------------------------------------------------------------------
-- Rules Prisma cannot express.
-- ---------------------------------------------------------------------------------------------
-- e-mail receipts (SendGrid) move a message forward: delivered → opened → clicked, bounced / dropped, spam_reported
-- (order and ranks: lib/email/email-status.ts)
ALTER TABLE "email_messages" DROP CONSTRAINT "email_messages_status_chk";
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_status_chk"
  CHECK ("status" IN ('queued', 'sending', 'sent', 'delivered', 'failed', 'bounced', 'dropped', 'opened', 'clicked', 'spam_reported'));

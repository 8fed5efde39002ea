// Staff-console audit rows (PRODUCT §1: staff are read-only by default and every view of tenant data is
// audited). Staff act across orgs, so a row carries an org only when its target belongs to one.
import 'server-only'
import type { Tx } from '@/lib/db'
import { db } from '@/lib/db'
import { assertStaffCan, auditActorOf, type Actor, type StaffActor } from '@/lib/auth/actor'
import { writeAudit, type AuditEntry } from '@/lib/audit/write-audit'

export type StaffView = 'webhooks' | 'jobs' | 'billing'

/** A staff member opened a console page (`filter`: what they asked to see). */
export async function auditStaffView({ actor, view, filter }: { actor: Actor; view: StaffView; filter?: unknown }): Promise<void> {
  const staff = assertStaffCan(actor, 'staff.console.read')
  await db.$transaction((tx) => writeAudit(tx, { actor: auditActorOf(staff), action: `staff.view.${view}`, after: filter }))
}

/** A staff change (replay, retry), in the transaction of the change it records. The caller asserted the right. */
export async function writeStaffAudit(tx: Tx, { actor, ...entry }: Omit<AuditEntry, 'actor'> & { actor: StaffActor }): Promise<void> {
  await writeAudit(tx, { ...entry, actor: auditActorOf(actor) })
}

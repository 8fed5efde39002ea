// CSV export of a filtered lead set (lead.export; rows limited to the actor's lead.read scope). Streamed page by
// page over the created_at keyset; the export is audited up front (a sensitive read) and each exported lead
// gets a timeline entry as its page is sent.
import 'server-only'
import Papa from 'papaparse'
import { Prisma } from '@/lib/generated/prisma/client'
import { db } from '@/lib/db'
import { writeAudit } from '@/lib/audit/write-audit'
import { leadFilterSql } from '@/lib/leads/lead-filter-sql'
import { assertCan, auditActorOf, type Actor } from '@/lib/auth/actor'
import type { LeadFilter } from '@/lib/leads/schemas'

const PAGE = 1000
export const EXPORT_COLUMNS = [
  'id',
  'address_line1',
  'address_line2',
  'city',
  'state',
  'zip',
  'county',
  'lat',
  'lng',
  'owner_name',
  'year_built',
  'property_value_cents',
  'roof_material',
  'roof_age_years',
  'roof_area_sq_ft',
  'score',
  'band',
  'status',
  'lost_reason',
  'tags',
  'source',
  'assignee',
  'phones',
  'emails',
  'created_at',
  'updated_at',
] as const

/** Spreadsheet apps execute cells starting with = + - @ (CSV injection): prefix them with a quote. */
const safe = (v: unknown) => {
  if (v === null || v === undefined) return ''
  const s = v instanceof Date ? v.toISOString() : Array.isArray(v) ? v.join(';') : String(v)
  return /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s
}

export async function exportLeadsCsv({ actor, filter }: { actor: Actor; filter: LeadFilter }) {
  const orgId = assertCan(actor, 'lead.export')
  const where = leadFilterSql(actor, filter, 'lead.read')
  const exportId = crypto.randomUUID()
  await db.$transaction((tx) =>
    writeAudit(tx, {
      orgId,
      actor: auditActorOf(actor),
      action: 'lead.export',
      targetType: 'lead_export',
      targetId: exportId,
      after: { filter },
    }),
  )
  const fileName = `leads-${new Date().toISOString().slice(0, 10)}.csv`
  let after: { at: Date; id: string } | null = null
  let started = false
  let count = 0
  const encoder = new TextEncoder()
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true
          controller.enqueue(encoder.encode(Papa.unparse([EXPORT_COLUMNS as unknown as string[]]) + '\r\n'))
        }
        const keyset = after ? Prisma.sql`AND (l.created_at, l.id) > (${after.at}, ${after.id}::uuid)` : Prisma.empty
        const rows = await db.$queryRaw<Array<Record<string, unknown>>>`
          SELECT l.id, l.address_line1, l.address_line2, l.city, l.state, l.zip, l.county, l.lat, l.lng, l.owner_name, l.year_built,
                 l.property_value_cents, l.roof_material::text, l.roof_age_years, l.roof_area_sq_ft, l.score, l.band::text, l.status::text,
                 l.lost_reason, l.tags, l.source::text, u.email AS assignee,
                 (SELECT array_agg(p) FROM contacts c, unnest(c.phones) p WHERE c.lead_id = l.id) AS phones,
                 (SELECT array_agg(e) FROM contacts c, unnest(c.emails) e WHERE c.lead_id = l.id) AS emails,
                 l.created_at, l.updated_at
            FROM leads l LEFT JOIN memberships m ON m.id = l.assignee_id LEFT JOIN users u ON u.id = m.user_id
           WHERE ${where} ${keyset}
           ORDER BY l.created_at, l.id LIMIT ${PAGE}`
        if (!rows.length) {
          await db.$transaction((tx) =>
            writeAudit(tx, {
              orgId,
              actor: auditActorOf(actor),
              action: 'lead.export.complete',
              targetType: 'lead_export',
              targetId: exportId,
              after: { count },
            }),
          )
          controller.close()
          return
        }
        const ids = rows.map((r) => r.id as string)
        await db.$executeRaw`
          INSERT INTO lead_activities (org_id, lead_id, type, actor_type, actor_id, data)
          SELECT ${orgId}::uuid, x, 'lead.exported', ${auditActorOf(actor).type}::"ActorType", ${auditActorOf(actor).id ?? null}::uuid,
                 jsonb_build_object('exportId', ${exportId}::text)
            FROM unnest(${ids}::uuid[]) x`
        count += rows.length
        const last = rows[rows.length - 1]!
        after = { at: last.created_at as Date, id: last.id as string }
        controller.enqueue(
          encoder.encode(
            Papa.unparse(
              rows.map((r) => EXPORT_COLUMNS.map((c) => safe(r[c]))),
              { header: false },
            ) + '\r\n',
          ),
        )
      } catch (err) {
        controller.error(err)
      }
    },
  })
  return { fileName, stream, exportId }
}

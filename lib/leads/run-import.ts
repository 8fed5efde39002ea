// The leads.import job: inserts an import's rows in batches of 1,000, each batch in one transaction with its
// progress update, so a crash or retry resumes after the last committed batch. Duplicates (in the file or
// against live leads, decided by the partial unique index) are skipped; invalid rows are counted as failed.
import 'server-only'
import { db } from '@/lib/db'
import { logger } from '@/lib/logger'
import { writeAudit } from '@/lib/audit/write-audit'
import { assertCan, auditActorOf, type Actor } from '@/lib/auth/actor'
import { convertRow, parseCsv, type ImportedRow, type ImportMapping, type RowIssue } from '@/lib/leads/import-mapping'

export const IMPORT_BATCH = 1000
const MAX_STORED_ERRORS = 500

/** `actor`: the leads.import job's system actor for the import's org (lib/worker/queues.ts). */
export async function runImport({ actor, importId }: { actor: Actor; importId: string }) {
  const orgId = assertCan(actor, 'lead.write')
  const imp = await db.leadImport.findFirst({
    where: { id: importId, orgId },
    select: { id: true, orgId: true, createdById: true, status: true, csvText: true, mapping: true, processed: true, errors: true },
  })
  if (!imp || imp.status === 'COMPLETED' || imp.status === 'FAILED' || imp.csvText == null) return
  await db.leadImport.update({ where: { id: imp.id }, data: { status: 'RUNNING', startedAt: new Date() }, select: { id: true } })
  try {
    const { rows } = parseCsv(imp.csvText)
    const mapping = imp.mapping as ImportMapping
    const seen = new Set<string>()
    const converted = rows.map((raw, i) => {
      const r = convertRow(raw, mapping, i + 2)
      if ('ok' in r) {
        if (seen.has(r.ok.normalizedAddress)) return { dup: true as const }
        seen.add(r.ok.normalizedAddress)
      }
      return r
    })
    let errors = (imp.errors as unknown as RowIssue[]) ?? []
    for (let start = imp.processed; start < converted.length; start += IMPORT_BATCH) {
      const batch = converted.slice(start, start + IMPORT_BATCH)
      const good = batch.filter((r): r is { ok: ImportedRow } => 'ok' in r).map((r) => r.ok)
      const bad = batch.filter((r): r is { issues: RowIssue[] } => 'issues' in r)
      const dups = batch.length - good.length - bad.length
      if (errors.length < MAX_STORED_ERRORS) errors = errors.concat(bad.flatMap((b) => b.issues)).slice(0, MAX_STORED_ERRORS)
      await db.$transaction(
        async (tx) => {
          const created = good.length ? await insertBatch(tx, imp.orgId, imp.id, good) : 0
          await tx.leadImport.update({
            where: { id: imp.id },
            data: {
              processed: { increment: batch.length },
              created: { increment: created },
              skipped: { increment: dups + good.length - created },
              failed: { increment: bad.length },
              errors: errors as unknown as object[],
            },
            select: { id: true },
          })
        },
        { timeout: 60_000 },
      )
    }
    await db.$transaction(async (tx) => {
      const done = await tx.leadImport.update({
        where: { id: imp.id },
        data: { status: 'COMPLETED', finishedAt: new Date(), csvText: null },
        select: { totalRows: true, created: true, skipped: true, failed: true },
      })
      await writeAudit(tx, {
        orgId: imp.orgId,
        actor: auditActorOf(actor),
        action: 'lead.import.complete',
        targetType: 'lead_import',
        targetId: imp.id,
        after: done,
      })
    })
    // an import shifts the planner's row estimates (the list's "about N leads" reads them): refresh them
    await db.$executeRawUnsafe('ANALYZE leads')
  } catch (err) {
    logger.error({ err, importId }, 'lead import failed')
    await db.leadImport.update({ where: { id: imp.id }, data: { status: 'FAILED', finishedAt: new Date() }, select: { id: true } })
    throw err
  }
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0]

async function insertBatch(tx: Tx, orgId: string, importId: string, good: ImportedRow[]): Promise<number> {
  const payload = JSON.stringify(
    good.map((g) => ({
      normalized_address: g.normalizedAddress,
      address_line1: g.lead.addressLine1,
      address_line2: g.lead.addressLine2 ?? null,
      city: g.lead.city,
      state: g.lead.state,
      zip: g.lead.zip,
      county: g.lead.county ?? null,
      lat: g.lead.lat ?? null,
      lng: g.lead.lng ?? null,
      owner_name: g.lead.ownerName ?? null,
      year_built: g.lead.yearBuilt ?? null,
      property_value_cents: g.lead.propertyValueCents ?? null,
      roof_material: g.lead.roofMaterial ?? null,
      roof_age_years: g.lead.roofAgeYears ?? null,
      roof_area_sq_ft: g.lead.roofAreaSqFt ?? null,
      score: g.lead.score ?? null,
      status: g.lead.status,
      tags: g.lead.tags,
      contact_name: g.contact?.name ?? null,
      phones: g.contact?.phones ?? [],
      emails: g.contact?.emails ?? [],
      has_contact: !!g.contact,
    })),
  )
  const created = await tx.$queryRaw<Array<{ id: string }>>`
    WITH src AS (SELECT * FROM jsonb_to_recordset(${payload}::jsonb) AS x(
        normalized_address text, address_line1 text, address_line2 text, city text, state text, zip text, county text,
        lat float8, lng float8, owner_name text, year_built int, property_value_cents int, roof_material text,
        roof_age_years int, roof_area_sq_ft int, score int, status text, tags text[],
        contact_name text, phones text[], emails text[], has_contact boolean)),
    ins AS (
      INSERT INTO leads (org_id, import_id, source, normalized_address, address_line1, address_line2, city, state, zip, county, lat, lng,
                         owner_name, year_built, property_value_cents, roof_material, roof_age_years, roof_area_sq_ft, score,
                         score_version, status, tags, updated_at)
      SELECT ${orgId}::uuid, ${importId}::uuid, 'IMPORT', normalized_address, address_line1, address_line2, city, state, zip, county, lat, lng,
             owner_name, year_built, property_value_cents, roof_material::"RoofMaterial", roof_age_years, roof_area_sq_ft, score,
             CASE WHEN score IS NULL THEN NULL ELSE 'import' END, status::"LeadStatus", tags, now()
        FROM src
      ON CONFLICT (org_id, normalized_address) WHERE deleted_at IS NULL DO NOTHING
      RETURNING id, normalized_address),
    con AS (
      INSERT INTO contacts (org_id, lead_id, name, phones, emails, is_primary, updated_at)
      SELECT ${orgId}::uuid, ins.id, src.contact_name, src.phones, src.emails, true, now()
        FROM ins JOIN src USING (normalized_address) WHERE src.has_contact
      RETURNING 1),
    act AS (
      INSERT INTO lead_activities (org_id, lead_id, type, actor_type, data)
      SELECT ${orgId}::uuid, ins.id, 'lead.imported', 'SYSTEM', jsonb_build_object('importId', ${importId}::text) FROM ins
      RETURNING 1)
    SELECT id FROM ins`
  return created.length
}

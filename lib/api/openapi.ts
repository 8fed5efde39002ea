// OpenAPI 3.1 for REST API v1, generated from the SAME zod schemas the routes parse with (zod 4 toJSONSchema).
import 'server-only'
import { z } from 'zod'
import { createLeadSchema, listLeadsSchema, updateLeadSchema } from '@/lib/leads/schemas'
import { apiLeadPageSchema, apiLeadSchema } from '@/lib/api/lead-dto'
import { apiScanPageSchema, apiScanSchema, apiScanSummarySchema } from '@/lib/api/scan-dto'
import { listScansSchema, newScanSchema } from '@/lib/scans/schemas'
import { addressScanSchema } from '@/lib/scans/address-rows'
import { RATE_LIMITS } from '@/lib/billing/plans'

const js = (s: z.ZodType, io: 'input' | 'output' = 'output') => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>
  return rest
}

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'requestId'],
      properties: {
        code: {
          type: 'string',
          enum: [
            'BAD_REQUEST',
            'VALIDATION_FAILED',
            'UNAUTHENTICATED',
            'FORBIDDEN',
            'NOT_FOUND',
            'CONFLICT',
            'PAYLOAD_TOO_LARGE',
            'RATE_LIMITED',
            'INTERNAL',
          ],
        },
        message: { type: 'string' },
        details: {},
        requestId: { type: 'string' },
      },
    },
  },
}

const QUERY_DOCS: Record<string, string> = {
  q: 'Search address, owner name, contact name, phone or email',
  band: 'Comma-separated: HOT,WARM,COLD',
  status: 'Comma-separated lead statuses',
  source: 'Comma-separated: SCAN,IMPORT,API,MANUAL',
  tags: 'Comma-separated; leads carrying all of them',
  assignee: 'Membership id or "unassigned"',
  cursor: 'Opaque cursor from the previous page (nextCursor)',
  limit: 'Page size, 1–100 (default 50)',
}

const SCAN_QUERY_DOCS: Record<string, string> = {
  status: 'One of PENDING, RUNNING, COMPLETED, FAILED, CANCELED',
  before: 'ISO date-time: scans created before it (pass nextBefore from the previous page)',
  limit: 'Page size, 1–100 (default 25)',
}

/** One query parameter per field of a list schema; dates (unrepresentable in JSON Schema) become date-time strings. */
function queryParams(shape: Record<string, z.ZodType>, docs: Record<string, string>, omit: string[] = []) {
  return Object.entries(shape)
    .filter(([name]) => !omit.includes(name))
    .map(([name, s]) => {
      let schema = js(s, 'input')
      if (!Object.keys(schema).length || (schema.type === undefined && !schema.anyOf && !schema.enum))
        schema = { type: 'string', ...(isDate(s) ? { format: 'date-time' } : {}) }
      return { name, in: 'query', required: false, schema, ...(docs[name] ? { description: docs[name] } : {}) }
    })
}

function isDate(s: z.ZodType): boolean {
  const inner = s instanceof z.ZodOptional || s instanceof z.ZodDefault ? (s.def.innerType as z.ZodType) : s
  return inner instanceof z.ZodDate
}

const err = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } })
const rl = {
  RateLimit: { description: 'limit=…, remaining=…, reset=… (seconds)', schema: { type: 'string' } },
  'RateLimit-Policy': {
    description: `${RATE_LIMITS.REST_PER_KEY.points};w=${RATE_LIMITS.REST_PER_KEY.durationSeconds}`,
    schema: { type: 'string' },
  },
}
const common = {
  401: err('Missing, invalid or revoked API key'),
  403: err('Plan is not Enterprise (PLAN_REQUIRED) or key scope too small'),
  429: { ...err('Rate limited; see Retry-After'), headers: { 'Retry-After': { schema: { type: 'integer' } } } },
}
const idem = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', maxLength: 255 },
  description: 'Replays the stored response for 24 h; a different body with the same key → 409',
}
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }
const dataOf = (ref: string) => ({
  type: 'object',
  properties: { data: { $ref: `#/components/schemas/${ref}` } },
  required: ['data'],
})
const scanResponse = (description: string, headers: Record<string, unknown> = {}) => ({
  description,
  headers: { ...rl, ...headers },
  content: { 'application/json': { schema: dataOf('Scan') } },
})
/** POST /api/v1/scans 201: the scan, plus the row report of a scan of addresses. */
const scanCreatedSchema = {
  type: 'object',
  required: ['data'],
  properties: {
    data: { $ref: '#/components/schemas/Scan' },
    rows: {
      type: 'object',
      description: 'Only for `source: "addresses"`: what happened to the rows sent',
      required: ['received', 'accepted', 'invalid', 'duplicates', 'alreadyLeads', 'issues'],
      properties: {
        received: { type: 'integer' },
        accepted: { type: 'integer', description: 'valid, unique addresses: the properties scanned' },
        invalid: { type: 'integer', description: 'rows with a problem: not stored' },
        duplicates: { type: 'integer', description: 'rows whose normalized address came earlier: scanned once' },
        alreadyLeads: { type: 'integer', description: 'accepted addresses that are already leads: re-scored, not duplicated' },
        issues: {
          type: 'array',
          description: 'the first 500 problems',
          items: {
            type: 'object',
            required: ['row', 'reason'],
            properties: {
              row: { type: 'integer', description: '1-based position in `rows`' },
              field: { type: 'string', enum: ['addressLine1', 'city', 'state', 'zip'] },
              reason: { type: 'string' },
            },
          },
        },
      },
    },
  },
}
const leadResponse = (description: string) => ({
  description,
  headers: rl,
  content: {
    'application/json': { schema: { type: 'object', properties: { data: { $ref: '#/components/schemas/Lead' } }, required: ['data'] } },
  },
})

export function buildOpenApi(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Fish Mouth API',
      version: '1.0.0',
      description:
        'Lead CRM and roof-scan API (Enterprise plan). Authenticate with `Authorization: Bearer fm_live_…`. ' +
        'READ keys read leads and scans; WRITE keys also change leads and start or cancel scans.',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'fm_live_…' } },
      schemas: {
        Lead: js(apiLeadSchema),
        LeadPage: js(apiLeadPageSchema),
        CreateLead: js(createLeadSchema, 'input'),
        UpdateLead: js(updateLeadSchema, 'input'),
        Scan: js(apiScanSchema),
        ScanSummary: js(apiScanSummarySchema),
        ScanPage: js(apiScanPageSchema),
        NewScan: js(newScanSchema, 'input'),
        NewAddressScan: js(addressScanSchema, 'input'),
        Error: errorSchema,
      },
    },
    paths: {
      '/api/v1/leads': {
        get: {
          operationId: 'listLeads',
          summary: 'List leads (keyset pagination)',
          parameters: queryParams(listLeadsSchema.shape, QUERY_DOCS, ['withTotal']),
          responses: {
            200: {
              description: 'A page of leads',
              headers: rl,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/LeadPage' } } },
            },
            400: err('Bad query'),
            422: err('Invalid query'),
            ...common,
          },
        },
        post: {
          operationId: 'createLead',
          summary: 'Create a lead (WRITE scope)',
          parameters: [idem],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateLead' } } } },
          responses: {
            201: leadResponse('Created'),
            409: err('Duplicate address or Idempotency-Key conflict'),
            413: err('Body too large'),
            422: err('Invalid lead'),
            ...common,
          },
        },
      },
      '/api/v1/leads/{id}': {
        parameters: [idParam],
        get: {
          operationId: 'getLead',
          summary: 'Get a lead with its contacts',
          responses: { 200: leadResponse('The lead'), 404: err('Not found'), ...common },
        },
        patch: {
          operationId: 'updateLead',
          summary: 'Update a lead (WRITE scope)',
          parameters: [idem],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/UpdateLead' } } } },
          responses: { 200: leadResponse('Updated'), 404: err('Not found'), 409: err('Conflict'), 422: err('Invalid'), ...common },
        },
        delete: {
          operationId: 'deleteLead',
          summary: 'Soft-delete a lead (WRITE scope; restorable for 30 days in the app)',
          parameters: [idem],
          responses: {
            200: {
              description: 'Deleted',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: { data: { type: 'object', properties: { id: { type: 'string' }, deleted: { type: 'boolean' } } } },
                  },
                },
              },
            },
            404: err('Not found'),
            ...common,
          },
        },
      },
      '/api/v1/scans': {
        get: {
          operationId: 'listScans',
          summary: 'List scans, newest first, with their progress',
          parameters: queryParams(listScansSchema.shape, SCAN_QUERY_DOCS),
          responses: {
            200: {
              description: 'A page of scans',
              headers: rl,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/ScanPage' } } },
            },
            422: err('Invalid query'),
            ...common,
          },
        },
        post: {
          operationId: 'createScan',
          summary: 'Start a scan of a ZIP, a city, a centre + radius or an area drawn on the map (WRITE scope)',
          description:
            'A drawn area (`kind: "polygon"`) takes 3–200 corners; crossing edges, no area, or a shape larger than the ' +
            'largest circle (7,854 sq mi, or a corner more than 50 mi from its centre) is 422 VALIDATION_FAILED at `area.vertices`. ' +
            'The estimate is computed on the server and stored with the scan; the scan then runs in the background ' +
            '(poll GET /api/v1/scans/{id}). Scans are limited per organization per hour (429 with Retry-After). ' +
            'Send an Idempotency-Key so a retried request never starts a second scan. ' +
            'With `source: "addresses"` the body carries 1–1,000 `rows` ({ addressLine1, city, state, zip }) instead of an area; ' +
            'each row is validated on its own: rows with a problem are listed in the response `rows.issues` (1-based row ' +
            'number + reason) and not scanned, duplicates (same normalized address) are scanned once, and an address that ' +
            'is already a lead is re-scored (score history kept), never duplicated. Each address is geocoded before imaging; ' +
            'one that cannot be found fails only that property. No valid row, or more than 1,000 rows → 422.',
          parameters: [idem],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: { oneOf: [{ $ref: '#/components/schemas/NewScan' }, { $ref: '#/components/schemas/NewAddressScan' }] },
              },
            },
          },
          responses: {
            201: {
              ...scanResponse('Started', { Location: { description: '/api/v1/scans/{id}', schema: { type: 'string' } } }),
              content: { 'application/json': { schema: scanCreatedSchema } },
            },
            400: err('Body is not JSON, or wrong Content-Type'),
            409: err('Idempotency-Key conflict'),
            413: err('Body too large'),
            422: err(
              'Invalid area (radius, property cap, unknown ZIP or city, crossing or too large drawn area), no valid address row, or more than 1,000 rows',
            ),
            ...common,
          },
        },
      },
      '/api/v1/scans/{id}': {
        parameters: [idParam],
        get: {
          operationId: 'getScan',
          summary: 'Get a scan with its progress: percent, counts, per-stage counts, estimate',
          responses: { 200: scanResponse('The scan'), 404: err('Not found'), ...common },
        },
      },
      '/api/v1/scans/{id}/cancel': {
        parameters: [idParam],
        post: {
          operationId: 'cancelScan',
          summary: 'Cancel a pending or running scan (WRITE scope); finished properties are kept',
          parameters: [idem],
          responses: {
            200: scanResponse('Canceled (also when it already was)'),
            404: err('Not found'),
            409: err('The scan already completed or failed, or Idempotency-Key conflict'),
            ...common,
          },
        },
      },
    },
  }
}

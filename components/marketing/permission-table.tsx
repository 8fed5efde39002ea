import { Check, Minus } from 'lucide-react'
import { PERMISSIONS, ROLES, scopeOf, type Permission } from '@/lib/auth/permissions'

/** Plain-language names for the permission keys of lib/auth/permissions.ts (the table itself comes from MATRIX). */
const LABELS: Record<Permission, string> = {
  'org.delete': 'Delete the organization',
  'billing.manage': 'Change plan, card and spend cap',
  'data.export': 'Export all organization data',
  'org.settings.update': 'Edit organization settings',
  'member.remove': 'Remove members',
  'member.role.change': 'Change member roles',
  'api_keys.manage': 'Manage API keys',
  'integrations.manage': 'Manage integrations',
  'phone_numbers.manage': 'Manage phone numbers',
  'ai_config.update': 'Configure the AI assistant',
  'sequence.manage': 'Create and edit sequences',
  'audit.read': 'Read the audit log',
  'billing.read': 'See billing and invoices',
  'member.invite': 'Invite members',
  'lead.assign': 'Assign leads',
  'lead.export': 'Export leads (audited)',
  'scan.run': 'Run scans',
  'scan.read': 'See scans and the review queue',
  'notification.send': 'Send system alerts (no role: the platform does)',
  'sequence.enroll': 'Enroll leads in sequences',
  'ai.test': 'Test the AI assistant',
  'org.settings.read': 'See organization settings',
  'member.read': 'See the member list',
  'lead.read': 'See leads',
  'lead.write': 'Edit leads (notes, status, tags)',
  'outreach.send': 'Send 1:1 email, SMS, calls and mail',
  'analytics.read': 'See analytics',
  'lead.delete': 'Delete leads',
}

const ROLE_NAMES: Record<(typeof ROLES)[number], string> = {
  OWNER: 'Owner',
  ADMIN: 'Admin',
  MANAGER: 'Manager',
  REP: 'Sales rep',
  VIEWER: 'Viewer',
}

export function PermissionTable() {
  // `relative`: the sr-only labels are absolutely positioned; without a positioned scroll container they
  // escape it and widen the whole page on phones.
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full min-w-[36rem] text-left text-sm">
        <caption className="sr-only">What each role can do</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className="px-3 py-2 font-semibold">
              Permission
            </th>
            {ROLES.map((r) => (
              <th key={r} scope="col" className="px-3 py-2 text-center font-semibold">
                {ROLE_NAMES[r]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {/* rights no role holds (system events) are not a person's to have */}
          {PERMISSIONS.filter((p) => ROLES.some((r) => scopeOf(r, p) !== 'none')).map((p) => (
            <tr key={p} className="border-t border-slate-200">
              <th scope="row" className="px-3 py-2 font-normal text-slate-800">
                {LABELS[p]}
              </th>
              {ROLES.map((r) => {
                const scope = scopeOf(r, p)
                return (
                  <td key={r} className="px-3 py-2 text-center">
                    {scope === 'none' && (
                      <>
                        <Minus className="mx-auto h-4 w-4 text-slate-400" aria-hidden />
                        <span className="sr-only">No</span>
                      </>
                    )}
                    {scope === 'all' && (
                      <>
                        <Check className="mx-auto h-4 w-4 text-emerald-700" aria-hidden />
                        <span className="sr-only">Yes</span>
                      </>
                    )}
                    {scope === 'assigned' && <span className="text-xs font-medium text-amber-800">Assigned leads only</span>}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

import { PageHeader } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/feedback'

export const metadata = { title: 'Leads' }

// Placeholder until the lead CRM pages land (lib/leads exists; the UI comes next).
export default function LeadsPage() {
  return (
    <>
      <PageHeader title="Leads" description="Scored homes from your scans and imports." />
      <EmptyState title="Leads are coming soon">No leads yet — run your first scan once scanning is available.</EmptyState>
    </>
  )
}

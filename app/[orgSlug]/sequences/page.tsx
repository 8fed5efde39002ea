import { PageHeader } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/feedback'

export const metadata = { title: 'Sequences' }

export default function SequencesPage() {
  return (
    <>
      <PageHeader title="Sequences" description="Multi-channel outreach that books inspections." />
      <EmptyState title="Sequences are coming soon">Email, SMS, voice and mail sequences will be set up here.</EmptyState>
    </>
  )
}

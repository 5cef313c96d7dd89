import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageBody } from '@/components/ui/page-body';

export default function NotFound() {
  return (
    <PageBody>
      <EmptyState title="There is no page at this address" actions={<ButtonLink href="/">Back to snapshots</ButtonLink>}>
        <p>The link may be out of date. Snapshots, the graph, drafts and the import page are in the sidebar.</p>
      </EmptyState>
    </PageBody>
  );
}

/**
 * The scenario-wide blocks in the editor: the palette's list of them (the scenario tree) and the
 * inspector that edits the one picked, with typed fields, tables of rows and the schema's messages
 * next to the field they concern.
 */
import { memo } from 'react';
import { useT } from '../../i18n/messages';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { selectBlock, useEditor } from '../editStore';
import { BLOCKS, hasBlock, type BlockId } from './blockEdits';
import { blockMessages } from './blocks.messages';
import { BillingForm } from './BillingForm';
import { ClusterAutoscalerForm, InstancesForm, NetworkForm } from './InfraBlocks';
import { ServerlessForm } from './ServerlessForm';
import { TenantsForm } from './TenantsForm';
import type { K } from './kit';

const TITLE: Readonly<Record<BlockId, K>> = {
  network: 'network',
  clusterAutoscaler: 'clusterAutoscaler',
  billing: 'billing',
  tenants: 'tenants',
  serverless: 'serverless',
  instances: 'instances',
};

const FORM: Readonly<Record<BlockId, () => React.JSX.Element>> = {
  network: () => <NetworkForm />,
  clusterAutoscaler: () => <ClusterAutoscalerForm />,
  billing: () => <BillingForm />,
  tenants: () => <TenantsForm />,
  serverless: () => <ServerlessForm />,
  instances: () => <InstancesForm />,
};

/** The palette's list of the scenario-wide blocks (set or not). */
export const BlockList = memo(function BlockList() {
  const present = useEditor((s) => (s.doc ? BLOCKS.filter((b) => hasBlock(s.doc!, b)).join(' ') : ''));
  const current = useEditor((s) => s.block);
  const hasDoc = useEditor((s) => s.doc !== null);
  const t = useT(blockMessages);
  if (!hasDoc) return null;
  const set = present.split(' ');
  return (
    <nav className="palette-elements" aria-label={t('blocks')} data-testid="palette-blocks">
      <span className="field-label">{t('blocks')}</span>
      <ul className="edit-list">
        {BLOCKS.map((b) => (
          <li key={b}>
            <button type="button" className={`linkish${current === b ? ' is-current' : ''}`} aria-current={current === b ? 'true' : undefined} onClick={() => selectBlock(b)} data-testid={`palette-block-${b}`}>
              {t(TITLE[b])}
            </button>{' '}
            {!set.includes(b) && <span className="muted">{t('notSet')}</span>}
          </li>
        ))}
      </ul>
    </nav>
  );
});

/** The inspector of a scenario-wide block. */
export const BlockInspector = memo(function BlockInspector({ id }: { id: BlockId }) {
  const t = useT(blockMessages);
  const title = t(TITLE[id]);
  return (
    <aside className="inspector card" data-testid="block-inspector" aria-label={t('inspectorOf', { name: title })}>
      <header className="insp-head">
        <h2>
          <span className="muted">{t('scenarioWide')}</span> <span data-testid="block-inspector-id">{title}</span>
        </h2>
        <button type="button" className="icon-button" onClick={() => selectBlock(null)} aria-label={t('close')} data-testid="block-inspector-close">
          ×
        </button>
      </header>
      <section className="insp-section edit-section" aria-label={title} data-testid={`block-${id}`}>
        <h3>
          {t('params')} <span className="muted">{t('paramsNote')}</span>
        </h3>
        <ErrorBoundary what={title}>{FORM[id]()}</ErrorBoundary>
      </section>
    </aside>
  );
});

import { test, expect, type Page } from '@playwright/test';
import { choosePreset, openConsole } from './helpers';
import { decodeLinkDocument, encodeScenarioLink, PRESETS } from '../src/core/index';

type AutoDoc = { services: Array<{ id: string; instanceType?: string; placement?: unknown; autoscaler: { maxReplicas: number; rules?: unknown[] } }> };
type Doc = { services: Array<{ id: string; replicas: number; calls?: { targets: Array<{ service: string }> } }>; workloads: Array<{ id: string; target: string; arrival: { type: string } }> };

/** The scenario document the address bar's link carries. */
/** The link's document, or null while the page has no scenario link yet (an edit's reload is in flight). */
function linkedDocOrNull(page: Page): Doc | null {
  return /^#s=c1\./.test(new URL(page.url()).hash) ? linkedDoc(page) : null;
}

function linkedDoc(page: Page): Doc {
  const hash = new URL(page.url()).hash;
  expect(hash).toMatch(/^#s=c1\./);
  return decodeLinkDocument(hash) as Doc;
}

const hashOf = (page: Page): string => new URL(page.url()).hash;

test.describe('scenario editor', () => {
  test('edit a parameter: the link and the topology follow; an invalid value is refused; undo and redo', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openConsole(page);
    await page.getByTestId('topo-service-web').click();
    await expect(page.getByTestId('inspector-service')).toHaveText('web');
    const replicas = page.getByTestId('edit-replicas');
    await expect(replicas).toHaveValue('4');
    await expect(page.getByTestId('editor-undo')).toBeDisabled();
    expect(hashOf(page)).toBe('');

    // A valid edit: the run reloads with 6 replicas, the link carries them.
    await replicas.fill('6');
    await replicas.press('Enter');
    await expect(page.getByTestId('topo-service-web-replicas')).toHaveAttribute('data-desired', '6');
    await expect.poll(() => hashOf(page)).not.toBe('');
    const edited = hashOf(page);
    expect(linkedDoc(page).services.find((s) => s.id === 'web')?.replicas).toBe(6);
    await expect(page.getByTestId('editor-undo')).toBeEnabled();

    // An invalid edit: the schema's message next to the field, the value typed kept, nothing applied.
    await replicas.fill('0');
    await replicas.press('Enter');
    await expect(page.getByTestId('edit-replicas-error')).toContainText('services[0].replicas: must be at least 1, got 0');
    await expect(replicas).toHaveValue('0');
    expect(hashOf(page)).toBe(edited);
    await expect(page.getByTestId('topo-service-web-replicas')).toHaveAttribute('data-desired', '6');

    // Undo: back to 4, and the link is the preset's own again.
    await page.getByTestId('editor-undo').click();
    await expect(replicas).toHaveValue('4');
    await expect(page.getByTestId('topo-service-web-replicas')).toHaveAttribute('data-desired', '4');
    await expect.poll(() => hashOf(page)).toBe(`#${encodeScenarioLink(PRESETS.default!.scenario)}`);
    // Redo: 6 again, the very same link as after the edit.
    await page.getByTestId('editor-redo').click();
    await expect(replicas).toHaveValue('6');
    await expect.poll(() => hashOf(page)).toBe(edited);
    // The keyboard: Ctrl+Z undoes, Ctrl+Y redoes (outside text fields).
    await page.getByTestId('scenario-name').click();
    await page.keyboard.press('Control+z');
    await expect(replicas).toHaveValue('4');
    await page.keyboard.press('Control+y');
    await expect(replicas).toHaveValue('6');

    // The link opens the edited scenario.
    const url = page.url();
    await page.goto('about:blank');
    await page.goto(url);
    await page.getByTestId('topo-service-web').click();
    await expect(page.getByTestId('edit-replicas')).toHaveValue('6');

    // Another scenario loaded is a step of the history: Undo brings the edited one back.
    await choosePreset(page, 'mm1', PRESETS.mm1!.scenario.name);
    await expect(page.getByTestId('editor-undo')).toHaveAttribute('title', 'Undo: Load preset mm1 (Ctrl+Z)');
    await page.getByTestId('editor-undo').click();
    await expect(page.getByTestId('scenario-name')).toHaveText(PRESETS.default!.scenario.name);
    await page.getByTestId('topo-service-web').click();
    await expect(page.getByTestId('edit-replicas')).toHaveValue('6');
    expect(errors).toEqual([]);
  });

  test('add a service from the palette and connect a workload to it (drag, and the keyboard way)', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openConsole(page);
    await page.getByTestId('palette-add-service').click();
    await expect(page.getByTestId('topo-service-service')).toBeVisible();
    await expect(page.getByTestId('inspector-service')).toHaveText('service');
    expect(linkedDoc(page).services.map((s) => s.id)).toEqual(['web', 'search', 'service']);

    // Drag from the workload's handle to the new service's handle.
    const from = page.getByTestId('topo-workload-searchers').locator('.react-flow__handle.source');
    const to = page.getByTestId('topo-service-service').locator('.react-flow__handle.target');
    const a = (await from.boundingBox())!;
    const b = (await to.boundingBox())!;
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 8 });
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => linkedDoc(page).workloads.find((w) => w.id === 'searchers')?.target).toBe('service');
    await expect(page.getByTestId('editor-message')).toContainText('Connect searchers → service');

    // Undo the drag, then connect with the keyboard: the workload's "Sends to" field.
    await page.getByTestId('editor-undo').click();
    await expect.poll(() => linkedDoc(page).workloads.find((w) => w.id === 'searchers')?.target).toBe('search');
    await page.getByTestId('palette-workload-searchers').click();
    await expect(page.getByTestId('element-inspector-id')).toHaveText('searchers');
    await page.getByTestId('edit-target').selectOption('service');
    await expect.poll(() => linkedDoc(page).workloads.find((w) => w.id === 'searchers')?.target).toBe('service');

    // A service → service call, the keyboard way: web calls the new service.
    await page.getByTestId('palette-service-web').click();
    await page.getByTestId('editor-call-target').selectOption('service');
    await page.getByTestId('editor-add-call').click();
    await expect.poll(() => linkedDoc(page).services.find((s) => s.id === 'web')?.calls?.targets.map((t) => t.service)).toEqual(['service']);
    expect(errors).toEqual([]);
  });

  test('a removal repairs what referred to it and says so (undo brings all back); a spike from the context menu', async ({ page }) => {
    await openConsole(page);
    await page.getByTestId('topo-service-web').click({ button: 'right' });
    await page.getByTestId('topo-menu-remove').click();
    await expect(page.getByTestId('editor-message')).toContainText('Applied: Remove service web');
    await expect(page.getByTestId('editor-repairs')).toContainText('removed workload shoppers (it sent to web)');
    await expect(page.getByTestId('topo-service-web')).toHaveCount(0);
    await expect(page.getByTestId('topo-workload-shoppers')).toHaveCount(0);
    expect(linkedDoc(page).workloads.map((w) => w.id)).toEqual(['searchers']);
    await page.getByTestId('editor-undo').click();
    await expect(page.getByTestId('topo-service-web')).toBeVisible();
    await expect(page.getByTestId('topo-workload-shoppers')).toBeVisible();
    await expect.poll(() => hashOf(page)).toBe(`#${encodeScenarioLink(PRESETS.default!.scenario)}`);

    await page.getByTestId('topo-workload-searchers').click({ button: 'right' });
    await page.getByTestId('topo-menu-spike').click();
    await expect(page.getByTestId('topo-workload-searchers-spike')).toBeVisible();
    const spike = linkedDoc(page).workloads.find((w) => w.id === 'searchers-spike');
    expect(spike?.target).toBe('search');
    expect(spike?.arrival.type).toBe('spike');

    // A replica crash from the service's menu is a fault in the scenario (and undoable).
    await page.getByTestId('topo-service-web').click({ button: 'right' });
    await page.getByTestId('topo-menu-crash').click();
    await expect.poll(() => (linkedDocOrNull(page) as unknown as { faults?: Array<{ kind: string; service: string }> } | null)?.faults?.map((f) => `${f.kind}:${f.service}`)).toEqual(['replica-crash:web']);
    await page.keyboard.press('Control+z');
    await expect.poll(() => { const d = linkedDocOrNull(page) as unknown as { faults?: unknown[] } | null; return d === null ? null : (d.faults ?? []); }).toEqual([]);
    await expect(page.getByTestId('topo-workload-searchers-spike')).toBeVisible();
  });

  test('the autoscaler as a form: max replicas changes the link, survives undo and redo; a policy with rules; undo past a preset load', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openConsole(page);
    await choosePreset(page, 'flash-crowd', PRESETS['flash-crowd']!.scenario.name);
    await page.getByTestId('topo-service-web').click();
    const max = page.getByTestId('edit-autoscaler-maxReplicas');
    await expect(max).toHaveValue('20');
    await expect(page.getByTestId('edit-autoscaler-policy')).toHaveValue('target-tracking');
    const presetHash = hashOf(page);

    await max.fill('12');
    await max.press('Enter');
    await expect.poll(() => (linkedDocOrNull(page) as unknown as AutoDoc | null)?.services[0]!.autoscaler.maxReplicas).toBe(12);
    const edited = hashOf(page);
    expect(edited).not.toBe(presetHash);
    await expect(page.getByTestId('editor-restarted')).toContainText('restarted at 0 s');
    await expect(page.getByTestId('clock')).toHaveText('00:00.0');
    await expect(page.getByTestId('inspector-autoscaler')).toContainText('2–12');

    // The schema's own message next to the field; nothing applied.
    const min = page.getByTestId('edit-autoscaler-minReplicas');
    await min.fill('30');
    await min.press('Enter');
    await expect(page.getByTestId('edit-autoscaler-minReplicas-error')).toContainText('services[0].autoscaler.minReplicas: must not exceed maxReplicas (12), got 30');
    expect(hashOf(page)).toBe(edited);
    await min.fill('2');
    await min.press('Enter');

    await page.getByTestId('editor-undo').click();
    await expect(max).toHaveValue('20');
    await expect.poll(() => (linkedDocOrNull(page) as unknown as AutoDoc | null)?.services[0]!.autoscaler.maxReplicas).toBe(20);
    await page.getByTestId('editor-redo').click();
    await expect(max).toHaveValue('12');
    await expect.poll(() => hashOf(page)).toBe(edited);

    // Step scaling: the rules as rows; a rule's action from a dropdown.
    await page.getByTestId('edit-autoscaler-policy').selectOption('step');
    await expect(page.getByTestId('edit-autoscaler-rules-row-1')).toBeVisible();
    await page.getByTestId('edit-rule-0-kind').selectOption('setTo');
    await expect.poll(() => (linkedDocOrNull(page) as unknown as AutoDoc | null)?.services[0]!.autoscaler.rules?.[0]).toEqual({ operator: '>', threshold: 0.8, for: 60, setTo: 1 });
    await page.getByTestId('edit-autoscaler-rules-add').click();
    await expect(page.getByTestId('edit-autoscaler-rules-row-2')).toBeVisible();
    await page.getByTestId('edit-autoscaler-rules-2-remove').click();
    await expect(page.getByTestId('edit-autoscaler-rules-row-2')).toHaveCount(0);

    // Undo everything, then the preset load itself: back to the default scenario.
    for (let i = 0; i < 5; i++) await page.getByTestId('editor-undo').click();
    await expect(max).toHaveValue('20');
    await expect(page.getByTestId('edit-autoscaler-policy')).toHaveValue('target-tracking');
    await expect(page.getByTestId('editor-undo')).toHaveAttribute('title', 'Undo: Load preset flash-crowd (Ctrl+Z)');
    await page.getByTestId('editor-undo').click();
    await expect(page.getByTestId('scenario-name')).toHaveText(PRESETS.default!.scenario.name);
    expect(errors).toEqual([]);
  });

  test('infrastructure view: drag a service onto a pool places it; a host is refused in words', async ({ page }) => {
    await openConsole(page);
    await choosePreset(page, 'flash-crowd', PRESETS['flash-crowd']!.scenario.name);
    await page.getByTestId('palette-add-service').click();
    await expect(page.getByTestId('topo-service-service')).toBeVisible();
    await page.getByTestId('view-infra').click();
    await expect(page.getByTestId('infra-pool-nodes')).toBeVisible();
    await page.getByTestId('infra-tray-open').click();
    await page.getByTestId('infra-tray-chip-service').dragTo(page.getByTestId('infra-pool-nodes'));
    await expect.poll(() => (linkedDocOrNull(page) as unknown as AutoDoc | null)?.services.find((s) => s.id === 'service')?.placement).toEqual({ kind: 'vm', zones: ['eu-west-a'] });
    expect((linkedDoc(page) as unknown as AutoDoc).services.find((s) => s.id === 'service')?.instanceType).toBe('g.small');
    await expect(page.getByTestId('editor-message')).toContainText('Place service on host pool nodes');

    const host = page.locator('[data-testid^="infra-host-"]').first();
    if ((await host.count()) === 0) await page.getByTestId('infra-pool-nodes-toggle').click();
    await page.getByTestId('infra-tray-chip-web').dragTo(page.locator('[data-testid^="infra-host-"]').first());
    await expect(page.getByTestId('editor-message')).toContainText('web cannot be pinned to host');
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { buildSkill, buildUser, page, type SkillData } from '@/testing/mocks/data';
import { server, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const duplicate = buildSkill({ id: 9, slug: 'k8s', name_de: 'K8s', name_en: 'K8s', name: 'K8s', aliases: [], profile_count: 3 });

function useTaxonomyServer(skills: SkillData[]) {
  const sent = { merged: [] as unknown[], approved: [] as number[], created: [] as unknown[], queries: [] as URLSearchParams[] };
  server.use(
    http.get(url('skills/'), ({ request }) => {
      sent.queries.push(new URL(request.url).searchParams);
      return HttpResponse.json(page(skills));
    }),
    http.get(url('skills/autocomplete/'), () => HttpResponse.json([{ id: 7, slug: 'kubernetes', name: 'Kubernetes' }])),
    http.post(url('skills/:id/merge/'), async ({ params, request }) => {
      sent.merged.push({ id: Number(params.id), body: await request.json() });
      return HttpResponse.json({ ...duplicate, status: 'merged' });
    }),
    http.post(url('skills/:id/approve/'), ({ params }) => {
      sent.approved.push(Number(params.id));
      return HttpResponse.json(buildSkill({ id: Number(params.id) }));
    }),
    http.post(url('skills/'), async ({ request }) => {
      sent.created.push(await request.json());
      return HttpResponse.json(buildSkill({ id: 50 }), { status: 201 });
    }),
  );
  return sent;
}

describe('TaxonomyPage', () => {
  it('merges a duplicate only after a confirmation that explains what happens', async () => {
    const sent = useTaxonomyServer([buildSkill(), duplicate]);
    const { user } = renderApp('/administration/skills', { user: buildUser({ role: 'manager' }) });

    await user.click(await screen.findByRole('button', { name: '„K8s“ mit einer anderen Kompetenz zusammenführen' }));
    const dialog = screen.getByRole('dialog', { name: '„K8s“ zusammenführen' });
    await user.type(within(dialog).getByRole('combobox', { name: 'Ziel-Kompetenz' }), 'Kube');
    await user.click(await within(dialog).findByRole('option', { name: 'Kubernetes' }));
    await user.click(within(dialog).getByRole('button', { name: 'Weiter' }));

    const confirm = screen.getByRole('alertdialog', { name: '„K8s“ in „Kubernetes“ zusammenführen?' });
    expect(confirm).toHaveTextContent('3 Profile mit „K8s“ erhalten stattdessen „Kubernetes“.');
    expect(within(confirm).getByRole('button', { name: 'Abbrechen' })).toHaveFocus();
    expect(sent.merged).toEqual([]);

    await user.click(within(confirm).getByRole('button', { name: 'Endgültig zusammenführen' }));

    expect(await screen.findByText('„K8s“ wurde in „Kubernetes“ zusammengeführt.')).toBeInTheDocument();
    expect(sent.merged).toEqual([{ id: 9, body: { into: 7 } }]);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('does not merge when the confirmation is cancelled', async () => {
    const sent = useTaxonomyServer([duplicate]);
    const { user } = renderApp('/administration/skills', { user: buildUser({ role: 'admin' }) });

    await user.click(await screen.findByRole('button', { name: '„K8s“ mit einer anderen Kompetenz zusammenführen' }));
    await user.type(screen.getByRole('combobox', { name: 'Ziel-Kompetenz' }), 'Kube');
    await user.click(await screen.findByRole('option', { name: 'Kubernetes' }));
    await user.click(screen.getByRole('button', { name: 'Weiter' }));
    await user.keyboard('{Escape}');

    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(sent.merged).toEqual([]);
  });

  it('approves a proposed skill', async () => {
    const sent = useTaxonomyServer([buildSkill({ id: 12, name_de: 'Prompt Engineering', name_en: 'Prompt engineering', name: 'Prompt Engineering', status: 'proposed', profile_count: 0 })]);
    const { user } = renderApp('/administration/skills', { user: buildUser({ role: 'manager' }) });

    await user.click(await screen.findByRole('button', { name: '„Prompt Engineering“ freigeben' }));
    await waitFor(() => expect(sent.approved).toEqual([12]));
  });

  it('creates a skill with names and aliases', async () => {
    const sent = useTaxonomyServer([]);
    const { user } = renderApp('/administration/skills', { user: buildUser({ role: 'manager' }) });

    await user.click(await screen.findByRole('button', { name: 'Kompetenz anlegen' }));
    const dialog = screen.getByRole('dialog', { name: 'Kompetenz anlegen' });
    await user.type(within(dialog).getByLabelText('Name (Deutsch)'), 'Datenschutz');
    await user.type(within(dialog).getByLabelText('Name (Englisch)'), 'Data protection');
    await user.type(within(dialog).getByLabelText('Synonyme und Abkürzungen'), 'DSGVO, GDPR');
    await user.click(within(dialog).getByRole('button', { name: 'Speichern' }));

    await waitFor(() =>
      expect(sent.created).toEqual([{ name_de: 'Datenschutz', name_en: 'Data protection', parent: null, aliases: ['DSGVO', 'GDPR'], description: '' }]),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

// Loaded up front so the lazy route resolves at once (the editor bundle is large).
import '@/features/profile/components/profile-page';
import { apiError, buildExpertDetail, buildMyProfile, buildUser, cloudMigration, kubernetes, type MyProfileData } from '@/testing/mocks/data';
import { server, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

/** A tiny profile store behind the real endpoints, recording what the page sends. */
function useProfileServer(initial: MyProfileData = buildMyProfile()) {
  let profile = initial;
  const sent = { patch: [] as unknown[], skills: [] as unknown[], publish: [] as string[], previews: [] as string[], photos: [] as string[] };
  server.use(
    http.get(url('profile/'), () => HttpResponse.json(profile)),
    http.patch(url('profile/'), async ({ request }) => {
      const body = (await request.json()) as Partial<MyProfileData> & { visibility?: Partial<MyProfileData['visibility']> };
      sent.patch.push(body);
      if (body.slug === 'vergeben') {
        return HttpResponse.json(
          apiError('Bitte korrigieren Sie die markierten Felder.', 'validation_error', { slug: ['Diese Adresse ist schon vergeben.'] }),
          { status: 400 },
        );
      }
      profile = { ...profile, ...body, visibility: { ...profile.visibility, ...body.visibility } };
      return HttpResponse.json(profile);
    }),
    http.put(url('profile/skills/'), async ({ request }) => {
      const body = (await request.json()) as { skill: number; level: number }[];
      sent.skills.push(body);
      const names = new Map([kubernetes, cloudMigration].map((skill) => [skill.id, skill]));
      profile = {
        ...profile,
        skills: body.map((item) => ({ interest: false, ask_me_about: false, can_mentor: false, ...item, skill: names.get(item.skill) ?? kubernetes })),
      };
      return HttpResponse.json(profile);
    }),
    http.get(url('skills/autocomplete/'), ({ request }) => {
      const q = new URL(request.url).searchParams.get('q')?.toLowerCase() ?? '';
      return HttpResponse.json([kubernetes, cloudMigration].filter((skill) => skill.name.toLowerCase().includes(q) || (q === 'k8s' && skill === kubernetes)));
    }),
    http.post(url('profile/photo/'), async ({ request }) => {
      const photo = (await request.formData()).get('photo');
      // jsdom's FormData loses the file name on its way through fetch; a file part is what counts.
      sent.photos.push(photo === null ? 'missing' : typeof photo === 'string' ? 'text' : 'file');
      profile = { ...profile, photo_url: '/media/profiles/photos/erika.webp' };
      return HttpResponse.json(profile);
    }),
    http.post(url('profile/publish/'), () => {
      sent.publish.push('publish');
      profile = { ...profile, is_published: true, published_at: '2024-05-03T10:00:00Z' };
      return HttpResponse.json(profile);
    }),
    http.post(url('profile/unpublish/'), () => {
      sent.publish.push('unpublish');
      profile = { ...profile, is_published: false, published_at: null };
      return HttpResponse.json(profile);
    }),
    http.get(url('profile/preview/'), ({ request }) => {
      const audience = new URL(request.url).searchParams.get('audience') ?? '';
      sent.previews.push(audience);
      return HttpResponse.json(
        buildExpertDetail({ slug: 'erika-mustermann', name: 'Erika Mustermann', headline: 'Cloud architect', bio: null, languages: null, links: null, availability: null }),
      );
    }),
  );
  return sent;
}

async function openProfile() {
  const rendered = renderApp('/profile', { user: buildUser() });
  expect(await screen.findByRole('heading', { level: 1, name: 'Mein Profil' })).toBeInTheDocument();
  await screen.findByRole('form', { name: 'Über mich' });
  return rendered;
}

describe('ProfilePage', () => {
  it('shows completeness with the server hints and the department from the user', async () => {
    useProfileServer();
    await openProfile();
    expect(screen.getByLabelText('Vollständigkeit')).toHaveAttribute('value', '60');
    expect(within(screen.getByTestId('completeness-hints')).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Fügen Sie ein Foto hinzu.',
      'Fügen Sie zwei Kompetenzen mit Stufe hinzu.',
    ]);
    expect(screen.getByText('Vertrieb')).toBeInTheDocument();
  });

  it('saves the texts and shows the server field errors', async () => {
    const sent = useProfileServer();
    const { user } = await openProfile();
    const form = screen.getByRole('form', { name: 'Über mich' });

    const headline = within(form).getByLabelText('Kurzbeschreibung (Deutsch)');
    await user.clear(headline);
    await user.type(headline, 'Expertin für Cloud-Migration');
    const slug = within(form).getByLabelText('Adresse Ihres Profils');
    await user.clear(slug);
    await user.type(slug, 'vergeben');
    await user.click(within(form).getByRole('button', { name: 'Speichern' }));

    expect(await within(form).findByText('Diese Adresse ist schon vergeben.')).toBeInTheDocument();
    expect(slug).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByRole('alert')).toHaveTextContent('Bitte korrigieren Sie die markierten Felder.');

    await user.clear(slug);
    await user.type(slug, 'erika-cloud');
    await user.click(within(form).getByRole('button', { name: 'Speichern' }));

    expect(await within(form).findByText('Gespeichert.')).toBeInTheDocument();
    expect(slug).not.toHaveAttribute('aria-invalid');
    expect(sent.patch).toHaveLength(2);
    expect(sent.patch[1]).toEqual({
      headline_de: 'Expertin für Cloud-Migration',
      headline_en: 'Cloud architect',
      bio_de: '<p>Ich migriere <strong>Rechenzentren</strong> in die Cloud.</p>',
      bio_en: '<p>I move <strong>data centres</strong> to the cloud.</p>',
      slug: 'erika-cloud',
    });
  });

  it('adds a skill from the autocomplete with a level', async () => {
    const sent = useProfileServer();
    const { user } = await openProfile();

    await user.type(screen.getByRole('combobox', { name: 'Kompetenz hinzufügen' }), 'Kube');
    await user.click(await screen.findByRole('option', { name: /Kubernetes/ }));
    const row = screen.getByRole('listitem', { name: 'Kubernetes' });
    await user.click(within(row).getByRole('radio', { name: 'Stufe 4 von 5: Fortgeschritten' }));
    await user.click(within(row).getByRole('checkbox', { name: 'Kann mentoren' }));
    await user.click(screen.getByRole('button', { name: 'Kompetenzen speichern' }));

    await waitFor(() => expect(sent.skills).toHaveLength(1));
    expect(sent.skills[0]).toEqual([
      { skill: cloudMigration.id, level: 5, interest: false, ask_me_about: true, can_mentor: true },
      { skill: kubernetes.id, level: 4, interest: false, ask_me_about: false, can_mentor: true },
    ]);
    expect(within(screen.getByRole('form', { name: 'Kompetenzen' })).getByText('Gespeichert.')).toBeInTheDocument();
  });

  it('sends a visibility change at once', async () => {
    const sent = useProfileServer();
    const { user } = await openProfile();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Links' }), 'Öffentlich');

    await waitFor(() => expect(sent.patch).toEqual([{ visibility: { links: 'public' } }]));
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Links' })).toHaveValue('public'));
  });

  it('publishes and unpublishes the profile', async () => {
    const sent = useProfileServer();
    const { user } = await openProfile();
    expect(screen.getByTestId('publish-status')).toHaveTextContent('Nicht veröffentlicht');

    await user.click(screen.getByRole('button', { name: 'Profil veröffentlichen' }));
    expect(await screen.findByRole('button', { name: 'Veröffentlichung zurückziehen' })).toBeInTheDocument();
    expect(screen.getByTestId('publish-status')).toHaveTextContent('Veröffentlicht seit');

    await user.click(screen.getByRole('button', { name: 'Veröffentlichung zurückziehen' }));
    expect(await screen.findByRole('button', { name: 'Profil veröffentlichen' })).toBeInTheDocument();
    expect(sent.publish).toEqual(['publish', 'unpublish']);
  });

  it('previews the profile as a visitor with the public page component', async () => {
    const sent = useProfileServer();
    const { user } = await openProfile();

    await user.click(screen.getByRole('button', { name: 'Vorschau als Besucher:in' }));
    const preview = await screen.findByRole('region', { name: 'So sehen Besucher:innen Ihr Profil' });
    expect(await within(preview).findByRole('heading', { level: 2, name: 'Erika Mustermann' })).toBeInTheDocument();
    expect(within(preview).getByRole('heading', { name: 'Kompetenzen' })).toBeInTheDocument();
    expect(within(preview).queryByRole('heading', { name: 'Über mich' })).not.toBeInTheDocument();
    expect(sent.previews).toEqual(['public']);
  });

  it('uploads a chosen photo as multipart', async () => {
    const sent = useProfileServer();
    const { user } = await openProfile();
    await user.upload(screen.getByLabelText('Foto auswählen'), new File(['webp'], 'erika.webp', { type: 'image/webp' }));
    await user.click(screen.getByRole('button', { name: 'Foto hochladen' }));
    expect(await screen.findByRole('img', { name: 'Ihr aktuelles Foto' })).toHaveAttribute('src', '/media/profiles/photos/erika.webp');
    expect(sent.photos).toEqual(['file']);
  });

  it('checks link addresses and shows the server message under the row', async () => {
    useProfileServer();
    const bodies: unknown[] = [];
    server.use(
      http.put(url('profile/links/'), async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json(
          { message: 'Bitte korrigieren Sie die markierten Felder.', code: 'validation_error', extra: { fields: [{}, { url: ['Das ist keine XING-Profiladresse.'] }] } },
          { status: 400 },
        );
      }),
    );
    const { user } = await openProfile();
    const form = screen.getByRole('form', { name: 'Links' });

    await user.click(within(form).getByRole('button', { name: 'Link hinzufügen' }));
    const rows = within(form).getAllByRole('listitem');
    const row = rows[1];
    if (!row) throw new Error('no new row');
    await user.selectOptions(within(row).getByLabelText('Art'), 'XING');
    expect(within(row).getByText('Zum Beispiel https://www.xing.com/profile/…')).toBeInTheDocument();
    await user.type(within(row).getByLabelText('Adresse'), 'xing.com/erika');
    await user.click(within(form).getByRole('button', { name: 'Links speichern' }));
    expect(within(row).getByText('Bitte eine vollständige Adresse mit https:// angeben.')).toBeInTheDocument();
    expect(bodies).toEqual([]);

    await user.clear(within(row).getByLabelText('Adresse'));
    await user.type(within(row).getByLabelText('Adresse'), 'https://xing.com/erika');
    await user.click(within(form).getByRole('button', { name: 'Links speichern' }));

    expect(await within(row).findByText('Das ist keine XING-Profiladresse.')).toBeInTheDocument();
    expect(bodies).toEqual([
      [
        { kind: 'linkedin', url: 'https://www.linkedin.com/in/erika-mustermann' },
        { kind: 'xing', url: 'https://xing.com/erika' },
      ],
    ]);
  });

  it('refuses a photo of the wrong type before uploading', async () => {
    useProfileServer();
    await openProfile();
    const input = screen.getByLabelText('Foto auswählen');
    // Bypasses the accept filter the way a drag-and-drop or an old browser would.
    fireEvent.change(input, { target: { files: [new File(['%PDF'], 'lebenslauf.pdf', { type: 'application/pdf' })] } });
    expect(await screen.findByText('Bitte wählen Sie ein JPEG-, PNG- oder WebP-Bild.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Foto hochladen' })).toBeDisabled();
  });
});

import { api, request } from '@/lib/api-client';
import { useOrganisationMutation } from '@/features/organisation/api/departments';

/** POST organisation/import/ as multipart with the CSV in field `file`. */
export function importOrganisation(file: File) {
  return request(
    api.POST('/api/v1/organisation/import/', {
      // The schema types `format: binary` as string; the real value is the File, sent via FormData.
      body: { file: file as unknown as string },
      bodySerializer: () => {
        const formData = new FormData();
        formData.append('file', file);
        return formData;
      },
    }),
  );
}

export const useImportOrganisation = () => useOrganisationMutation(importOrganisation);

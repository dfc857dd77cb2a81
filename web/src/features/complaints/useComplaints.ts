import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap, type Schema } from '../../api/client';

export type Complaint = Schema<'ComplaintResponse'>;

export function useComplaint(id: string) {
  return useQuery({
    queryKey: ['complaints', id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/complaints/{id}', { params: { path: { id } }, signal })),
  });
}

export function fetchComplaint(id: string) {
  return unwrap(api.GET('/api/complaints/{id}', { params: { path: { id } } }));
}

export function useCreateComplaint() {
  return useMutation({
    mutationFn: (body: Schema<'CreateComplaintDto'>) => unwrap(api.POST('/api/complaints', { body })),
  });
}

export function useUpdateComplaint(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: Schema<'UpdateComplaintDto'> }) =>
      unwrap(api.PATCH('/api/complaints/{id}', { params: { path: { id }, header: ifMatch(version) }, body })),
    onSuccess: (complaint) => queryClient.setQueryData(['complaints', id], complaint),
  });
}

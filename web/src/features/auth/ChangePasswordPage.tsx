import { Alert, Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { api, ApiError, unwrap } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { applyFieldErrors } from '../../components/fieldErrors';
import { usePageTitle } from '../../components/usePageTitle';
import { useSession } from './session';

const PASSWORD_MIN = 12;

export default function ChangePasswordPage() {
  usePageTitle('Change password');
  const { markEnded } = useSession();
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    validate: {
      currentPassword: (v) => (v ? null : 'Enter your current password'),
      newPassword: (v) => (v.length >= PASSWORD_MIN ? null : `The new password needs at least ${PASSWORD_MIN} characters`),
      confirmPassword: (v, values) => (v === values.newPassword ? null : 'The two new passwords are not the same'),
    },
  });
  const change = useMutation({
    mutationFn: (values: { currentPassword: string; newPassword: string }) =>
      // A wrong current password is a 401 about this form, not a lost session.
      unwrap(api.POST('/api/auth/password', { body: values }), { quiet401: true }),
    onSuccess: () => {
      // The server has ended every session of the account, this one too: RequireSession leads
      // to /sign-in?changed=1.
      markEnded();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 401) {
        form.setFieldError('currentPassword', 'The current password is not right');
      } else {
        applyFieldErrors(form, error);
      }
    },
  });

  const shownError = change.error && !(change.error instanceof ApiError && (change.error.status === 401 || (change.error.status === 400 && change.error.details.length)))
    ? change.error : null;

  return (
    <Stack maw={480}>
      <Title order={1}>Change password</Title>
      <Text>Changing your password signs you out everywhere, here too. Then sign in with the new one.</Text>
      {shownError ? <ErrorNotice error={shownError} title="The password was not changed" /> : null}
      <Paper withBorder p="lg" component="form" noValidate
        onSubmit={form.onSubmit(({ currentPassword, newPassword }) => change.mutate({ currentPassword, newPassword }))}>
        <Stack>
          <PasswordInput label="Current password" autoComplete="current-password" required aria-invalid={Boolean(form.errors.currentPassword)} {...form.getInputProps('currentPassword')} />
          <PasswordInput label="New password" autoComplete="new-password" required
            description={`At least ${PASSWORD_MIN} characters`} aria-invalid={Boolean(form.errors.newPassword)} {...form.getInputProps('newPassword')} />
          <PasswordInput label="Confirm new password" autoComplete="new-password" required aria-invalid={Boolean(form.errors.confirmPassword)} {...form.getInputProps('confirmPassword')} />
          <Button type="submit" loading={change.isPending}>Change password</Button>
        </Stack>
      </Paper>
      {change.isSuccess && <Alert role="status">Password changed.</Alert>}
    </Stack>
  );
}

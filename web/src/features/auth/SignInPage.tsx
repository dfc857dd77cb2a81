import { Alert, Button, Container, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { usePageTitle } from '../../components/usePageTitle';
import { useSession } from './session';

export const SIGN_IN_FAILED = 'Sign-in failed: wrong username or password, or the account is locked.';

/** Only paths inside the app: a `next` pointing elsewhere would make sign-in an open redirect. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/cases';
}

export function SignInPage() {
  usePageTitle('Sign in');
  const { state, signIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const form = useForm({
    initialValues: { username: '', password: '' },
    validate: {
      username: (v) => (v.trim() ? null : 'Enter your username'),
      password: (v) => (v ? null : 'Enter your password'),
    },
  });

  if (state.status === 'signed-in' && !pending) return <Navigate to={next} replace />;
  const invalid = (field: 'username' | 'password') => Boolean(form.errors[field]);

  async function submit(values: { username: string; password: string }) {
    setError(null);
    setPending(true);
    try {
      await signIn(values.username.trim(), values.password);
      navigate(next, { replace: true });
    } catch (caught) {
      setError(caught);
      form.setFieldValue('password', '');
    } finally {
      setPending(false);
    }
  }

  const failed = error instanceof ApiError && error.status === 401;
  const throttled = error instanceof ApiError && error.status === 429;

  return (
    <Container size={420} py={64} component="main" id="main">
      <Stack>
        <Title order={1}>Sign in to Probity</Title>
        {params.get('ended') && !error && (
          <Alert color="blue" variant="light" title="Your session ended" role="status">
            Sign in again to carry on where you were.
          </Alert>
        )}
        {params.get('changed') && !error && (
          <Alert color="green" variant="light" title="Password changed" role="status">
            Sign in with your new password.
          </Alert>
        )}
        {failed && <Alert color="red" variant="light" role="alert" title="Sign-in failed">{SIGN_IN_FAILED}</Alert>}
        {throttled && (
          <Alert color="red" variant="light" role="alert" title="Too many attempts">
            Too many sign-in attempts: wait a minute, then try again.
          </Alert>
        )}
        {error && !failed && !throttled ? <ErrorNotice error={error} title="Sign-in failed" /> : null}
        <Paper withBorder p="lg" component="form" onSubmit={form.onSubmit(submit)} noValidate>
          <Stack>
            <TextInput label="Username" autoComplete="username" required autoFocus aria-invalid={invalid('username')} {...form.getInputProps('username')} />
            <PasswordInput label="Password" autoComplete="current-password" required aria-invalid={invalid('password')} {...form.getInputProps('password')} />
            <Button type="submit" loading={pending}>Sign in</Button>
          </Stack>
        </Paper>
        <Text size="sm" c="dimmed">Accounts are created by an administrator. Ask yours if you cannot sign in.</Text>
      </Stack>
    </Container>
  );
}

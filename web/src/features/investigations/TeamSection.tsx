import { ActionIcon, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { can } from '../../app/can';
import { DataTable } from '../../components/DataTable';
import { ErrorNotice } from '../../components/ErrorNotice';
import { applyFieldErrors } from '../../components/fieldErrors';
import { useUser } from '../auth/session';
import { useAddTeamMember, useRemoveTeamMember, type Investigation } from './useInvestigation';

type Member = Investigation['team'][number];

export function TeamSection({ investigation }: { investigation: Investigation }) {
  const user = useUser();
  const add = useAddTeamMember(investigation.id);
  const remove = useRemoveTeamMember(investigation.id);
  const editable = can(user, 'manage-team') && !investigation.archivedAt;
  const form = useForm({
    initialValues: { userId: '' },
    validate: { userId: (v) => (/^[0-9a-f-]{36}$/i.test(v.trim()) ? null : 'Enter the user id (a UUID) an administrator gave you') },
  });

  return (
    <Stack>
      <Title order={2} size="h3">Team</Title>
      <DataTable<Member>
        caption="Team members"
        rows={investigation.team}
        rowKey={(m) => m.userId}
        empty="No one is on the team."
        columns={[
          { key: 'username', header: 'User', cell: (m) => m.username },
          { key: 'role', header: 'Role on the case', cell: (m) => (m.lead ? 'Lead investigator' : 'Team member') },
          ...(editable ? [{
            key: 'actions', header: 'Actions',
            cell: (m: Member) => (m.lead ? <Text size="sm" c="dimmed">—</Text> : (
              <ActionIcon variant="subtle" color="red.9" aria-label={`Remove ${m.username} from the team`}
                loading={remove.isPending && remove.variables?.userId === m.userId}
                onClick={() => remove.mutate({ userId: m.userId })}>
                <span aria-hidden="true">✕</span>
              </ActionIcon>
            )),
          }] : []),
        ]}
      />
      <ErrorNotice error={remove.error} title="The member was not removed" />
      {editable && (
        <Paper withBorder p="md" component="form" aria-label="Add a team member" noValidate
          onSubmit={form.onSubmit(({ userId }) => add.mutate({ userId: userId.trim() }, {
            onSuccess: () => form.reset(),
            onError: (error) => { applyFieldErrors(form, error); },
          }))}>
          <Stack>
            <Text fw={600}>Add a team member</Text>
            <TextInput label="User id" description="The user's id (an active investigator); only the lead investigator or a reviewer can add members" {...form.getInputProps('userId')} />
            {add.error && !(add.error as { details?: unknown[] }).details?.length ? <ErrorNotice error={add.error} title="The member was not added" /> : null}
            <Group><Button type="submit" loading={add.isPending}>Add to team</Button></Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

import { Anchor, Badge, Button, Container, Group, Loader, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { ErrorNotice } from '../components/ErrorNotice';
import { useSession, useUser } from '../features/auth/session';
import { can, seesOnlyOwnCases } from './can';

const ROLE_NAMES: Record<string, string> = {
  admin: 'Administrator', investigator: 'Investigator', reviewer: 'Reviewer', analyst: 'Analyst',
};

export function PageLoading() {
  return (
    <Group justify="center" p="xl" role="status">
      <Loader size="sm" aria-hidden="true" />
      <Text>Loading…</Text>
    </Group>
  );
}

function NavItem({ to, children }: { to: string; children: string }) {
  return (
    <Anchor
      component={NavLink}
      to={to}
      end={to === '/cases'}
      fw={500}
      c="blue.9"
      style={({ isActive }: { isActive: boolean }) => (isActive ? { textDecoration: 'underline', textUnderlineOffset: 4 } : undefined)}
    >
      {children}
    </Anchor>
  );
}

/** The frame of every signed-in page: skip link, header with navigation and the user, main. */
export function Layout() {
  const user = useUser();
  const { signOut } = useSession();
  const location = useLocation();
  const mainRef = useRef<HTMLDivElement>(null);
  const [signOutError, setSignOutError] = useState<unknown>(null);

  // After a route change, focus moves to main so screen readers start at the new page.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) { firstRender.current = false; return; }
    mainRef.current?.focus();
  }, [location.pathname]);

  async function handleSignOut() {
    try {
      // RequireSession then leads to the sign-in page.
      await signOut();
    } catch (error) {
      setSignOutError(error);
    }
  }

  return (
    <>
      <a className="skip-link" href="#main">Skip to main content</a>
      <header style={{ borderBottom: '1px solid var(--mantine-color-gray-4)', background: 'var(--mantine-color-gray-0)' }}>
        <Container size="xl" py="sm">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Group gap="lg" wrap="wrap">
              <Text fw={700} fz="lg" c="blue.9">Probity</Text>
              <nav aria-label="Main">
                <Group gap="md" wrap="wrap" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                  {can(user, 'see-cases') && <li><NavItem to="/cases">{seesOnlyOwnCases(user) ? 'My cases' : 'Cases'}</NavItem></li>}
                  {can(user, 'create-complaint') && <li><NavItem to="/complaints/new">New complaint</NavItem></li>}
                  {can(user, 'review-queue') && <li><NavItem to="/review">Review queue</NavItem></li>}
                  {can(user, 'see-registers') && <li><NavItem to="/recommendations">Recommendations</NavItem></li>}
                  {can(user, 'see-registers') && <li><NavItem to="/barred-list">Barred list</NavItem></li>}
                  {can(user, 'see-registers') && <li><NavItem to="/deadlines">Deadlines</NavItem></li>}
                </Group>
              </nav>
            </Group>
            <Group gap="sm" wrap="wrap" aria-label="Signed in user" role="group">
              <Text size="sm">
                Signed in as <strong>{user.displayName}</strong>
              </Text>
              {user.roles.map((role) => <Badge key={role} variant="outline" color="gray.8">{ROLE_NAMES[role] ?? role}</Badge>)}
              <Anchor component={NavLink} to="/account/password" size="sm" c="blue.9">Change password</Anchor>
              <Button variant="default" size="xs" onClick={handleSignOut}>Sign out</Button>
            </Group>
          </Group>
        </Container>
      </header>
      <Container size="xl" py="md" component="main" id="main" tabIndex={-1} ref={mainRef}>
        {signOutError ? <ErrorNotice error={signOutError} title="Sign-out failed" /> : null}
        <Outlet />
      </Container>
    </>
  );
}

import { createTheme, darken, Modal, type CSSVariablesResolver, NativeSelect, PasswordInput, Textarea, TextInput } from '@mantine/core';

// Labels stay exactly their words (no " *" appended): forms mark the optional fields instead.
const noAsterisk = { defaultProps: { withAsterisk: false } };

// Shade 8 of each colour keeps white text and coloured text on white at 4.5:1 or better.
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  focusRing: 'auto',
  defaultRadius: 'sm',
  // With prefers-reduced-motion, modals and notifications appear without transitions.
  respectReducedMotion: true,
  components: {
    TextInput: TextInput.extend(noAsterisk),
    PasswordInput: PasswordInput.extend(noAsterisk),
    Textarea: Textarea.extend(noAsterisk),
    NativeSelect: NativeSelect.extend(noAsterisk),
    // Dialogs go at the end of <main>, not of <body>: their <header> then is no second banner landmark.
    Modal: Modal.extend({ defaultProps: { portalProps: { target: '#main' }, closeButtonProps: { 'aria-label': 'Close dialog' } } }),
  },
});

// Text on the light (tinted) variants of alerts, badges and buttons: darker than the darkest shade
// (orange and yellow most of all), for 4.5:1 on their tinted backgrounds.
const LIGHT_TEXT_DARKENING: Record<string, number> = { orange: 0.4, yellow: 0.5, red: 0.25, green: 0.25, teal: 0.25, blue: 0.1, violet: 0.1, gray: 0 };
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: Object.fromEntries(Object.entries(LIGHT_TEXT_DARKENING)
    .map(([color, amount]) => [`--mantine-color-${color}-light-color`, darken(t.colors[color][9], amount)])),
  dark: {},
});

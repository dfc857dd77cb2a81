import { createTheme, NativeSelect, PasswordInput, Textarea, TextInput } from '@mantine/core';

// Labels stay exactly their words (no " *" appended): forms mark the optional fields instead.
const noAsterisk = { defaultProps: { withAsterisk: false } };

// Shade 8 of each colour keeps white text and coloured text on white at 4.5:1 or better.
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  focusRing: 'auto',
  defaultRadius: 'sm',
  components: {
    TextInput: TextInput.extend(noAsterisk),
    PasswordInput: PasswordInput.extend(noAsterisk),
    Textarea: Textarea.extend(noAsterisk),
    NativeSelect: NativeSelect.extend(noAsterisk),
  },
});

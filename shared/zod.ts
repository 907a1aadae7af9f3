/**
 * zod/mini (tree-shakable, unlike zod's classic API) with zod's English messages, configured once:
 * every schema module imports `z` from here, so every bundle that parses has the messages. Only the
 * English locale: `z.locales` would pull in every language.
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';

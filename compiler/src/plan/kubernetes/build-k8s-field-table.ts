/**
 * Writes dist/k8s-field-table.json (see ../k8s-field-table.ts) from @kubernetes/client-node's models.
 * Run by `npm run build`; a checked kind whose model is missing fails the build.
 */
import { writeFileSync } from 'node:fs';
import { fieldTablePath } from '../k8s-field-table.js';
import { clientNodeFieldLists } from './client-node-field-lists.js';

writeFileSync(fieldTablePath, JSON.stringify(clientNodeFieldLists()));

/** The learner's dashboard: the page every visit starts on, and the one the ceilings are compared with. */
import type { Learner } from '../seed';
import { read } from './read';
import type { Scenario, Site } from './scenario';

export const dashboard = (site: Site, readers: Learner[]): Scenario => ({ name: 'dashboard', kind: 'page', plan: read(site, readers, () => '/dashboard') });

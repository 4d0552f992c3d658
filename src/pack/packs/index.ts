/** The packs Backstory ships. The zero-tolerance pack is the first; the engine reads whichever is active. */
import type { Pack } from '../schema';
import { zeroTolerancePack } from './zero-tolerance';

export const packs: Pack[] = [zeroTolerancePack];
export const activePack: Pack = zeroTolerancePack;

// One type for text shown to people (Vietnamese first, English second): the contracts' own, which the error
// bodies of every service carry too.
export type { LocalizedText } from '@dx/contracts';

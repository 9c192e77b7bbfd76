import { Catalogue, loadCatalogue } from './catalogue';
import { INDICATORS } from './indicators.constant';
import { MEASURES } from './measures.constant';
import { TARGETS } from './targets.constant';

/** The catalogue of product.md, validated when this module loads. */
export const DEFAULT_CATALOGUE: Catalogue = loadCatalogue({ measures: MEASURES, indicators: INDICATORS, targets: TARGETS });

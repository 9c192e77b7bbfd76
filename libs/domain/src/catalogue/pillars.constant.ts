import { LocalizedText } from '../shared/localized-text.type';
import { PillarCode } from './catalogue.type';

/** The plan's pillars with their names. */
export const PILLARS: Readonly<Record<PillarCode, LocalizedText>> = {
  government: { vi: 'Chính quyền số', en: 'Digital government' },
  economy: { vi: 'Kinh tế số', en: 'Digital economy' },
  society: { vi: 'Xã hội số', en: 'Digital society' },
  overall: { vi: 'Tổng thể', en: 'Overall' },
};

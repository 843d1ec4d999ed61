export { langOf, dirOf, inLang, systemTextIn, type Lang, type Bilingual } from './lang';
export { t, isMessageKey } from './t';
export type { MessageKey } from './messages';
export { roleName, agencyName, actionName, actionCommand, statusName, holderText } from './case-names';
export { formatNumber, formatArea, formatRialShort, formatMetres, formatBytes, formatPercent, formatDigits, isPersianText, formatDate, formatDateInput, formatTime, joinList, factSep, toLatinDigits, toArrow } from './format';
export { landUseName, landUseKey, LAND_USES, type LandUse } from './land-use';

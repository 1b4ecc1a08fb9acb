/** A campaign's segment in words, for staff. */
import type { TFunction } from 'i18next';
import type { Segment } from '../db/schema.ts';
import type { Services } from '../services.ts';
import { schemeLabel } from '../worklist/cases.ts';
import { LIFE_EVENT_MONTHS } from './segments.ts';

export function describeSegment(s: Services, t: TFunction, municipality: string, segment: Segment, language: 'nl' | 'en'): string {
  switch (segment.kind) {
    case 'schemes':
      return t('segment.schemes', { schemes: segment.schemeIds.map((id) => schemeLabel(s, municipality, id, language)).join(', ') });
    case 'household':
      return t('segment.household', { types: segment.types.map((x) => t(`householdTypes.${x}`)).join(', ') });
    case 'life-event':
      return t('segment.lifeEventWithin', {
        event: s.rulebook.events[segment.event]?.texts[language].name ?? segment.event,
        count: segment.months ?? LIFE_EVENT_MONTHS,
      });
    case 'list':
      return t(segment.source === 'screening' ? 'segment.screening' : 'segment.list', { label: segment.label, count: segment.entries });
  }
}

/** The e-mail addresses in an uploaded list: anything that looks like one, once each. */
export function addressesIn(text: string): string[] {
  const found = text.match(/[^\s,;"'<>()[\]]+@[^\s,;"'<>()[\]]+\.[a-z]{2,}/gi) ?? [];
  return [...new Set(found.map((a) => a.toLowerCase()))];
}

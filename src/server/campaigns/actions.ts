/**
 * The campaign page's forms (texts, test mail, send or schedule, unschedule, pause, resume, cancel,
 * delete): typed input, the status rules (in campaigns.ts), and the audit entry of each change. The
 * page renders what comes back: where to go, or the status, the errors and the texts as typed.
 */
import { z } from 'zod';
import { LANGUAGES } from '../../contract/household.ts';
import type { Language } from '../../engine/rulebook.ts';
import { audit, type AuditAction } from '../audit/log.ts';
import type { CampaignTemplates, Segment } from '../db/schema.ts';
import { decodeUpload } from '../screening/format.ts';
import { getImport, importRows, qualifies } from '../screening/imports.ts';
import type { Services } from '../services.ts';
import { amsterdamTime } from '../staff/dates.ts';
import { formInput, text } from '../staff/forms.ts';
import { consoleCatalogues, consoleT } from '../staff/i18n.ts';
import type { ConsoleUser } from '../staff/sessions.ts';
import type { FieldError } from '../worklist/actions.ts';
import {
  cancelCampaign,
  createCampaign,
  deleteCampaign,
  getCampaign,
  pauseCampaign,
  resumeCampaign,
  startCampaign,
  testSend,
  unschedule,
  updateCampaign,
  validSegment,
} from './campaigns.ts';
import { addressesIn } from './describe.ts';
import { listHash } from './segments.ts';
import { MAX_BODY, MAX_SUBJECT, PLACEHOLDERS, templateProblems } from './render.ts';

export type CampaignFormResult =
  | { redirect: string }
  /** No such campaign in the person's municipality. */
  | { missing: true }
  | { status: 400 | 404; errors: FieldError[]; draft?: { name: string; templates: CampaignTemplates } };

const campaignForm = z.object({ _action: text(20), name: text(120), language: text(5), when: text(10), at: text(20) });

/** The texts per language as posted (`subject-<lang>`, `body-<lang>`), with their problems as field errors. */
export function postedTemplates(form: FormData, t: ReturnType<typeof consoleT>): { templates: CampaignTemplates; errors: FieldError[] } {
  const templates: CampaignTemplates = {};
  const errors: FieldError[] = [];
  for (const lang of LANGUAGES) {
    const subject = String(form.get(`subject-${lang}`) ?? '').slice(0, MAX_SUBJECT + 50);
    const body = String(form.get(`body-${lang}`) ?? '')
      .replace(/\r\n?/g, '\n')
      .slice(0, MAX_BODY + 500);
    if (lang !== 'nl' && !subject.trim() && !body.trim()) continue;
    templates[lang] = { subject, body };
    for (const p of templateProblems({ subject, body })) {
      if (p.problem === 'no-way-to-respond') continue;
      errors.push({
        field: `${p.field}-${lang}`,
        message: t(`campaign.problems.${p.problem}`, {
          language: t(`languages.${lang}`),
          detail: p.detail ?? '',
          allowed: PLACEHOLDERS.map((x) => `{{${x}}}`).join(', '),
        }),
      });
    }
  }
  return { templates, errors };
}

/** One form posted on campaign `id` by someone who may edit campaigns. */
export async function campaignAction(s: Services, user: ConsoleUser, id: string, form: FormData): Promise<CampaignFormResult> {
  const t = consoleT(user.language);
  const input = formInput(form, campaignForm);
  const campaign = await getCampaign(s, user, id);
  if (!campaign) return { missing: true };
  const log = (a: AuditAction, details?: Record<string, unknown>): Promise<void> =>
    audit(s.database.db, { municipality: user.municipality, staffId: user.id, action: a, subjectType: 'campaign', subjectId: id, details });
  const errors: FieldError[] = [];
  let draft: { name: string; templates: CampaignTemplates } | undefined;
  let result: string = 'invalid';
  let done = '';
  switch (input._action) {
    case 'texts': {
      const posted = postedTemplates(form, t);
      errors.push(...posted.errors);
      if (input.name.length < 3) errors.push({ field: 'name', message: t('newCampaign.errors.name') });
      draft = { name: input.name, templates: posted.templates };
      if (errors.length === 0) {
        result = await updateCampaign(s, user, id, draft);
        done = 'texts-saved';
        if (result === 'ok') await log('campaign.update');
      }
      break;
    }
    case 'test':
      if ((LANGUAGES as readonly string[]).includes(input.language)) {
        await testSend(s, user, campaign, input.language as Language);
        await log('campaign.test-send', { language: input.language });
        result = 'ok';
        done = 'test-sent';
      }
      break;
    case 'send': {
      let moment: Date | undefined;
      if (input.when === 'later') {
        const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(input.at);
        moment = m ? amsterdamTime(m[1]!, m[2]!) : undefined;
        if (!moment || moment.getTime() <= s.now().getTime()) errors.push({ field: 'at', message: t('campaign.errors.at') });
      }
      if (errors.length === 0) {
        result = await startCampaign(s, user, id, moment);
        done = moment ? 'scheduled' : 'sending';
        if (result === 'ok') await log(moment ? 'campaign.schedule' : 'campaign.start', moment ? { at: moment.toISOString() } : undefined);
        if (result === 'invalid') errors.push({ field: 'subject-nl', message: t('campaign.errors.notReady') });
      }
      break;
    }
    case 'unschedule':
      result = await unschedule(s, user, id);
      done = 'unscheduled';
      if (result === 'ok') await log('campaign.schedule', { at: null });
      break;
    case 'pause':
      result = await pauseCampaign(s, user, id);
      done = 'paused';
      if (result === 'ok') await log('campaign.pause');
      break;
    case 'resume':
      result = await resumeCampaign(s, user, id);
      done = 'resumed';
      if (result === 'ok') await log('campaign.resume');
      break;
    case 'cancel':
      result = await cancelCampaign(s, user, id);
      done = 'cancelled';
      if (result === 'ok') await log('campaign.cancel');
      break;
    case 'delete':
      result = await deleteCampaign(s, user, id);
      if (result === 'ok') {
        await log('campaign.delete');
        return { redirect: '/beheer/campagnes?klaar=campaign-deleted' };
      }
      break;
  }
  if (result === 'ok') return { redirect: `/beheer/campagnes/${id}?klaar=${done}` };
  if (result === 'not-allowed') errors.push({ field: 'status', message: t('campaign.errors.notAllowed') });
  return { status: result === 'not-found' ? 404 : 400, errors, ...(draft ? { draft } : {}) };
}

/** Addresses read from an uploaded list at most. */
const MAX_LIST = 100_000;

const newCampaignForm = z.object({ name: text(120), kind: text(20), event: text(60), months: text(4), import: text(40) });

/** What the new-campaign form held, to show again when it has errors. */
export interface NewCampaignValues {
  name: string;
  kind: string;
  schemes: string[];
  types: string[];
  event: string;
  months: string;
  import: string;
}

/**
 * A new campaign from its form: a name and who it is for (schemes, household types, a life event, an
 * uploaded list of addresses or a finished screening), with the example texts in Dutch and English.
 * Of a list only keyed hashes are kept.
 */
export async function newCampaignAction(
  s: Services,
  user: ConsoleUser,
  form: FormData,
): Promise<{ redirect: string } | { errors: FieldError[]; values: NewCampaignValues }> {
  const t = consoleT(user.language);
  const input = formInput(form, newCampaignForm);
  const values: NewCampaignValues = {
    ...input,
    schemes: form.getAll('schemes').map(String),
    types: form.getAll('types').map(String),
  };
  const { kind } = values;
  const errors: FieldError[] = [];
  if (values.name.length < 3) errors.push({ field: 'name', message: t('newCampaign.errors.name') });
  let segment: Segment | undefined;
  let listHashes: string[] | undefined;
  if (kind === 'schemes') segment = { kind, schemeIds: values.schemes };
  else if (kind === 'household') segment = { kind, types: values.types };
  else if (kind === 'life-event') segment = { kind, event: values.event, months: Number(values.months) };
  else if (kind === 'list') {
    const list = await listSegment(s, user, form.get('list'), values.import);
    if (list) ({ segment, listHashes } = list);
    if (!segment || segment.kind !== 'list' || segment.entries === 0) {
      errors.push({ field: 'list', message: t('newCampaign.errors.list') });
      segment = undefined;
    }
  }
  if (segment && !validSegment(s, user.municipality, segment)) {
    errors.push({
      field: kind === 'schemes' ? 'schemes-0' : kind === 'household' ? 'types-0' : kind === 'life-event' ? 'event' : 'list',
      message: t(`newCampaign.errors.${kind}`),
    });
    segment = undefined;
  }
  if (!segment && errors.length === 0) errors.push({ field: 'kind-schemes', message: t('newCampaign.errors.kind') });
  if (!segment || errors.length > 0) return { errors, values };
  const defaults = consoleCatalogues.nl.campaignDefaults as { subject: string; body: string };
  const english = consoleCatalogues.en.campaignDefaults as { subject: string; body: string };
  const templates: CampaignTemplates = { nl: { ...defaults }, en: { ...english } };
  const id = await createCampaign(s, user, { name: values.name, segment, listHashes, templates });
  await audit(s.database.db, {
    municipality: user.municipality,
    staffId: user.id,
    action: 'campaign.create',
    subjectType: 'campaign',
    subjectId: id,
    details: { segment: segment.kind },
  });
  return { redirect: `/beheer/campagnes/${id}?klaar=campaign-created` };
}

/** A list segment from an uploaded file of addresses, or else from a finished screening's e-mail addresses. */
async function listSegment(
  s: Services,
  user: ConsoleUser,
  file: FormDataEntryValue | null,
  importId: string,
): Promise<{ segment: Segment; listHashes: string[] } | undefined> {
  if (file instanceof File && file.size > 0) {
    const addresses = addressesIn(decodeUpload(new Uint8Array(await file.arrayBuffer()))).slice(0, MAX_LIST);
    const listHashes = addresses.map((a) => listHash(s, a));
    const label = file.name.replace(/[^\p{L}\p{N} ._-]/gu, '_').slice(0, 80);
    return { segment: { kind: 'list', source: 'upload', label, entries: listHashes.length }, listHashes };
  }
  if (!importId) return undefined;
  const imp = await getImport(s, user, importId);
  if (!imp) return undefined;
  const { rows } = await importRows(s, imp.id, 'qualifying');
  const addresses = [
    ...new Set(
      rows
        .filter((r) => r.contact?.email && r.result?.schemes.some((x) => qualifies(x.status)))
        .map((r) => r.contact!.email!.toLowerCase()),
    ),
  ];
  const listHashes = addresses.map((a) => listHash(s, a));
  return { segment: { kind: 'list', source: 'screening', label: imp.fileName, entries: listHashes.length }, listHashes };
}

import { OfferErrorReportSchema, REPORT_HONEYPOT_FIELD } from '@cls/api/schemas';
import { OFFER_REPORT_TOPIC_LABELS, OFFER_REPORT_TOPICS, type OfferReportTopic } from '@cls/domain';
import { useTRPC } from '@cls/web';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import './report-error.css';

type Field = 'topic' | 'message' | 'contact';
type FieldMessages = Partial<Record<Field, string>>;

/** A refusal of the API as the form shows it: a message per field, or one for the whole form. */
function refusalOf(error: unknown): { fields: FieldMessages; form?: string } {
  const data = (error as { data?: { fieldErrors?: Record<string, string[] | undefined> | null } }).data;
  const fields: FieldMessages = {};
  for (const field of ['topic', 'message', 'contact'] as const) {
    const [message] = data?.fieldErrors?.[field] ?? [];
    if (message) fields[field] = message;
  }
  if (Object.keys(fields).length > 0) return { fields };
  const message = error instanceof Error ? error.message : '';
  return { fields, form: message || 'Le signalement n’a pas pu être envoyé : réessayez dans un instant.' };
}

/**
 * « Signaler une erreur » on an offer's card: what is wrong (closed, phone, hours,
 * address, other), a few words, and a contact if the resident wishes — no account.
 * The coordinators of the offer's territory check it; meanwhile the card says so.
 * A hidden field, out of the tab order and of screen readers, catches bots.
 */
export function ReportError({ offerId, pending }: { offerId: string; pending: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState(false);
  const [topic, setTopic] = useState<OfferReportTopic | ''>('');
  const [message, setMessage] = useState('');
  const [contact, setContact] = useState('');
  const [trap, setTrap] = useState('');
  const [errors, setErrors] = useState<FieldMessages>({});
  const [formError, setFormError] = useState<string>();
  const id = useId();
  const legend = useRef<HTMLLegendElement>(null);
  const done = useRef<HTMLParagraphElement>(null);
  const report = useMutation(trpc.portal.reportOfferError.mutationOptions());

  useEffect(() => {
    if (open) legend.current?.focus();
  }, [open]);
  useEffect(() => {
    if (sent) done.current?.focus();
  }, [sent]);

  function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(undefined);
    const input = {
      offerId,
      topic,
      message,
      ...(contact.trim() ? { contact } : {}),
      [REPORT_HONEYPOT_FIELD]: trap,
    };
    const checked = OfferErrorReportSchema.safeParse(input);
    if (!checked.success) {
      const found: FieldMessages = {};
      for (const issue of checked.error.issues) {
        const field = issue.path[0];
        if ((field === 'topic' || field === 'message' || field === 'contact') && !found[field])
          found[field] = issue.message;
      }
      setErrors(found);
      document.getElementById(`${id}-${Object.keys(found)[0] ?? 'topic'}`)?.focus();
      return;
    }
    setErrors({});
    report.mutate(checked.data, {
      onSuccess: () => {
        setSent(true);
        setOpen(false);
        void queryClient.invalidateQueries({ queryKey: trpc.portal.offer.queryKey({ id: offerId }) });
      },
      onError: (error) => {
        const refusal = refusalOf(error);
        setErrors(refusal.fields);
        setFormError(refusal.form);
      },
    });
  }

  const described = (field: Field, hint?: string) =>
    [hint, errors[field] ? `${id}-${field}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const fieldError = (field: Field) =>
    errors[field] ? (
      <p className="offer-report__error" id={`${id}-${field}-error`}>
        {errors[field]}
      </p>
    ) : null;

  return (
    <section className="offer-report" aria-label="Signaler une erreur">
      {/* The card is cached a minute by browsers: the resident's own report shows at once. */}
      {pending || sent ? (
        <p className="offer-report__pending" data-testid="report-pending">
          Un signalement est en cours de vérification par la coordination : certaines informations de cette
          fiche ont peut-être changé.
        </p>
      ) : null}
      {sent ? (
        <p className="offer-report__sent" role="status" tabIndex={-1} ref={done}>
          Merci : votre signalement a été transmis à la coordination, qui va le vérifier.
        </p>
      ) : null}
      {!open ? (
        <button
          type="button"
          className="link-button"
          aria-expanded="false"
          onClick={() => {
            setOpen(true);
            setSent(false);
          }}
        >
          Signaler une erreur
        </button>
      ) : (
        <form className="offer-report__form" noValidate onSubmit={submit} aria-labelledby={`${id}-legend`}>
          <fieldset
            id={`${id}-topic`}
            aria-describedby={described('topic')}
            aria-invalid={errors.topic ? true : undefined}
            tabIndex={-1}
          >
            <legend id={`${id}-legend`} tabIndex={-1} ref={legend}>
              Qu’est-ce qui est faux sur cette fiche ?
            </legend>
            {OFFER_REPORT_TOPICS.map((value) => (
              <label key={value} className="offer-report__choice">
                <input
                  type="radio"
                  name={`${id}-topic`}
                  value={value}
                  checked={topic === value}
                  onChange={() => setTopic(value)}
                />{' '}
                {OFFER_REPORT_TOPIC_LABELS[value]}
              </label>
            ))}
            {fieldError('topic')}
          </fieldset>
          <label htmlFor={`${id}-message`}>
            Précisez{' '}
            <span className="offer-report__hint">
              (facultatif, sauf pour « Autre chose » ; ex. le bon numéro, les horaires affichés)
            </span>
          </label>
          <textarea
            id={`${id}-message`}
            rows={3}
            maxLength={1000}
            value={message}
            onChange={(event) => setMessage(event.target.value)}
            aria-describedby={described('message')}
            aria-invalid={errors.message ? true : undefined}
          />
          {fieldError('message')}
          <label htmlFor={`${id}-contact`}>
            Votre e-mail ou téléphone <span className="offer-report__hint">(facultatif)</span>
          </label>
          <p className="offer-report__hint" id={`${id}-contact-hint`}>
            Seulement pour que la coordination puisse vous poser une question sur ce signalement. Il n’est pas
            publié, et vous pouvez demander son effacement.
          </p>
          <input
            id={`${id}-contact`}
            type="text"
            autoComplete="email"
            maxLength={200}
            value={contact}
            onChange={(event) => setContact(event.target.value)}
            aria-describedby={described('contact', `${id}-contact-hint`)}
            aria-invalid={errors.contact ? true : undefined}
          />
          {fieldError('contact')}
          {/* Bots fill every field; people never see this one. */}
          <div className="offer-report__trap" aria-hidden="true">
            <label>
              Site web
              <input
                name={REPORT_HONEYPOT_FIELD}
                tabIndex={-1}
                autoComplete="off"
                value={trap}
                onChange={(event) => setTrap(event.target.value)}
              />
            </label>
          </div>
          {formError ? (
            <p className="offer-report__error" role="alert">
              {formError}
            </p>
          ) : null}
          <p className="offer-report__buttons">
            <button type="submit" className="button" disabled={report.isPending}>
              {report.isPending ? 'Envoi…' : 'Envoyer le signalement'}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
              Annuler
            </button>
          </p>
        </form>
      )}
    </section>
  );
}

import { AmendConventionSchema, type ConventionStatus, TerminateConventionSchema } from '@cls/domain';
import { frenchDate } from '@cls/french';
import { useTRPC } from '@cls/web';
import { useMutation } from '@tanstack/react-query';
import { blanks } from '../shared/blanks.js';
import { CommandForm } from '../shared/command-form.js';
import { Disclosure } from '../shared/disclosure.js';
import { today } from '../shared/labels.js';

/**
 * A convention's life after its signatures: an avenant (once every party has signed), a
 * termination with its reason and date (a terminated convention changes no more).
 */
export function ConventionChanges({
  convention,
  canCommand,
}: {
  convention: {
    conventionId: string;
    title: string;
    status: ConventionStatus;
    amendmentList: Array<{ amendedOn: string; summary: string }>;
    terminatedOn: string | null;
    terminationReason: string | null;
    /** Revision of its stream as read: its forms' `expectedRevision`. */
    revision?: number | undefined;
  };
  canCommand: boolean;
}) {
  const trpc = useTRPC();
  const amend = useMutation(trpc.convention.amend.mutationOptions());
  const terminate = useMutation(trpc.convention.terminate.mutationOptions());
  const fixed = { conventionId: convention.conventionId };
  return (
    <>
      {convention.amendmentList.length > 0 ? (
        <div data-testid={`convention-amendments-${convention.conventionId}`}>
          <p>
            {convention.amendmentList.length === 1
              ? '1 avenant enregistré :'
              : `${convention.amendmentList.length} avenants enregistrés :`}
          </p>
          <ol>
            {convention.amendmentList.map((amendment) => (
              <li key={`${amendment.amendedOn}-${amendment.summary}`}>
                {frenchDate(amendment.amendedOn)} — {amendment.summary}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      {convention.terminatedOn ? (
        <p data-testid={`convention-termination-${convention.conventionId}`}>
          Résiliée le {frenchDate(convention.terminatedOn)}
          {convention.terminationReason ? ` : ${convention.terminationReason}` : ''}
        </p>
      ) : null}
      {canCommand && convention.status === 'signed' ? (
        <Disclosure label={`Enregistrer un avenant — ${convention.title}`}>
          <CommandForm
            title={`Avenant à « ${convention.title} »`}
            schema={AmendConventionSchema}
            fields={[
              { name: 'summary', label: 'Objet de l’avenant' },
              { name: 'amendedOn', label: 'Date de l’avenant', type: 'date', initial: today() },
            ]}
            fixed={fixed}
            transform={blanks('summary')}
            mutation={amend}
            revision={convention.revision}
            submitLabel="Enregistrer l’avenant"
          />
        </Disclosure>
      ) : null}
      {canCommand && convention.status !== 'terminated' ? (
        <Disclosure label={`Résilier — ${convention.title}`}>
          <CommandForm
            title={`Résiliation de « ${convention.title} »`}
            schema={TerminateConventionSchema}
            fields={[
              { name: 'reason', label: 'Motif de la résiliation', type: 'textarea' },
              { name: 'terminatedOn', label: 'Date de résiliation', type: 'date', initial: today() },
            ]}
            fixed={fixed}
            transform={blanks('reason')}
            mutation={terminate}
            revision={convention.revision}
            submitLabel="Résilier la convention"
          />
        </Disclosure>
      ) : null}
    </>
  );
}

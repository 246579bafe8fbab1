import { SetPasswordSchema } from '@cls/api/schemas';
import { useTRPC } from '@cls/web';
import { useMutation } from '@tanstack/react-query';
import { Link } from '../router.js';
import { CommandForm } from '../shared/command-form.js';

/**
 * One's own password. The current one is asked for (a session left open is not
 * enough to take the account over); the login email cannot be changed here.
 * The other sessions of the account end.
 */
export function PasswordPage({ userId }: { userId: string }) {
  const trpc = useTRPC();
  const setPassword = useMutation(trpc.user.setPassword.mutationOptions());
  return (
    <>
      <p className="breadcrumb">
        <Link to="/">Vos contrats</Link>
      </p>
      <h1>Mot de passe</h1>
      <p>Vos autres sessions seront fermées : reconnectez-vous ensuite sur vos autres appareils.</p>
      <CommandForm
        title="Changer mon mot de passe"
        schema={SetPasswordSchema}
        fields={[
          {
            name: 'currentPassword',
            label: 'Mot de passe actuel',
            type: 'password',
            hint: 'Sans mot de passe (connexion ProConnect) : laissez vide dans les 5 minutes qui suivent votre connexion.',
            parse: (text) => text || undefined,
          },
          {
            name: 'password',
            label: 'Nouveau mot de passe',
            type: 'password',
            hint: '12 caractères au moins',
          },
        ]}
        fixed={{ userId }}
        mutation={setPassword}
        submitLabel="Changer le mot de passe"
      />
    </>
  );
}

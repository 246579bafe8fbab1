import { LoginSchema, oidcRefusalMessage } from '@cls/api/schemas';
import { useTRPC } from '@cls/web';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CommandForm } from '../shared/command-form.js';

/** Sign in with a password, or through the configured OpenID Connect provider (ProConnect). */
export function LoginPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const login = useMutation(
    trpc.auth.login.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }),
  );
  const providers = useQuery(trpc.auth.providers.queryOptions());
  // A code from the OpenID Connect callback, shown as its fixed message: never text from the URL.
  const refusal = oidcRefusalMessage(new URLSearchParams(window.location.search).get('erreur'));
  const oidc = providers.data?.oidc;
  return (
    <section className="login" aria-labelledby="login-title">
      <h1 id="login-title">Connexion</h1>
      <p>
        Espace réservé aux coordinateurs, pilotes, administrateurs et auditeurs des Contrats Locaux de Santé.
      </p>
      {refusal ? (
        <p className="form-message form-message--error" role="alert">
          {refusal}
        </p>
      ) : null}
      {oidc ? (
        <p>
          <a className="button button--secondary" href={oidc.loginUrl}>
            Se connecter avec {oidc.label}
          </a>
        </p>
      ) : null}
      <CommandForm
        title="Avec votre adresse électronique"
        schema={LoginSchema}
        fields={[
          { name: 'email', label: 'Adresse électronique', type: 'email' },
          { name: 'password', label: 'Mot de passe', type: 'password' },
        ]}
        fixed={{}}
        mutation={login}
        submitLabel="Se connecter"
      />
    </section>
  );
}

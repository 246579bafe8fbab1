import { PageFrame } from '@cls/web';
import { ContractPage } from './contracts/contract-page.js';
import { ContractsPage } from './contracts/contracts-page.js';
import { PublicFooter } from './public-footer.js';
import { Link, type Location, useLocation } from './router.js';
import { SearchPage } from './search/search-page.js';

function Page({ location }: { location: Location }) {
  if (location.path === '/contrats') return <ContractsPage />;
  const contract = /^\/contrats\/([^/]+)$/.exec(location.path);
  if (contract?.[1])
    return <ContractPage contractId={decodeURIComponent(contract[1])} hash={location.hash} />;
  return <SearchPage search={location.search} />;
}

export function App() {
  const location = useLocation();
  const onContracts = location.path.startsWith('/contrats');
  return (
    <PageFrame
      title="Offres de santé"
      tagline="Portail public des Contrats Locaux de Santé"
      footer={<PublicFooter />}
      account={
        <nav aria-label="Portail" className="portal-nav">
          <Link to="/" aria-current={onContracts ? undefined : 'page'}>
            Trouver une offre
          </Link>
          <Link to="/contrats" aria-current={onContracts ? 'page' : undefined}>
            Les contrats<span className="portal-nav__more"> locaux de santé</span>
          </Link>
        </nav>
      }
    >
      <Page location={location} />
    </PageFrame>
  );
}

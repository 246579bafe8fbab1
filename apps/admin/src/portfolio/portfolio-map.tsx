import type { Feature } from 'geojson';
import { Marker } from 'maplibre-gl';
import { useEffect } from 'react';
import { navigate } from '../router.js';
import { bboxOf, communeContours, showCommunes, useCommunesMap, whenLoaded } from '../shared/communes-map.js';

/*
 * The contracts' territories on the platform's own open data (the API's departments
 * and communes), no tile server, as the contract's territory map and the portal do.
 * Labels are HTML markers (links to each contract): symbol labels would need glyphs
 * from a font server.
 */

/** One colour per territory, by rank (contrasted against the pale basemap). */
const PALETTE = ['#000091', '#b34000', '#18753c', '#6e445a', '#695240', '#0063cb'];

export interface MappedTerritory {
  contractId: string;
  name: string;
  communes: string[];
}

/**
 * Territories with the same communes drawn once (a contract and the one it follows), each
 * group with the contracts it carries.
 */
function groupsOf(territories: readonly MappedTerritory[]) {
  const groups = new Map<
    string,
    { communes: string[]; contracts: Array<{ contractId: string; name: string }> }
  >();
  for (const { contractId, name, communes } of territories) {
    if (communes.length === 0) continue;
    const key = [...communes].sort().join(',');
    const group = groups.get(key) ?? { communes, contracts: [] };
    group.contracts.push({ contractId, name });
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** A territory's label: links to its contracts, navigating in the app. */
function labelOf(contracts: Array<{ contractId: string; name: string }>, colour: string): HTMLElement {
  const element = document.createElement('div');
  element.className = 'portfolio-map__label';
  element.style.borderColor = colour;
  for (const { contractId, name } of contracts) {
    const link = document.createElement('a');
    const route = `/contrats/${encodeURIComponent(contractId)}`;
    link.href = `/admin${route}`;
    link.textContent = name;
    link.addEventListener('click', (event) => {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      navigate(route);
    });
    element.append(link);
  }
  return element;
}

export default function PortfolioMap({ territories }: { territories: MappedTerritory[] }) {
  const { container, map } = useCommunesMap({
    title: 'Carte des territoires des contrats',
    colour: ['get', 'colour'],
    opacity: 0.3,
    maxZoom: 12,
  });
  // The territories drawn, as one string: a new array each render, the same map.
  const key = JSON.stringify(groupsOf(territories));

  useEffect(() => {
    const current = map.current;
    if (!current) return;
    const groups = JSON.parse(key) as ReturnType<typeof groupsOf>;
    let alive = true;
    const markers: Marker[] = [];
    const show = async () => {
      const codes = [...new Set(groups.flatMap((group) => group.communes))].sort();
      const contours = await communeContours(codes);
      if (!alive) return;
      const features: Feature[] = [];
      for (const [rank, group] of groups.entries()) {
        const colour = PALETTE[rank % PALETTE.length] ?? '#000091';
        const wanted = new Set(group.communes);
        const own = contours.features
          .filter((feature) => wanted.has(String(feature.properties?.insee)))
          .map((feature) => ({ ...feature, properties: { ...feature.properties, colour } }));
        features.push(...own);
        const box = bboxOf(own);
        if (box)
          markers.push(
            new Marker({ element: labelOf(group.contracts, colour) })
              .setLngLat([(box[0] + box[2]) / 2, (box[1] + box[3]) / 2])
              .addTo(current),
          );
      }
      showCommunes(current, features, 32);
      // Drawn once the map is idle with these contours (what a test or a screenshot waits for).
      current.once('idle', () => container.current?.setAttribute('data-drawn', String(features.length)));
    };
    whenLoaded(current, () => void show());
    return () => {
      alive = false;
      for (const marker of markers) marker.remove();
    };
  }, [key]);

  return <div ref={container} className="portfolio-map" data-testid="portfolio-map" />;
}

/** What the map's marks mean (it has no text of its own). */
export function MapLegend() {
  return (
    <ul className="map-legend" aria-label="Légende de la carte">
      <li>
        <span className="map-legend__mark map-legend__mark--offer" aria-hidden="true" /> offre de santé (un
        nombre : plusieurs offres)
      </li>
      <li>
        <span className="map-legend__mark map-legend__mark--place" aria-hidden="true" /> lieu recherché
      </li>
      <li>
        <span className="map-legend__mark map-legend__mark--area" aria-hidden="true" /> territoire d’une CPTS
      </li>
    </ul>
  );
}

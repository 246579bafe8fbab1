/** The portal's own layers, over the basemap: DSFR blue for offers, red for the one chosen, dark for the searched place. */
export const OVERLAY_COLORS = {
  offer: '#000091',
  selected: '#e1000f',
  halo: '#ffffff',
  place: '#161616',
  area: '#6a6af4',
  territory: '#000091',
};

/** The portal's own layers, over the basemap: DSFR blue for offers, red for the one chosen. */
export const OVERLAY_COLORS = {
  offer: '#000091',
  selected: '#e1000f',
  halo: '#ffffff',
  area: '#6a6af4',
  territory: '#000091',
};

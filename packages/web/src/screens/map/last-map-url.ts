// Where the last map view is remembered (sessionStorage), so "Karte" in the header returns to it.
// Its own module so the app shell can read it without loading the map screen (and MapLibre).
export const LAST_MAP_URL_KEY = 'sozialraum.lastMapUrl';

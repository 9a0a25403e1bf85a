// Entry point of the web app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from './i18n/index.tsx';
import { App } from './app.tsx';
import { AuthProvider } from './lib/auth.tsx';
// MapLibre's CSS with the app's, before our own rules (which override some of it); the map's code
// itself loads as its own chunk (screens/map/lazy-map-view.tsx).
import 'maplibre-gl/dist/maplibre-gl.css';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root fehlt in index.html');
createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <AuthProvider>
        <App />
      </AuthProvider>
    </I18nProvider>
  </StrictMode>,
);

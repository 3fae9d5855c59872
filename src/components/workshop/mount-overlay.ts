/** Renders the workshop bar into its own element at the end of the page (loaded only after joining). */
import { h, render } from 'preact';
import Overlay from './Overlay.tsx';

const host = document.createElement('div');
host.id = 'mc-workshop-overlay';
document.body.append(host);
render(h(Overlay, {}), host);

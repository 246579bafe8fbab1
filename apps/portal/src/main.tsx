import '@cls/web/base.css';
import './portal.css';
import { mountApp } from '@cls/web';
import { App } from './app.js';

mountApp(<App />);

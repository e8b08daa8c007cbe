import '@xyflow/react/dist/style.css';
import './styles/base.css';
import './styles/board.css';
import './styles/nodes.css';
import './styles/inspector.css';
import './styles/home.css';
import './styles/access.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

import { useState } from 'react';
import { markerId, RELATION_STYLES } from '../../shared/relation-styles.ts';
import { RELATION_TYPES, type RelationType } from '../../shared/types.ts';

const DETAILS_KEY = 'parley.legend.details';

/** A short sample of a relation type's line, drawn exactly as on the canvas. */
export function RelationSample({ type, width = 44 }: { type: RelationType; width?: number }) {
  const style = RELATION_STYLES[type];
  return (
    <svg className="relation-sample" width={width} height="14" viewBox={`0 0 ${width} 14`} aria-hidden="true">
      <path
        d={`M2,7 L${width - 8},7`}
        stroke={style.color}
        strokeWidth={style.width}
        strokeDasharray={style.dash ?? undefined}
        strokeLinecap={style.linecap}
        markerEnd={`url(#${markerId(type)})`}
        fill="none"
      />
    </svg>
  );
}

function loadDetails(): boolean {
  try {
    return localStorage.getItem(DETAILS_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * Always visible: a slim bar naming each line style, so it never hides actors;
 * "What do these mean?" unfolds the explanations above it.
 */
export function Legend() {
  const [details, setDetails] = useState(loadDetails);
  const toggle = () => {
    setDetails(!details);
    try {
      localStorage.setItem(DETAILS_KEY, details ? '0' : '1');
    } catch {
      // not remembered; fine
    }
  };
  return (
    <section className="legend" data-testid="legend" aria-label="Legend">
      {details && (
        <div className="legend-details" data-testid="legend-details">
          <ul>
            {RELATION_TYPES.map((type) => (
              <li key={type}>
                <RelationSample type={type} />
                <div className="legend-text">
                  <span className="legend-name">{RELATION_STYLES[type].name}</span>
                  <span className="legend-meaning">{RELATION_STYLES[type].meaning}</span>
                </div>
              </li>
            ))}
          </ul>
          <p className="legend-foot">Arrows point from source to target. Labels say what is at stake.</p>
        </div>
      )}
      <div className="legend-bar">
        <h2 className="legend-title">Relations</h2>
        <ul className="legend-items">
          {RELATION_TYPES.map((type, i) => (
            <li key={type} data-testid={`legend-item-${type}`} title={RELATION_STYLES[type].meaning}>
              <RelationSample type={type} width={34} />
              <span className="legend-name">{RELATION_STYLES[type].name}</span>
              <kbd>{i + 1}</kbd>
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="legend-toggle"
          onClick={toggle}
          aria-expanded={details}
          data-testid="legend-toggle"
          title={details ? 'Hide explanations' : 'What do these mean?'}
        >
          {details ? 'Hide' : 'Explain'}
        </button>
      </div>
    </section>
  );
}

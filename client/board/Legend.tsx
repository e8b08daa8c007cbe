import { markerId, RELATION_STYLES } from '../../shared/relation-styles.ts';
import { RELATION_TYPES, type RelationType } from '../../shared/types.ts';

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

/** Always visible: what each line style means. */
export function Legend() {
  return (
    <section className="legend" data-testid="legend" aria-label="Legend">
      <h2 className="legend-title">Relations</h2>
      <ul>
        {RELATION_TYPES.map((type, i) => (
          <li key={type} data-testid={`legend-${type}`}>
            <RelationSample type={type} />
            <div className="legend-text">
              <span className="legend-name">
                {RELATION_STYLES[type].name}
                <kbd>{i + 1}</kbd>
              </span>
              <span className="legend-meaning">{RELATION_STYLES[type].meaning}</span>
            </div>
          </li>
        ))}
      </ul>
      <p className="legend-foot">Arrows point from source to target.</p>
    </section>
  );
}

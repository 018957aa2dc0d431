import type { CancellationToken } from '../cancellation.js';
import type { DiagnosticSink } from '../diagnostics/sink.js';
import type { ServiceTemplate } from '../model/entities.js';
import type { TypeRegistry } from '../resolve/type-registry.js';

/** What every check reads: the sink, the resolved types, the ADT being checked. */
export interface CheckContext {
  readonly sink: DiagnosticSink;
  readonly types: TypeRegistry;
  /** The ADT file itself (its imports are in `types`). */
  readonly adt: ServiceTemplate;
  readonly token: CancellationToken;
  /** Also warn where the Policy Keeper images built since mid-2024 (Python 3.9) differ (RL401). */
  readonly pkLatest?: boolean;
  /**
   * False when the ADT loads none of MiCADO's types: it is plain TOSCA, so MiCADO's own restrictions on what
   * TOSCA allows become warnings named as MiCADO's rules. Absent means a MiCADO ADT.
   */
  readonly micado?: boolean;
}

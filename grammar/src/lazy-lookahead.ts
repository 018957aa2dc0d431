/**
 * Chevrotain's LL(k) lookahead, with each production's decision function
 * computed the first time the parser reaches that production instead of for
 * the whole grammar when the parser is built. Computing them all was most of
 * the parser's construction (tens of milliseconds of every cold start), while a
 * typical rule reaches only some of the grammar's alternations and repetitions.
 * The functions are the ones Chevrotain would have built, so parses are
 * unchanged; the grammar validations (`validateParserDefinition`) are inherited.
 */
import { LLkLookaheadStrategy, type ILookaheadStrategy } from 'chevrotain';

type AlternationOptions = Parameters<ILookaheadStrategy['buildLookaheadForAlternation']>[0];
type OptionalOptions = Parameters<ILookaheadStrategy['buildLookaheadForOptional']>[0];
type Choose = ReturnType<ILookaheadStrategy['buildLookaheadForAlternation']>;
type Enter = ReturnType<ILookaheadStrategy['buildLookaheadForOptional']>;

export class LazyLookahead extends LLkLookaheadStrategy {
  override buildLookaheadForAlternation(options: AlternationOptions): Choose {
    const build = () => super.buildLookaheadForAlternation(options);
    let choose: Choose | undefined;
    // Chevrotain calls decision functions with the parser as `this`, which the built function reads tokens from.
    return function (this: unknown, alternatives) {
      choose ??= build();
      return choose.call(this, alternatives);
    };
  }

  override buildLookaheadForOptional(options: OptionalOptions): Enter {
    const build = () => super.buildLookaheadForOptional(options);
    let enter: Enter | undefined;
    return function (this: unknown) {
      enter ??= build();
      return enter.call(this);
    };
  }
}

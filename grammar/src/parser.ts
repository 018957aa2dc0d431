/**
 * The rule grammar (spec §1.2, §1.3): tokens from the layout pass to a CST.
 * It accepts a superset of the dialect (rejected statements with loosely
 * parsed headers, comprehensions, starred items, Python 2 print and exec
 * statements, backticks) so that the dialect pass can name what it refuses.
 * Expression rules follow Python 3.8's grammar, so precedence is Python's.
 * Construction costs tens of milliseconds (spec §7): one instance serves every
 * parse, reset by assigning `input`.
 */
import { CstParser, type CstNode, type IToken, type ParserMethod, type TokenType } from 'chevrotain';
import * as t from './tokens.js';
import { errorMessageProvider } from './parse-errors.js';
import { LazyLookahead } from './lazy-lookahead.js';

/** Tokens that may follow `print` in a Python 2 print statement (never in a Python 3 expression). */
const PRINT2_ARGUMENT = new Set<TokenType>([t.String, t.UnterminatedString, t.Int, t.Float, t.Identifier, t.None, t.True, t.False, t.Not, t.Lambda, t.Backtick, t.ShiftRight]);

const STRAY: TokenType[] = [t.Indent, t.Elif, t.Else, t.Except, t.Finally, t.RParen, t.RBracket, t.RBrace, t.Colon, t.Semicolon, t.Newline, t.Comma, t.Assign, t.AugAssign, t.In, t.Is, t.And, t.Or, t.As, t.Dot, t.IncDec];

class RuleParser extends CstParser {
  /**
   * `validate` runs Chevrotain's grammar validations (ambiguities, left recursion…).
   * The grammar is fixed, so they run in a test (`grammarDefinitionErrors`) and
   * the shared instances skip them: a third of their construction time.
   * `recover` turns on error recovery (several errors per rule, a partial CST).
   */
  constructor(validate: boolean, recover: boolean) {
    super(t.allTokens, {
      recoveryEnabled: recover,
      maxLookahead: 2,
      lookaheadStrategy: new LazyLookahead({ maxLookahead: 2 }),
      nodeLocationTracking: 'none',
      errorMessageProvider,
      skipValidations: !validate,
    });
    this.performSelfAnalysis();
  }

  readonly module = this.RULE('module', () => {
    this.MANY(() => this.OR([{ ALT: () => this.SUBRULE(this.statement) }, { ALT: () => this.SUBRULE(this.stray) }, { ALT: () => this.CONSUME(t.Dedent) }]));
  });

  /**
   * A token that cannot start a statement (`elif` after a broken `if`, a stray
   * `)`). Consuming it lets parsing go on with the next statement instead of
   * giving up on the rest of the rule; to-ast reports it.
   */
  readonly stray = this.RULE('stray', () => {
    this.OR(STRAY.map((type) => ({ ALT: () => this.CONSUME(type) })));
  });

  readonly statement = this.RULE('statement', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.ifStmt) },
      { ALT: () => this.SUBRULE(this.whileStmt) },
      { ALT: () => this.SUBRULE(this.forStmt) },
      { ALT: () => this.SUBRULE(this.tryStmt) },
      { ALT: () => this.SUBRULE(this.rejectedCompound) },
      { ALT: () => this.SUBRULE(this.simpleStmts) },
    ]);
  });

  readonly simpleStmts = this.RULE('simpleStmts', () => {
    this.SUBRULE(this.smallStmt);
    this.MANY(() => {
      this.CONSUME(t.Semicolon);
      this.OPTION(() => this.SUBRULE2(this.smallStmt));
    });
    this.CONSUME(t.Newline);
  });

  readonly smallStmt = this.RULE('smallStmt', () => {
    this.OR({
      // `print x` and `exec "..."` start like expression statements; the gates pick the Python 2 forms.
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: () => this.LA(1).image === 'print' && PRINT2_ARGUMENT.has(this.LA(2).tokenType), ALT: () => this.SUBRULE(this.print2Stmt) },
        { GATE: () => this.LA(1).image === 'exec' && (this.LA(2).tokenType === t.String || this.LA(2).tokenType === t.Identifier), ALT: () => this.SUBRULE(this.exec2Stmt) },
        { ALT: () => this.CONSUME(t.Pass) },
        { ALT: () => this.CONSUME(t.Break) },
        { ALT: () => this.CONSUME(t.Continue) },
        { ALT: () => this.SUBRULE(this.rejectedSimple) },
        { ALT: () => this.SUBRULE(this.exprStmt) },
      ],
    });
  });

  readonly exprStmt = this.RULE('exprStmt', () => {
    this.SUBRULE(this.targetList, { LABEL: 'first' });
    this.OPTION(() =>
      this.OR([
        {
          ALT: () => {
            this.CONSUME(t.AugAssign);
            this.SUBRULE2(this.targetList, { LABEL: 'value' });
          },
        },
        {
          ALT: () =>
            this.AT_LEAST_ONE(() => {
              this.CONSUME(t.Assign);
              this.SUBRULE3(this.targetList, { LABEL: 'rest' });
            }),
        },
        { ALT: () => this.CONSUME(t.IncDec) },
      ]),
    );
  });

  /** `a, *b` at statement level: a tuple when there is a comma. */
  readonly targetList = this.RULE('targetList', () => {
    this.SUBRULE(this.starOrTest, { LABEL: 'items' });
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.SUBRULE2(this.starOrTest, { LABEL: 'items' });
    });
    this.OPTION(() => this.CONSUME2(t.Comma, { LABEL: 'trailing' }));
  });

  readonly print2Stmt = this.RULE('print2Stmt', () => {
    this.CONSUME(t.Identifier);
    this.OPTION(() => {
      this.CONSUME(t.ShiftRight);
      this.SUBRULE(this.test, { LABEL: 'chevron' });
      this.OPTION2(() => this.CONSUME(t.Comma, { LABEL: 'chevronComma' }));
    });
    this.OPTION3(() => this.SUBRULE(this.testList, { LABEL: 'values' }));
  });

  readonly exec2Stmt = this.RULE('exec2Stmt', () => {
    this.CONSUME(t.Identifier);
    this.SUBRULE(this.test);
  });

  readonly testList = this.RULE('testList', () => {
    this.SUBRULE(this.test, { LABEL: 'items' });
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.SUBRULE2(this.test, { LABEL: 'items' });
    });
    this.OPTION(() => this.CONSUME2(t.Comma, { LABEL: 'trailing' }));
  });

  /** `return`, `del`, `raise`, `assert`, `import`, `from`, `global`, `nonlocal`: refused whatever follows. */
  readonly rejectedSimple = this.RULE('rejectedSimple', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Return, { LABEL: 'keyword' }) },
      { ALT: () => this.CONSUME(t.Del, { LABEL: 'keyword' }) },
      { ALT: () => this.CONSUME(t.Raise, { LABEL: 'keyword' }) },
      { ALT: () => this.CONSUME(t.Assert, { LABEL: 'keyword' }) },
      { ALT: () => this.CONSUME(t.Import, { LABEL: 'keyword' }) },
      { ALT: () => this.CONSUME(t.From, { LABEL: 'keyword' }) },
      { ALT: () => this.CONSUME(t.Global, { LABEL: 'keyword' }) },
      { ALT: () => this.CONSUME(t.Nonlocal, { LABEL: 'keyword' }) },
    ]);
    this.MANY(() => this.OR2([{ ALT: () => this.CONSUME(t.HeaderAny) }, { ALT: () => this.CONSUME(t.Colon) }]));
  });

  /** `def`, `class`, `with`, `async`: the header is skipped up to its `:`; the body is parsed. */
  readonly rejectedCompound = this.RULE('rejectedCompound', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Def, { LABEL: 'keyword' }) },
      { ALT: () => this.CONSUME(t.Class, { LABEL: 'keyword' }) },
      { ALT: () => this.CONSUME(t.With, { LABEL: 'keyword' }) },
      { ALT: () => this.CONSUME(t.Async, { LABEL: 'keyword' }) },
    ]);
    this.MANY(() => this.CONSUME(t.HeaderAny));
    this.CONSUME(t.Colon);
    this.SUBRULE(this.suite);
  });

  readonly tryStmt = this.RULE('tryStmt', () => {
    this.CONSUME(t.Try, { LABEL: 'keyword' });
    this.CONSUME(t.Colon);
    this.SUBRULE(this.suite);
    this.MANY(() => {
      this.CONSUME(t.Except);
      this.MANY2(() => this.CONSUME(t.HeaderAny));
      this.CONSUME2(t.Colon);
      this.SUBRULE2(this.suite);
    });
    this.OPTION(() => {
      this.CONSUME(t.Else);
      this.CONSUME3(t.Colon);
      this.SUBRULE3(this.suite);
    });
    this.OPTION2(() => {
      this.CONSUME(t.Finally);
      this.CONSUME4(t.Colon);
      this.SUBRULE4(this.suite);
    });
  });

  readonly ifStmt = this.RULE('ifStmt', () => {
    this.CONSUME(t.If);
    this.SUBRULE(this.namedTest, { LABEL: 'test' });
    this.CONSUME(t.Colon);
    this.SUBRULE(this.suite, { LABEL: 'body' });
    this.MANY(() => this.SUBRULE(this.elifClause));
    this.OPTION(() => this.SUBRULE(this.elseClause));
  });

  readonly elifClause = this.RULE('elifClause', () => {
    this.CONSUME(t.Elif);
    this.SUBRULE(this.namedTest, { LABEL: 'test' });
    this.CONSUME(t.Colon);
    this.SUBRULE(this.suite, { LABEL: 'body' });
  });

  readonly elseClause = this.RULE('elseClause', () => {
    this.CONSUME(t.Else);
    this.CONSUME(t.Colon);
    this.SUBRULE(this.suite, { LABEL: 'body' });
  });

  readonly whileStmt = this.RULE('whileStmt', () => {
    this.CONSUME(t.While);
    this.SUBRULE(this.namedTest, { LABEL: 'test' });
    this.CONSUME(t.Colon);
    this.SUBRULE(this.suite, { LABEL: 'body' });
    this.OPTION(() => this.SUBRULE(this.elseClause));
  });

  readonly forStmt = this.RULE('forStmt', () => {
    this.CONSUME(t.For);
    this.SUBRULE(this.exprList, { LABEL: 'target' });
    this.CONSUME(t.In);
    this.SUBRULE(this.testList, { LABEL: 'iter' });
    this.CONSUME(t.Colon);
    this.SUBRULE(this.suite, { LABEL: 'body' });
    this.OPTION(() => this.SUBRULE(this.elseClause));
  });

  /** Either statements on the header's line, or an indented block (which may be empty: the layout pass reports that). */
  readonly suite = this.RULE('suite', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.simpleStmts) },
      {
        ALT: () => {
          this.CONSUME(t.Newline);
          this.CONSUME(t.Indent);
          this.MANY(() => this.OR2([{ ALT: () => this.SUBRULE(this.statement) }, { ALT: () => this.SUBRULE(this.stray) }]));
          this.CONSUME(t.Dedent);
        },
      },
    ]);
  });

  /** Targets of `for` and comprehensions: below comparisons, so that `in` ends them. */
  readonly exprList = this.RULE('exprList', () => {
    this.SUBRULE(this.starOrBitOr, { LABEL: 'items' });
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.SUBRULE2(this.starOrBitOr, { LABEL: 'items' });
    });
    this.OPTION(() => this.CONSUME2(t.Comma, { LABEL: 'trailing' }));
  });

  readonly starOrBitOr = this.RULE('starOrBitOr', () => {
    this.OPTION(() => this.CONSUME(t.Star));
    this.SUBRULE(this.bitOr);
  });

  readonly starOrTest = this.RULE('starOrTest', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.Star);
          this.SUBRULE(this.bitOr);
        },
      },
      { ALT: () => this.SUBRULE(this.namedTest) },
    ]);
  });

  /** `test`, or `name := test` (RL120). */
  readonly namedTest = this.RULE('namedTest', () => {
    this.SUBRULE(this.test, { LABEL: 'target' });
    this.OPTION(() => {
      this.CONSUME(t.Walrus);
      this.SUBRULE2(this.test, { LABEL: 'value' });
    });
  });

  readonly test = this.RULE('test', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.lambdef) },
      {
        ALT: () => {
          this.SUBRULE(this.orTest, { LABEL: 'body' });
          this.OPTION(() => {
            this.CONSUME(t.If);
            this.SUBRULE2(this.orTest, { LABEL: 'condition' });
            this.CONSUME(t.Else);
            this.SUBRULE2(this.test, { LABEL: 'orelse' });
          });
        },
      },
    ]);
  });

  readonly lambdef = this.RULE('lambdef', () => {
    this.CONSUME(t.Lambda);
    this.MANY(() => this.CONSUME(t.HeaderAny));
    this.CONSUME(t.Colon);
    this.SUBRULE(this.test);
  });

  readonly orTest = this.RULE('orTest', () => {
    this.SUBRULE(this.andTest, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(t.Or);
      this.SUBRULE2(this.andTest, { LABEL: 'operands' });
    });
  });

  readonly andTest = this.RULE('andTest', () => {
    this.SUBRULE(this.notTest, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(t.And);
      this.SUBRULE2(this.notTest, { LABEL: 'operands' });
    });
  });

  readonly notTest = this.RULE('notTest', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.Not);
          this.SUBRULE(this.notTest);
        },
      },
      { ALT: () => this.SUBRULE(this.comparison) },
    ]);
  });

  readonly comparison = this.RULE('comparison', () => {
    this.SUBRULE(this.bitOr, { LABEL: 'operands' });
    this.MANY(() => {
      this.SUBRULE(this.compOp, { LABEL: 'ops' });
      this.SUBRULE2(this.bitOr, { LABEL: 'operands' });
    });
  });

  readonly compOp = this.RULE('compOp', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.CompareOp) },
      { ALT: () => this.CONSUME(t.In) },
      {
        ALT: () => {
          this.CONSUME(t.Not);
          this.CONSUME2(t.In);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Is);
          this.OPTION(() => this.CONSUME2(t.Not));
        },
      },
    ]);
  });

  readonly bitOr = this.binary('bitOr', t.Pipe, () => this.bitXor);
  readonly bitXor = this.binary('bitXor', t.Caret, () => this.bitAnd);
  readonly bitAnd = this.binary('bitAnd', t.Amp, () => this.shift);
  readonly shift = this.binary('shift', t.ShiftOp, () => this.arith);
  readonly arith = this.binary('arith', t.AddOp, () => this.term);
  readonly term = this.binary('term', t.MulOp, () => this.factor);

  readonly factor = this.RULE('factor', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.UnaryOp);
          this.SUBRULE(this.factor);
        },
      },
      { ALT: () => this.SUBRULE(this.power) },
    ]);
  });

  /** `await x` (RL120) and `x ** -y`: the exponent is a factor, so `-2**2` is `-(2**2)`. */
  readonly power = this.RULE('power', () => {
    this.OPTION(() => this.CONSUME(t.Await));
    this.SUBRULE(this.atomExpr);
    this.OPTION2(() => {
      this.CONSUME(t.DoubleStar);
      this.SUBRULE(this.factor);
    });
  });

  readonly atomExpr = this.RULE('atomExpr', () => {
    this.SUBRULE(this.atom);
    this.MANY(() => this.SUBRULE(this.trailer));
  });

  readonly trailer = this.RULE('trailer', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.LParen);
          this.OPTION(() => this.SUBRULE(this.argList));
          this.CONSUME(t.RParen);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.LBracket);
          this.SUBRULE(this.subscriptList);
          this.CONSUME(t.RBracket);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Dot);
          this.CONSUME(t.Identifier);
        },
      },
    ]);
  });

  readonly argList = this.RULE('argList', () => {
    this.SUBRULE(this.argument, { LABEL: 'items' });
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.SUBRULE2(this.argument, { LABEL: 'items' });
    });
    this.OPTION(() => this.CONSUME2(t.Comma, { LABEL: 'trailing' }));
  });

  readonly argument = this.RULE('argument', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.Star);
          this.SUBRULE(this.test, { LABEL: 'starred' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.DoubleStar);
          this.SUBRULE2(this.test, { LABEL: 'starred' });
        },
      },
      {
        ALT: () => {
          this.SUBRULE(this.namedTest, { LABEL: 'value' });
          this.OPTION(() =>
            this.OR2([
              {
                ALT: () => {
                  this.CONSUME(t.Assign);
                  this.SUBRULE3(this.test, { LABEL: 'keywordValue' });
                },
              },
              { ALT: () => this.SUBRULE(this.compFor) },
            ]),
          );
        },
      },
    ]);
  });

  readonly subscriptList = this.RULE('subscriptList', () => {
    this.SUBRULE(this.subscript, { LABEL: 'items' });
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.SUBRULE2(this.subscript, { LABEL: 'items' });
    });
    this.OPTION(() => this.CONSUME2(t.Comma, { LABEL: 'trailing' }));
  });

  /** `i`, or a slice `i:j:k` with any part omitted. */
  readonly subscript = this.RULE('subscript', () => {
    this.OR([
      {
        ALT: () => {
          this.SUBRULE(this.test, { LABEL: 'lower' });
          this.OPTION(() => this.SUBRULE(this.sliceRest));
        },
      },
      { ALT: () => this.SUBRULE2(this.sliceRest) },
    ]);
  });

  readonly sliceRest = this.RULE('sliceRest', () => {
    this.CONSUME(t.Colon);
    this.OPTION(() => this.SUBRULE(this.test, { LABEL: 'upper' }));
    this.OPTION2(() => {
      this.CONSUME2(t.Colon, { LABEL: 'stepColon' });
      this.OPTION3(() => this.SUBRULE2(this.test, { LABEL: 'step' }));
    });
  });

  readonly atom = this.RULE('atom', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.LParen);
          this.OPTION(() => this.SUBRULE(this.displayItems, { LABEL: 'items' }));
          this.CONSUME(t.RParen);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.LBracket);
          this.OPTION2(() => this.SUBRULE2(this.displayItems, { LABEL: 'items' }));
          this.CONSUME(t.RBracket);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.LBrace);
          this.OPTION3(() => this.SUBRULE(this.dictItems, { LABEL: 'entries' }));
          this.CONSUME(t.RBrace);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Backtick);
          this.SUBRULE(this.testList, { LABEL: 'repr' });
          this.CONSUME2(t.Backtick);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Yield);
          this.OPTION4(() => this.SUBRULE2(this.testList, { LABEL: 'yielded' }));
        },
      },
      { ALT: () => this.AT_LEAST_ONE(() => this.OR2([{ ALT: () => this.CONSUME(t.String) }, { ALT: () => this.CONSUME(t.UnterminatedString) }])) },
      { ALT: () => this.CONSUME(t.Identifier) },
      { ALT: () => this.CONSUME(t.Int) },
      { ALT: () => this.CONSUME(t.Float) },
      { ALT: () => this.CONSUME(t.None) },
      { ALT: () => this.CONSUME(t.True) },
      { ALT: () => this.CONSUME(t.False) },
      { ALT: () => this.CONSUME(t.Ellipsis) },
    ]);
  });

  /** The inside of `(...)` or `[...]`: items, or one item and a comprehension. */
  readonly displayItems = this.RULE('displayItems', () => {
    this.SUBRULE(this.starOrTest, { LABEL: 'items' });
    this.OR([
      { ALT: () => this.SUBRULE(this.compFor) },
      {
        ALT: () => {
          this.MANY(() => {
            this.CONSUME(t.Comma);
            this.SUBRULE2(this.starOrTest, { LABEL: 'items' });
          });
          this.OPTION(() => this.CONSUME2(t.Comma, { LABEL: 'trailing' }));
        },
      },
    ]);
  });

  /** The inside of `{...}`: dict entries, set items (RL120), `**d`, or a comprehension. */
  readonly dictItems = this.RULE('dictItems', () => {
    this.SUBRULE(this.dictItem, { LABEL: 'items' });
    this.OR([
      { ALT: () => this.SUBRULE(this.compFor) },
      {
        ALT: () => {
          this.MANY(() => {
            this.CONSUME(t.Comma);
            this.SUBRULE2(this.dictItem, { LABEL: 'items' });
          });
          this.OPTION(() => this.CONSUME2(t.Comma, { LABEL: 'trailing' }));
        },
      },
    ]);
  });

  readonly dictItem = this.RULE('dictItem', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.DoubleStar);
          this.SUBRULE(this.bitOr, { LABEL: 'starred' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Star);
          this.SUBRULE2(this.bitOr, { LABEL: 'starred' });
        },
      },
      {
        ALT: () => {
          this.SUBRULE(this.test, { LABEL: 'key' });
          this.OPTION(() => {
            this.CONSUME(t.Colon);
            this.SUBRULE2(this.test, { LABEL: 'value' });
          });
        },
      },
    ]);
  });

  /** `for x in xs if c ...` after a display's first item (RL120). */
  readonly compFor = this.RULE('compFor', () => {
    this.AT_LEAST_ONE(() => {
      this.OPTION(() => this.CONSUME(t.Async));
      this.CONSUME(t.For);
      this.SUBRULE(this.exprList);
      this.CONSUME(t.In);
      this.SUBRULE(this.orTest);
      this.MANY(() => {
        this.CONSUME(t.If);
        this.SUBRULE2(this.orTest);
      });
    });
  });

  /** A left-associative binary level: `operands (op operands)*`. */
  private binary(name: string, operator: TokenType, next: () => ParserMethod<[], CstNode>) {
    return this.RULE(name, () => {
      this.SUBRULE(next(), { LABEL: 'operands' });
      this.MANY(() => {
        this.CONSUME(operator, { LABEL: 'ops' });
        this.SUBRULE2(next(), { LABEL: 'operands' });
      });
    });
  }
}

/**
 * Two process-wide parsers, each built on first use. Most rules have no syntax
 * error, and a parser without error recovery is about 40 % cheaper to build, so
 * a rule is parsed by that one first; only a rule with an error is parsed again
 * by the recovering parser, which finds all its errors. For a rule without
 * errors both give the same CST.
 */
let plain: RuleParser | undefined;
let recovering: RuleParser | undefined;

/** Builds the parser with Chevrotain's validations on; throws if the grammar is wrong. */
export function validateParserDefinition(): void {
  new RuleParser(/* validate */ true, /* recover */ true);
}

/** Parses layout tokens to a CST; errors are in `parser.errors` until the next call. */
export function parseTokens(tokens: IToken[]) {
  plain ??= new RuleParser(/* validate */ false, /* recover */ false);
  plain.input = tokens;
  const cst = plain.module();
  if (plain.errors.length === 0) return { cst, errors: plain.errors };
  recovering ??= new RuleParser(/* validate */ false, /* recover */ true);
  recovering.input = tokens;
  return { cst: recovering.module(), errors: recovering.errors };
}

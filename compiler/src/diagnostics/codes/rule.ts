import type { CatalogueEntry } from '../entry.js';

/**
 * ADT6xxx: scaling-rule names, types and placement (compiler/src/rule),
 * numbered ADT6 + the spec's RL number. ADT66xx are checks the spec asks for
 * without numbering them (a TypeError the rule cannot avoid, an output the
 * policy kind never reads back, a while loop that cannot end).
 * ADT6220-6222 and ADT6320-6321 are certain failures and likely mistakes
 * the spec does not number; they carry RL numbers of the same bands.
 * The `{placeholders}` of each message are exactly the keys of the `args`
 * the rule checker reports with that code.
 */
export const ruleCodes = {
  ADT6700: {
    name: 'rule-name-not-identifier',
    severity: 'warning',
    message: "The {what} name '{name}' is not a Python name, so no scaling rule can refer to it (MiCADO defines it, but a rule cannot write it). Rename it with letters, digits and underscores, starting with a letter or underscore.",
  },
  ADT6701: {
    name: 'rule-call-through-variable',
    severity: 'error',
    message: "'{name}' is a variable, and adtc compiles only calls that name their function. Call the function by its own name, for example len(x) rather than f = len followed by f(x).",
  },
  ADT6201: {
    name: 'rule-unknown-name',
    severity: 'error',
    spec: 'RL201',
    message: "'{name}' is not defined: it is not assigned in this rule, not an input of a {kind} policy and not a name MiCADO provides, so the rule would stop with NameError here. {hint}",
  },
  ADT6202: {
    name: 'rule-unsupported-method',
    severity: 'error',
    spec: 'RL202',
    message: "{receiver} has no method or attribute '{name}' that rules support, so the rule would stop with AttributeError here. {hint}",
  },
  ADT6203: {
    name: 'rule-name-not-available',
    severity: 'error',
    spec: 'RL203',
    message: "'{name}' is not available in scaling rules: {reason}. {advice}",
  },
  ADT6204: {
    name: 'rule-wrong-arguments',
    severity: 'error',
    spec: 'RL204',
    message: '{callee} {problem}, which raises TypeError in MiCADO. {advice}',
  },
  ADT6205: {
    name: 'rule-format-attribute',
    severity: 'error',
    spec: 'RL205',
    message: "The format field '{field}' reads an attribute of its argument, which the product's sandbox does not allow. Pass the value itself as an argument instead: give x.{attribute} to format() and use a plain field.",
  },
  ADT6206: {
    name: 'rule-output-never-converts',
    severity: 'error',
    spec: 'RL206',
    message: "'{name}' is read back with int() after the rule, but here it is {type}, which int() can never convert: MiCADO would abandon the whole scaling period. Assign a number to it.",
  },
  ADT6207: {
    name: 'rule-drop-not-str',
    severity: 'error',
    spec: 'RL207',
    message: "m_nodes_todrop must hold node names or addresses (str), but this is {type}; MiCADO would not find such a node. Use the node's 'ID', for example m_nodes[-1]['ID'].",
  },
  ADT6208: {
    name: 'rule-container-bounds',
    severity: 'error',
    spec: 'RL208',
    message: "Container policy '{policy}' has no value for {missing}: MiCADO clamps the container count between min_instances and max_instances and fails every scaling period with KeyError without them. Set {missing} in the policy's properties.",
  },
  ADT6210: {
    name: 'rule-requests',
    severity: 'error',
    spec: 'RL210',
    message: 'Rules cannot make network calls. A rule runs inside the scaling loop under a small time budget; an HTTP call would stall every other rule (the reference waits up to 15 s and then abandons the whole period), its result cannot be reproduced in tests, and it would run with the scaling engine\'s network access and credentials. Publish the value as a Prometheus metric (an exporter or the Pushgateway) and declare it under `queries`.',
  },
  ADT6211: {
    name: 'rule-optimizer-advice',
    severity: 'error',
    spec: 'RL211',
    message: "m_opt_advice asks MiCADO's optimizer for advice, and the optimizer serves VM node policies only: a container policy's rule cannot call it. Scale containers on queries and alerts instead, or move the advice-driven rule to the VM node policy.",
  },
  ADT6212: {
    name: 'rule-time-unsupported',
    severity: 'error',
    spec: 'RL212',
    message: '{what} is not supported in rules. {advice}',
  },
  ADT6213: {
    name: 'rule-time-sleep',
    severity: 'error',
    spec: 'RL213',
    message: 'time.sleep blocks the scaling loop: every other rule waits, and MiCADO abandons the whole period after 15 s. Remove it; the rule runs again next period anyway.',
  },
  ADT6214: {
    name: 'rule-constant-date',
    severity: 'error',
    spec: 'RL214',
    message: "The constant '{name}' is a date, which YAML turns into a date object that rules cannot use. Quote the value to make it a string.",
  },
  ADT6220: {
    name: 'rule-read-before-assignment',
    severity: 'error',
    spec: 'RL220',
    message: "'{name}' is read here, but no statement before this line assigns it{how} and MiCADO provides no input of that name, so the rule stops with NameError every time this line runs. {advice}",
  },
  ADT6221: {
    name: 'rule-string-constant-as-number',
    severity: 'error',
    spec: 'RL221',
    message: "The constant '{name}' is a string ({value}) but is {use} a number here, which raises TypeError every time this line runs. If it is meant as a number, write it without quotes in the ADT.",
  },
  ADT6222: {
    name: 'rule-division-by-zero',
    severity: 'error',
    spec: 'RL222',
    message: "'{op}' by zero raises ZeroDivisionError every time this line runs. Divide by a value that cannot be zero, or check the divisor first.",
  },
  ADT6301: {
    name: 'rule-maybe-none',
    severity: 'warning',
    spec: 'RL301',
    message: "'{name}' may be None here ({why}), and {operation} with None raises TypeError, which stops the rule. Check it first, for example `if {name} is not None:`, or write `{name} = {name} or 0` before using it.",
  },
  ADT6302: {
    name: 'rule-possibly-unbound',
    severity: 'warning',
    spec: 'RL302',
    message: "'{name}' may be unbound here: it is assigned only on some paths before this point, and reading it on the others stops the rule with NameError. Assign it a value before the branch or loop.",
  },
  ADT6303: {
    name: 'rule-hides-symbol',
    severity: 'warning',
    spec: 'RL303',
    message: "Assigning '{name}' hides {what} of the same name for the rest of the rule. Use another variable name.",
  },
  ADT6305: {
    name: 'rule-no-effect',
    severity: 'warning',
    spec: 'RL305',
    message: 'This statement has no effect: its value is computed and thrown away. Assign it to a variable, or remove it.',
  },
  ADT6307: {
    name: 'rule-identity-comparison',
    severity: 'warning',
    spec: 'RL307',
    message: "'{op}' compares object identity, which for numbers, strings and containers is a CPython implementation detail. Compare values with '{replacement}' instead.",
  },
  ADT6308: {
    name: 'rule-python2-division',
    severity: 'warning',
    spec: 'RL308',
    message: 'Python 2 divided integers with floor division; Python 3 gives a float. Use `//` if an integer is meant.',
  },
  ADT6309: {
    name: 'rule-string-constant-number',
    severity: 'warning',
    spec: 'RL309',
    message: "The constant '{name}' is a string ({value}) but is {use} a number here, which raises TypeError in Python 3. If it is meant as a number, write it without quotes in the ADT.",
    retired: true,
  },
  ADT6311: {
    name: 'rule-set-order',
    severity: 'warning',
    spec: 'RL311',
    message: "The order of a set's elements is not defined: MiCADO {use} it in hash order (random per process for strings), the product in insertion order. Use sorted(...) to make the order explicit.",
  },
  ADT6312: {
    name: 'rule-transcendental-rounding',
    severity: 'warning',
    spec: 'RL312',
    message: "The result of {function} is an approximation whose last bits differ between machines, and it feeds {consumer} directly, so the result can be off by one at exact values (floor(log(1000) / log(10)) is 2.0). {advice}",
  },
  ADT6313: {
    name: 'rule-constant-conflict',
    severity: 'warning',
    spec: 'RL313',
    message: "The constant '{name}' is {value} here but {other} in policy '{policy}'. MiCADO merges the constants of all policies and the last one wins, so every rule sees {winner}. Use one value, or rename one of them.",
  },
  ADT6314: {
    name: 'rule-constant-shadows-input',
    severity: 'warning',
    spec: 'RL314',
    message: "The constant '{name}' has the name of {what}; MiCADO binds constants last, so rules see the constant instead. Rename one of them.",
  },
  ADT6315: {
    name: 'rule-userdata-shared',
    severity: 'warning',
    spec: 'RL315',
    message: "m_userdata is also assigned by the rule of policy '{other}'. It is one slot shared by every rule of the ADT, so each rule overwrites what the previous one left. Keep m_userdata in one rule, or store each rule's data under its own key of a dict.",
  },
  ADT6316: {
    name: 'rule-output-may-be-none',
    severity: 'warning',
    spec: 'RL316',
    message: "'{name}' may be None when MiCADO reads it back with int() ({why}); int(None) raises TypeError and abandons the whole scaling period. Make sure it holds a number on every path, for example `{name} = {name} or 0` after this line.",
  },
  ADT6317: {
    name: 'rule-alert-shared',
    severity: 'warning',
    spec: 'RL317',
    message: "The alert '{alert}' is also referenced by the rule of policy '{other}'. MiCADO removes an alert after the first rule that references it, so only that rule sees it fire. Reference each alert from one rule.",
  },
  ADT6320: {
    name: 'rule-misspelt-output',
    severity: 'warning',
    spec: 'RL320',
    message: "'{name}' is assigned but never read, and MiCADO reads back only {outputs} from the rule of a {kind} policy, so this assignment does nothing. Did you mean the output '{output}'?",
  },
  ADT6321: {
    name: 'rule-float-count',
    severity: 'warning',
    spec: 'RL321',
    message: "'{name}' is assigned a float here, and MiCADO reads it back with int(), which truncates toward zero (2.9 becomes 2). Say how to round: use '//' for an integer division, or wrap the value in int(ceil(...)) to round up or int(...) to round down.",
  },
  ADT6401: {
    name: 'rule-compat-subscript-pk-latest',
    severity: 'warning',
    spec: 'RL401',
    message: "On MiCADO's Policy Keeper images built since mid-2024 (Python 3.9), {effect}: their evaluator reads every 'x[i]' as None and ignores assignments to one. adtc runs the rule as Python does; to run it on those images as well, avoid the subscript (iterate with a for loop, or use dict.get).",
  },
  ADT6402: {
    name: 'rule-compat-aliased-augmented',
    severity: 'warning',
    spec: 'RL402',
    message: "'{name}' may share its {type} with another variable: MiCADO's '{op}' builds a new {type}, while the product (like CPython) changes it in place, so the other variable differs. Write `{name} = {name} {binop} ...` to make a new one explicitly.",
  },
  ADT6403: {
    name: 'rule-compat-augmented-call',
    severity: 'warning',
    spec: 'RL403',
    message: 'This augmented assignment target contains a call, which MiCADO evaluates twice (once to read, once to write) and the product once. Compute the index into a variable first.',
  },
  ADT6404: {
    name: 'rule-compat-numpy-bool-pk-latest',
    severity: 'warning',
    spec: 'RL404',
    message: "On MiCADO's Policy Keeper images built since mid-2024, 'bool' is numpy's: bool(...) returns a numpy bool_, which is not an int there (True + True is True, and it is not an index). adtc runs Python's bool; to run the rule on those images as well, compare with == or use the value's truthiness directly.",
  },
  ADT6405: {
    name: 'rule-compat-slice-step-assignment',
    severity: 'warning',
    spec: 'RL405',
    message: 'MiCADO ignores the step of a slice assignment and replaces the whole range; the product follows Python. Assign the elements in a loop instead.',
  },
  ADT6406: {
    name: 'rule-compat-print-end',
    severity: 'warning',
    spec: 'RL406',
    message: "MiCADO ignores print's end argument and always ends the line; the product honours it. Build the whole line first and print it once.",
  },
  ADT6407: {
    name: 'rule-compat-complex-power',
    severity: 'warning',
    spec: 'RL407',
    message: 'If the base is negative, this power with a fractional exponent is a complex number in MiCADO, which the product refuses with ValueError. Use abs() on the base, or check its sign first.',
  },
  ADT6408: {
    name: 'rule-compat-numpy-repr-pk-latest',
    severity: 'warning',
    spec: 'RL408',
    message: "On MiCADO's Policy Keeper images built since mid-2024 (numpy 2), a {container} holding numpy values prints them as np.float64(2.0) rather than 2.0, so this output differs there. Convert the values with float() or int() before printing.",
  },
  ADT6409: {
    name: 'rule-compat-alert-substring',
    severity: 'warning',
    spec: 'RL409',
    message: "The alert name '{alert}' occurs in this rule's text but not as a name in its code. MiCADO binds alerts by substring, so it hands this rule the alert and then removes it, hiding it from later rules; the product binds only names used in code. Rename the text, or use the alert.",
  },
  ADT6410: {
    name: 'rule-compat-list-query-container',
    severity: 'warning',
    spec: 'RL410',
    message: "'{name}' is a list-form query, which MiCADO evaluates only for node rules: in a container rule it is always None there, while the product gives the list of label values. Use a number-form query, or move this logic into a node policy's rule.",
  },
  ADT6501: {
    name: 'rule-template-syntax',
    severity: 'error',
    spec: 'RL501',
    message: "'{text}' is template syntax that rules do not support: only a placeholder naming a constant is substituted, and MiCADO's renderer {reference}. Write the value directly.",
  },
  ADT6502: {
    name: 'rule-undefined-placeholder',
    severity: 'error',
    spec: 'RL502',
    message: "The placeholder '{placeholder}' {problem}. {advice}",
  },
  ADT6503: {
    name: 'rule-folded-scalar',
    severity: 'error',
    spec: 'RL503',
    message: "The rule is written as a folded block scalar ('>'), which joins its lines with spaces, so Python sees one long line and the indentation is lost. Write it as a literal block scalar ('|').",
  },
  ADT6600: {
    name: 'rule-type-error',
    severity: 'error',
    message: '{detail}, so the rule would stop here with {error}. {advice}',
  },
  ADT6601: {
    name: 'rule-output-not-read',
    severity: 'error',
    message: "'{name}' is not read back from the rule of a {kind} policy (MiCADO reads {outputs}), so this assignment has no effect. {advice}",
  },
  ADT6602: {
    name: 'rule-endless-while',
    severity: 'error',
    message: 'This while loop can never end: no statement in its body changes {what}, and it has no break, so every evaluation would run until MiCADO kills it after 15 s and abandons the period. Change the condition inside the loop, or add a break.',
  },
} as const satisfies Record<string, CatalogueEntry>;

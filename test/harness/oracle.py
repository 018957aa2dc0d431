"""Differential oracle for the rule runtime (spec §5).

One long-lived process: reads JSON-lines cases on stdin, writes one JSON line
per case on stdout. Run with Debian's /usr/bin/python3 (numpy 1.x, mpmath); the
TypeScript side (oracle.ts) sets PYTHONHASHSEED, TZ and the locale.

Case:   {"id": any, "src": str, "mode": "exec"|"eval", "inputs": {name: enc}, "clock": float?}
Result: {"id", "ns": {name: canon}, "out": str, "err": [type, line] | null, "value": canon?,
         "numpyBeyondBound": [str]?}

enc is the tagged JSON form produced by runtime/src/rule-lib/encode.ts (toJson):
  {"t": kind, "v": payload}; ints and floats carry their repr text so that no
  precision is lost in JSON (see decode()).
canon is the canonical text "kind:repr", recursive for containers, sets sorted.

The oracle encodes the product's semantics (spec §5.1), so the source is rewritten
before it runs: asteval's resource limits (RuntimeError), complex ** results as
ValueError (D9), and Python 3.8's missing dict union.

Results that must not depend on the machine running the tests: numpy's transcendental ufuncs
(exp/log family, trigonometric, hyperbolic, power, arctan2) run CPU-specific kernels, so the oracle
answers them with the correctly rounded value (correctly_rounded.py), after checking that numpy's
own answer is within the error numpy documents; a case where it is not lists it in
numpyBeyondBound. Everything else is CPython's and glibc's, exact where IEEE or Python fixes
the result; glibc's `pow` (float `**`, math.pow) is within 0.52 ulp, and a case can call
`_correctly_rounded(name, *args)` to judge it.
"""
import ast, builtins, json, math, numbers, sys, time as _time
import numpy

from correctly_rounded import NUMPY_DOCUMENTED_ULP, correctly_rounded, ulps

assert numpy.__version__.startswith('1.'), 'oracle needs numpy 1.x, got ' + numpy.__version__
numpy.seterr(all='ignore')
sys.set_int_max_str_digits(0)
sys.setrecursionlimit(10000)

PY = ('bool chr dict divmod enumerate filter float format hex bin oct int isinstance len list map max '
      'min ord range repr reversed set sorted str tuple zip').split()
MATH = 'factorial fsum pow'.split()
NP = ('abs all any round sum ceil floor trunc sqrt exp log log10 log1p fabs fmod copysign hypot ldexp '
      'frexp modf isnan isinf degrees radians sin cos tan sinh cosh tanh e pi inf Inf infty nan NAN '
      'around round_ rint sign square exp2 expm1 log2 maximum minimum fmax fmin power mod remainder '
      'floor_divide true_divide isfinite clip mean median std var average amax amin prod product '
      'nansum nanmax nanmin percentile arcsin arccos arctan arctan2 arcsinh arccosh arctanh').split()
ALIAS = {'ln': 'log', 'asin': 'arcsin', 'acos': 'arccos', 'atan': 'arctan', 'atan2': 'arctan2',
         'asinh': 'arcsinh', 'acosh': 'arccosh', 'atanh': 'arctanh'}
ERRORS = ('TypeError ValueError ZeroDivisionError IndexError KeyError OverflowError NameError '
          'AttributeError RuntimeError').split()


MAX_EXPONENT, MAX_SHIFT, MAX_STR_LEN = 10000, 1000, 262144


def _lim_pow(a, b):
    """asteval's exponent limit (spec §2.5); a complex result is ValueError in the product (D9)."""
    if isinstance(b, numbers.Number) and not isinstance(b, complex) and b > MAX_EXPONENT:
        raise RuntimeError('Invalid exponent, max exponent is %d' % MAX_EXPONENT)
    r = a ** b
    if isinstance(r, complex):
        raise ValueError('complex result not supported')
    return r


def _lim_lshift(a, b):
    if isinstance(b, numbers.Number) and b > MAX_SHIFT:
        raise RuntimeError('Invalid left shift, max left shift is %d' % MAX_SHIFT)
    return a << b


def _lim_mult(a, b):
    for s, n in ((a, b), (b, a)):
        if isinstance(s, str) and isinstance(n, int) and len(s) * n > MAX_STR_LEN:
            raise RuntimeError('String length exceeded maximum of %d' % MAX_STR_LEN)
    return a * b


def _lim_add(a, b):
    if isinstance(a, str) and isinstance(b, str) and len(a) + len(b) > MAX_STR_LEN:
        raise RuntimeError('String length exceeded maximum of %d' % MAX_STR_LEN)
    return a + b


class ufunc:  # named as numpy's, so that type(sin) in a rule reads the same
    """numpy's `name`, answered with the correctly rounded value once numpy's own value is checked
    against the bound numpy documents (violations go to beyond_bound). numpy decides the kind of the
    result, its errors, nan outside the domain and the sign of a zero: none of those vary by CPU."""

    def __init__(self, name, beyond_bound):
        self.__name__ = name
        self._numpy = getattr(numpy, name)
        self._beyond_bound = beyond_bound

    def __call__(self, *args, **kw):
        r = self._numpy(*args, **kw)
        if kw or type(r) is not numpy.float64 or not all(isinstance(a, (int, float, numpy.number)) for a in args):
            return r
        exact = correctly_rounded(self.__name__, *args)
        if exact is None or (exact == 0 and r == 0):
            return r
        off, bound = ulps(float(r), exact), NUMPY_DOCUMENTED_ULP[self.__name__]
        if off > bound:
            self._beyond_bound.append('numpy.%s%r = %r is %g ulp from the correctly rounded %r; numpy documents at most %d'
                                      % (self.__name__, tuple(float(a) for a in args), float(r), off, exact, bound))
        return numpy.float64(exact)


def _py38_or(a, b):
    """Python 3.8 has no dict union (spec §2.1); the oracle runs 3.11."""
    if isinstance(a, dict) and isinstance(b, dict):
        raise TypeError("unsupported operand type(s) for |: 'dict' and 'dict'")
    return a | b


def _py38_ior(a, b):
    if isinstance(a, dict) and isinstance(b, dict):
        raise TypeError("unsupported operand type(s) for |=: 'dict' and 'dict'")
    a |= b  # sets keep their identity, as CPython's augmented assignment does
    return a


LIMITED = {ast.Pow: '_lim_pow', ast.LShift: '_lim_lshift', ast.Mult: '_lim_mult', ast.Add: '_lim_add', ast.BitOr: '_py38_or'}


class Limits(ast.NodeTransformer):
    """Route the operators asteval checks through the limit helpers, keeping line numbers."""

    def visit_BinOp(self, node):
        self.generic_visit(node)
        fn = LIMITED.get(type(node.op))
        if fn is None:
            return node
        call = ast.Call(ast.Name(fn, ast.Load()), [node.left, node.right], [])
        return ast.copy_location(call, node)

    def visit_AugAssign(self, node):
        self.generic_visit(node)
        if isinstance(node.target, ast.Name) and type(node.op) in (ast.Pow, ast.LShift, ast.BitOr):
            load = ast.Name(node.target.id, ast.Load())
            fn = '_py38_ior' if isinstance(node.op, ast.BitOr) else LIMITED[type(node.op)]
            call = ast.Call(ast.Name(fn, ast.Load()), [load, node.value], [])
            return ast.copy_location(ast.Assign([node.target], call), node)
        return node


class Clock:
    """Stand-in for the time module: one injected reading per evaluation, UTC."""

    def __init__(self, now):
        self.now = now

    def time(self):
        return self.now

    def gmtime(self, *s):
        return _time.gmtime(*(s or (self.now,)))

    def localtime(self, *s):  # TZ=UTC, as in the reference container
        return _time.localtime(*(s or (self.now,)))

    def mktime(self, t):
        return float(__import__('calendar').timegm(tuple(t)[:6] + (0, 0, 0)))

    def strptime(self, s, fmt):
        return _time.strptime(s, fmt)

    def strftime(self, fmt, *t):
        return _time.strftime(fmt, *(t or (_time.localtime(self.now),)))


def decode(e):
    t = e['t']
    v = e.get('v')
    if t == 'NoneType':
        return None
    if t == 'bool':
        return bool(v)
    if t == 'int':
        return int(v)
    if t == 'float':
        return float(v)
    if t == 'str':
        return v
    if t == 'list':
        return [decode(x) for x in v]
    if t == 'tuple':
        return tuple(decode(x) for x in v)
    if t == 'set':
        return set(decode(x) for x in v)
    if t == 'dict':
        return {decode(k): decode(x) for k, x in v}
    if t == 'float64':
        return numpy.float64(float(v))
    if t == 'int64':
        return numpy.int64(int(v))
    if t == 'bool_':
        return numpy.bool_(v)
    if t == 'struct_time':
        return _time.struct_time(tuple(v))
    raise ValueError('unknown encoded kind ' + t)


def canon(v, seen=()):
    k = type(v).__name__
    if id(v) in seen:
        return k + ':<cycle>'
    if isinstance(v, (list, tuple)) and k in ('list', 'tuple'):
        inner = ', '.join(canon(x, seen + (id(v),)) for x in v)
        return k + ('[' + inner + ']' if k == 'list' else '(' + inner + ')')
    if k == 'dict':
        return 'dict{' + ', '.join(canon(a, seen) + ': ' + canon(b, seen + (id(v),)) for a, b in v.items()) + '}'
    if k == 'set':
        return 'set{' + ', '.join(sorted(canon(x) for x in v)) + '}'
    if k == 'struct_time':
        return 'struct_time:' + repr(tuple(v))
    if k in ('builtin_function_or_method', 'function', 'ufunc', 'type', 'module', 'Clock'):
        return 'callable:' + getattr(v, '__name__', k)
    if k in ('range', 'enumerate', 'zip', 'map', 'filter', 'reversed', 'dict_keys', 'dict_values', 'dict_items',
             'list_reverseiterator'):
        return k + ':<iter>'
    return k + ':' + repr(v)


def table(out, clock, beyond_bound):
    t = {n: getattr(builtins, n) for n in PY}
    t.update({n: getattr(math, n) for n in MATH})
    t.update({n: getattr(numpy, n) for n in NP})
    t.update({n: ufunc(n, beyond_bound) for n in NUMPY_DOCUMENTED_ULP})
    t.update({a: t[b] for a, b in ALIAS.items()})
    t['type'] = lambda v: type(v).__name__
    t['isinstance'] = builtins.isinstance
    t['int'], t['float'], t['str'], t['bool'] = int, float, str, bool
    t['list'], t['tuple'], t['dict'], t['set'] = list, tuple, dict, set

    def _print(*a, sep=' ', end='\n'):
        out.append(sep.join(str(x) for x in a) + end)
    t['print'] = _print
    t.update(_correctly_rounded=correctly_rounded, _py38_or=_py38_or, _py38_ior=_py38_ior, _lim_pow=_lim_pow, _lim_lshift=_lim_lshift, _lim_mult=_lim_mult, _lim_add=_lim_add)
    t['time'] = Clock(clock)
    return t


def run(case):
    out, beyond_bound = [], []
    tab = table(out, case.get('clock', 0.0), beyond_bound)
    inputs = {k: decode(v) for k, v in case.get('inputs', {}).items()}
    ns = {'__builtins__': {}, **tab, **inputs}
    err = None
    value = None
    mode = case.get('mode', 'exec')
    try:
        tree = ast.fix_missing_locations(Limits().visit(ast.parse(case['src'], 'rule', mode)))
        code = compile(tree, 'rule', mode)
        r = eval(code, ns) if mode == 'eval' else exec(code, ns)
        if mode == 'eval':
            value = canon(r)
    except SyntaxError as e:
        err = ['SyntaxError', e.lineno]
    except Exception as e:  # the rule stops; what it did stays in ns
        tb, line = e.__traceback__, None
        while tb:
            if tb.tb_frame.f_code.co_filename == 'rule':
                line = tb.tb_lineno
            tb = tb.tb_next
        name = type(e).__name__
        if name not in ERRORS:
            # numpy's UFuncTypeError and friends are TypeError subclasses
            name = next((b.__name__ for b in type(e).__mro__ if b.__name__ in ERRORS), name)
        err = [name, line]
    final = {k: canon(v) for k, v in ns.items()
             if k != '__builtins__' and (k not in tab or v is not tab[k])}
    res = {'id': case.get('id'), 'ns': final, 'out': ''.join(out), 'err': err}
    if mode == 'eval':
        res['value'] = value
    if beyond_bound:
        res['numpyBeyondBound'] = beyond_bound
    return res


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        case = json.loads(line)
        try:
            res = run(case)
        except BaseException as e:  # keep the process alive for the next case
            res = {'id': case.get('id'), 'ns': {}, 'out': '', 'err': ['OracleError', str(e)]}
        sys.stdout.write(json.dumps(res) + '\n')
        sys.stdout.flush()


if __name__ == '__main__':
    main()

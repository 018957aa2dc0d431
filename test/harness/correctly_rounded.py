"""Correctly rounded float64 values of the rule language's transcendental functions (spec §2.7).

The oracle (oracle.py) needs a reference that is the same on every machine. numpy is not one: it
dispatches exp/log/trigonometric/hyperbolic ufuncs and `power` to CPU-specific kernels (on an
AVX-512 CPU, numpy 1.24 answers cos(0.5) with 0.8775825618903725 where the correctly rounded value
is 0.8775825618903728), so its last bits depend on the CPU that runs the tests. The values here are
computed in 1300-bit arithmetic (mpmath; exact rational arithmetic for `power`) and rounded once.

numpy is held to the error it documents instead: NUMPY_DOCUMENTED_ULP.
"""
import decimal
import fractions
import math

import mpmath

# The largest error, in ulp of the correctly rounded result, that numpy allows its own float64
# kernels: the `ulperr` column of numpy 1.24's numpy/core/tests/data/umath-validation-set-<name>.csv,
# which numpy's test_umath_accuracy.py holds every kernel to (SIMD and C-library fallbacks alike).
# numpy documents no bound for power and arctan2 (SVML kernels on AVX-512): they are held to the
# widest bound it documents for any float64 kernel, 4 ulp.
NUMPY_DOCUMENTED_ULP = {
    'sin': 4, 'cos': 4, 'tan': 4, 'arcsin': 3, 'arctan': 3, 'expm1': 3,
    'arccos': 2, 'arcsinh': 2, 'arccosh': 2, 'arctanh': 2, 'sinh': 2, 'cosh': 2, 'tanh': 2,
    'exp': 2, 'exp2': 2, 'log': 2, 'log2': 2, 'log10': 2, 'log1p': 2,
    'power': 4, 'arctan2': 4,
}

# 1300 bits covers the full double range: 1 + 2**-1074 and an argument of 2**1023 reduced modulo pi
# keep more than 53 correct bits (mpmath adds guard bits for the reduction itself).
PRECISION_BITS = 1300

_MP = {
    'exp': mpmath.exp, 'expm1': mpmath.expm1, 'exp2': lambda x: mpmath.power(2, x),
    'log': mpmath.log, 'log2': lambda x: mpmath.log(x, 2), 'log10': mpmath.log10, 'log1p': mpmath.log1p,
    'sin': mpmath.sin, 'cos': mpmath.cos, 'tan': mpmath.tan,
    'arcsin': mpmath.asin, 'arccos': mpmath.acos, 'arctan': mpmath.atan, 'arctan2': mpmath.atan2,
    'sinh': mpmath.sinh, 'cosh': mpmath.cosh, 'tanh': mpmath.tanh,
    'arcsinh': mpmath.asinh, 'arccosh': mpmath.acosh, 'arctanh': mpmath.atanh, 'hypot': mpmath.hypot,
}


def _to_double(v):
    """Round an mpmath real once to the nearest double (subnormals and overflow included).

    Going through 40 significant decimal digits snaps a value that is exact in decimal (log10(1000),
    exp2(-3)) onto itself before the one binary rounding, which Python's float() does correctly.
    """
    return float(mpmath.nstr(v, 40))


def _power(a, b):
    """a**b correctly rounded, ties to even; exact rational arithmetic where the result can be exact."""
    if a == 0 or not math.isfinite(a) or not math.isfinite(b):
        return a ** b
    if b == int(b) and abs(b) <= 1100:  # an exact rational power, rounded once
        return float(fractions.Fraction(a) ** int(b))
    with decimal.localcontext() as ctx:
        ctx.prec = 80
        v = (decimal.Decimal(b) * decimal.Decimal(abs(a)).ln()).exp()
        for m in (1, 2, 3):  # b = p / 2**m: exact roots keep exact results (100.0 ** 11.5 is 10**23, a tie)
            p = b * 2 ** m
            if p == int(p) and 0 < abs(p) <= 4096:
                ctx.prec = 3000
                w = decimal.Decimal(abs(a)) ** int(abs(p))
                for _ in range(m):
                    w = w.sqrt()
                v = 1 / w if p < 0 else w
                break
    r = float(v)
    return -r if a < 0 and b == int(b) and int(b) % 2 else r


def correctly_rounded(name, *args):
    """The correctly rounded double of numpy function `name` at float arguments, or None where the
    result is not a real number (log(-1), arcsin(2): numpy's nan stands)."""
    args = tuple(float(x) for x in args)
    if name == 'power':
        a, b = args
        return None if a < 0 and b != int(b) else _power(a, b)
    with mpmath.workprec(PRECISION_BITS):
        try:
            v = _MP[name](*(mpmath.mpf(x) for x in args))
        except (ValueError, ZeroDivisionError):
            return None
        if not isinstance(v, mpmath.mpf) or mpmath.isnan(v):
            return None
        return _to_double(v)


def ulps(value, reference):
    """How far a double is from the correctly rounded reference, in units of the reference's last place."""
    if value == reference:
        return 0.0
    if not (math.isfinite(value) and math.isfinite(reference)):
        return math.inf
    return abs(value - reference) / math.ulp(reference)

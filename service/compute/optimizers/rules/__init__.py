"""The optimizer registry: one entry per optimizer, each an optax-style ``init``/``update`` pair.

Every update follows the single-tensor code path of ``torch.optim`` (torch 2.13, CPU
default) operation by operation, so that a float64 trajectory agrees with torch to the last
few bits (torch's own operation order). The torch primitives map to NumPy as::

    a.add(b, alpha=α)            a + α*b
    s.addcmul(t1, t2, value=v)   s + (v*t1)*t2
    s.addcdiv(t1, t2, value=v)   s + (v*t1)/t2
    s.lerp(e, w)                 s + w*(e−s) if |w| < 0.5 else e − (e−s)*(1−w)

torch on AVX2 fuses some of these into an FMA and its ``sqrt`` is not always correctly
rounded, so agreement is to about 1 ulp per operation, not bit for bit.

Notation in the docstrings and LaTeX: g the gradient (negated first when ``maximize``), p the
parameter, t the step counter after the increment (the first update has t = 1), η the
learning rate of this step (after the schedule).

Hidden float32 scalars of torch: torch keeps NAdam's ``mu_product`` and ASGD's ``eta`` and
``mu`` (and ``step``) as float32 0-d tensors unless the default dtype is float64. Here they
are computed in the parameters' dtype (float64 by default): the exact rule. torch with
``torch.set_default_dtype(torch.float64)`` computes the same.
"""

from __future__ import annotations

# the entries register in this order (the catalog's)
from service.compute.optimizers.rules import _adam, _adaptive, _more  # noqa: F401
from service.compute.optimizers.rules._base import (
    OPTIMIZERS,
    ConvergenceSpec,
    Ctx,
    KerasForm,
    Optimizer,
    OptimizerVariant,
    eps1_default,
    lerp,
)

__all__ = [
    "OPTIMIZERS",
    "ConvergenceSpec",
    "Ctx",
    "KerasForm",
    "Optimizer",
    "OptimizerVariant",
    "eps1_default",
    "lerp",
]

"""Cohort statistics: group differences, covariates, co-occurrence, cell-wise maps.

Which regions differ between groups, what goes with a covariate, which regions go together,
and where on the body the groups differ cell by cell.  Every function takes a
:class:`~bodymap.analysis.cohort.CohortData` whose rows were kept and works on its
*membership matrix* (:func:`membership`: drawing × region, marked or not, from the rows'
``regions`` column, in chart order) or, for :func:`cell_test`, on its
frequency grids per group.  The tests are those of scipy and statsmodels, called as their
documentation defines them: Pearson's chi-square without continuity correction
(``scipy.stats.chi2_contingency(table, correction=False)``), Fisher's exact test
(``scipy.stats.fisher_exact``; on the cell map, scipy's own algorithm run on all cells at
once, :func:`fisher_exact_many`), the 95 % confidence interval of a difference of two
proportions (``statsmodels.stats.proportion.confint_proportions_2indep``, Newcombe's hybrid
score method, which stays inside [-1, 1] with zero counts), logistic regression
(``statsmodels.api.Logit``) and the corrections of
``statsmodels.stats.multitest.multipletests`` (``holm``, ``bonferroni``, ``fdr_bh``).  A region
that no grouped drawing or every grouped drawing marked cannot be tested by chi-square (an
expected count is zero): its statistic and p-values are empty and it is not part of the
corrected family; Fisher's test gives it p = 1.  scipy and statsmodels are an optional extra
(``bodymap[stats]``), imported only here and only when a test runs.
"""

from __future__ import annotations

import math
import os
import warnings
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from bodymap.analysis.cohort.tables import check_table_output, write_rows
from bodymap.core.choices import ASSOCIATIONS, BODY_AREAS, CORRECTIONS, STAT_TESTS, check
from bodymap.core.errors import BodymapError, DataError
from bodymap.core.output import atomic_write

if TYPE_CHECKING:
    from bodymap.analysis.cohort.result import CohortData

__all__ = [
    "CellTest",
    "Distributions",
    "Membership",
    "StatTable",
    "cell_test",
    "check_group_count",
    "cooccurrence",
    "distributions",
    "fisher_exact_many",
    "group_tests",
    "membership",
    "regress",
    "tested_groups",
]

PathLike = str | os.PathLike[str]

#: The significance level of the maps (adjusted p below it is significant).
ALPHA = 0.05
#: Cells marked by fewer drawings than this are not tested by :func:`cell_test`.
MIN_CELL_COUNT = 5


def _stats_modules(logit: bool = False) -> tuple[Any, Any, Any]:
    """``scipy.stats``, ``statsmodels.api`` and ``statsmodels.stats``, or a one-line error.

    ``statsmodels.api``, slow to import, only with ``logit`` (for the regression; else
    ``None``).
    """
    try:
        import scipy.stats
        import statsmodels.stats.multitest
        import statsmodels.stats.proportion

        if logit:
            import statsmodels.api
    except ImportError:
        raise BodymapError(
            "cohort statistics need scipy and statsmodels (pip install 'bodymap[stats]')"
        ) from None
    return scipy.stats, statsmodels.api if logit else None, statsmodels.stats


def _adjust(p: Sequence[float | None], correction: str) -> list[float | None]:
    """``p`` corrected by ``multipletests(method=correction)``; ``None`` stays ``None``."""
    _, _, sms = _stats_modules()
    index = [i for i, v in enumerate(p) if v is not None]
    out: list[float | None] = [None] * len(p)
    if index:
        adjusted = sms.multitest.multipletests([p[i] for i in index], method=correction)[1]
        for i, v in zip(index, adjusted):
            out[i] = float(v)
    return out


def _finite(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None


@dataclass(frozen=True)
class StatTable:
    """Rows of a statistics table (plain dicts), with their column order.

    Iterate over it, index it, write it (:meth:`write`: CSV, TSV, JSON Lines or Parquet by
    suffix) or get a DataFrame (:meth:`to_pandas`).  ``problems`` lists the drawings left out
    of the analysis and why (a missing or non-numeric covariate, say).
    """

    columns: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]
    kinds: Mapping[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: int) -> dict[str, Any]:
        return self.rows[index]

    def row(self, region: str) -> dict[str, Any]:
        """The row of one region (``region`` column), or a :class:`KeyError`."""
        for r in self.rows:
            if r.get("region") == region:
                return r
        raise KeyError(region)

    def to_pandas(self) -> Any:
        """The rows as a pandas DataFrame (needs pandas)."""
        try:
            import pandas as pd  # type: ignore[import-untyped, unused-ignore]
        except ImportError:
            raise BodymapError("to_pandas() needs pandas (pip install pandas)") from None
        return pd.DataFrame(list(self.rows), columns=list(self.columns))

    def write(self, path: PathLike) -> Path:
        """Write the table as CSV, TSV, JSON Lines or Parquet (by suffix), atomically."""
        out, fmt = check_table_output(path)
        atomic_write(out, lambda fh: write_rows(fh, fmt, self.columns, self.rows, self.kinds))
        return out


@dataclass(frozen=True)
class Membership:
    """Which drawing marked which region: the input of the region statistics.

    Attributes
    ----------
    ids, names, areas, views
        The regions (chart order): ids, names in the chosen language, body areas, views.
    matrix
        ``bool`` array ``(drawings, regions)``.
    groups
        The group of every drawing (``None`` if it has none), in row order.
    rows
        The cohort rows, in the same order.
    """

    ids: tuple[str, ...]
    names: tuple[str, ...]
    areas: tuple[str | None, ...]
    views: tuple[str, ...]
    matrix: np.ndarray
    groups: tuple[str | None, ...]
    rows: tuple[dict[str, Any], ...]


def membership(result: CohortData, lang: str = "en") -> Membership:
    """The drawing × region matrix of a cohort (see :class:`Membership`).

    The regions are the chart's, or the areas of the cohort's region scheme (``--scheme``),
    whose codes the rows' ``regions`` column then holds.

    Raises
    ------
    BodymapError
        If the result kept no rows (``keep_rows=False``) although it has drawings.
    """
    rows = tuple(result.rows)
    if result.n and not rows:
        raise BodymapError("cohort statistics need the rows: run the cohort with keep_rows=True")
    if result.scheme is None:
        ids = [r.id for r in result.chart.regions]
        names = [r.name(lang) for r in result.chart.regions]
        areas = [r.body_area for r in result.chart.regions]
        views = [r.view for r in result.chart.regions]
    else:
        ids = [a.code for a in result.scheme.areas]
        names = [a.name(lang) for a in result.scheme.areas]
        areas = [a.body_area for a in result.scheme.areas]
        views = [a.views[0] for a in result.scheme.areas]
    index = {rid: i for i, rid in enumerate(ids)}
    matrix = np.zeros((len(rows), len(ids)), dtype=bool)
    for k, row in enumerate(rows):
        for rid in str(row.get("regions") or "").split(";"):
            if rid:
                try:
                    matrix[k, index[rid]] = True
                except KeyError:
                    raise DataError(f"{row.get('source')}: unknown region {rid!r}") from None
    return Membership(
        ids=tuple(ids),
        names=tuple(names),
        areas=tuple(areas),
        views=tuple(views),
        matrix=matrix,
        groups=tuple(row.get("group") for row in rows),
        rows=rows,
    )


def check_group_count(count: int, test: str) -> None:
    """Whether ``count`` groups can be compared by ``test``: two or more (Fisher's: two).

    Raises
    ------
    BodymapError
        In one line, naming the number of groups.
    """
    if count < 2:
        raise BodymapError(f"group tests need at least two groups (--by); this cohort has {count}")
    if test == "fisher" and count != 2:
        raise BodymapError(f"Fisher's exact test needs exactly two groups, not {count}")


def tested_groups(result: CohortData, test: str) -> list[str]:
    """The cohort's groups, checked for ``test`` (see :func:`check_group_count`)."""
    names = list(result.groups)
    check_group_count(len(names), test)
    return names


def _group_index(result: CohortData, mem: Membership, test: str) -> tuple[list[str], np.ndarray]:
    names = tested_groups(result, test)
    position = {g: i for i, g in enumerate(names)}
    index = np.array([position.get(g, -1) if g is not None else -1 for g in mem.groups], int)
    return names, index


def group_tests(
    result: CohortData, test: str = "chi2", correction: str = "holm", lang: str = "en"
) -> StatTable:
    """Test, region by region, whether the share of drawings marking it differs by group.

    For each region the table marked / not marked × group is tested (drawings without a
    group are left out).  With two groups the row also gives the difference in proportions
    (first group minus second) with its 95 % confidence interval and the sample odds ratio.

    Parameters
    ----------
    result
        A grouped cohort result (``by``) that kept its rows.
    test
        ``"chi2"`` (Pearson's chi-square without continuity correction, any number of
        groups) or ``"fisher"`` (Fisher's exact test, two groups; ``statistic`` is then the
        sample odds ratio, as scipy reports it).
    correction
        ``"holm"`` (default), ``"bonferroni"`` or ``"fdr_bh"``, over the testable regions.
    lang
        Language of the region names.

    Returns
    -------
    StatTable
        Columns ``region``, ``name``, per group ``n_<group>``, ``count_<group>`` and
        ``percent_<group>``, then ``statistic``, ``p``, ``p_adjusted`` and, for two groups,
        ``diff``, ``diff_low``, ``diff_high`` (proportions) and ``odds_ratio``.

    Raises
    ------
    BodymapError
        With fewer than two groups, or Fisher's test with more than two.
    """
    check("test", test, STAT_TESTS)
    check("correction", correction, CORRECTIONS)
    stats, _, sms = _stats_modules()
    mem = membership(result, lang)
    names, index = _group_index(result, mem, test)
    k = len(names)
    n = np.array([(index == j).sum() for j in range(k)], dtype=np.int64)
    counts = np.stack([mem.matrix[index == j].sum(axis=0) for j in range(k)]).astype(np.int64)
    columns = ["region", "name"]
    for g in names:
        columns += [f"n_{g}", f"count_{g}", f"percent_{g}"]
    columns += ["statistic", "p", "p_adjusted"]
    if k == 2:
        columns += ["diff", "diff_low", "diff_high", "odds_ratio"]
    rows: list[dict[str, Any]] = []
    p_values: list[float | None] = []
    for r, rid in enumerate(mem.ids):
        row: dict[str, Any] = {"region": rid, "name": mem.names[r]}
        for j, g in enumerate(names):
            row[f"n_{g}"] = int(n[j])
            row[f"count_{g}"] = int(counts[j, r])
            row[f"percent_{g}"] = 100.0 * counts[j, r] / n[j] if n[j] else None
        table = np.stack([counts[:, r], n - counts[:, r]], axis=1)
        statistic: float | None
        p: float | None
        if test == "fisher":
            res = stats.fisher_exact(table)
            statistic, p = _finite(float(res.statistic)), float(res.pvalue)
        elif table[:, 0].sum() == 0 or table[:, 1].sum() == 0 or (n == 0).any():
            statistic = p = None
        else:
            res = stats.chi2_contingency(table, correction=False)
            statistic, p = float(res.statistic), float(res.pvalue)
        row["statistic"], row["p"] = statistic, p
        p_values.append(p)
        if k == 2:
            (c1, c2), (n1, n2) = counts[:, r], n
            if n1 and n2:
                low, high = sms.proportion.confint_proportions_2indep(
                    c1, n1, c2, n2, compare="diff", method="newcomb"
                )
                row["diff"] = float(c1 / n1 - c2 / n2)
                row["diff_low"], row["diff_high"] = float(low), float(high)
            else:
                row["diff"] = row["diff_low"] = row["diff_high"] = None
            with np.errstate(divide="ignore", invalid="ignore"):
                odds = np.float64(c1 * (n2 - c2)) / np.float64((n1 - c1) * c2)
            row["odds_ratio"] = _finite(float(odds))
        rows.append(row)
    for row, adjusted in zip(rows, _adjust(p_values, correction)):
        row["p_adjusted"] = adjusted
    kinds = {c: "float" for c in columns if c not in ("region", "name")}
    for g in names:
        kinds[f"n_{g}"] = kinds[f"count_{g}"] = "int"
    return StatTable(tuple(columns), tuple(rows), kinds)


def covariate_values(
    result: CohortData,
    covariate: str,
    values: Mapping[str, Any] | None = None,
    key: str = "subject",
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """The numeric covariate of every drawing: values, which rows have one, and problems.

    ``values`` maps a drawing's ``key`` (its subject) to the covariate; without it the rows'
    own ``covariate`` column is used (a table input's column).  A missing or non-numeric value
    is a problem (``source: reason``) and leaves that drawing out.
    """
    x = np.full(len(result.rows), np.nan)
    problems: list[str] = []
    for k, row in enumerate(result.rows):
        raw = values.get(str(row.get(key) or "")) if values is not None else row.get(covariate)
        where = row.get("source", f"row {k + 1}")
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            problems.append(f"{where}: no value of {covariate!r}; left out of the regression")
            continue
        try:
            value = float(raw)
        except (TypeError, ValueError):
            problems.append(
                f"{where}: {covariate!r} is not a number ({str(raw)[:40]!r}); left out of the "
                "regression"
            )
            continue
        if not math.isfinite(value):
            problems.append(f"{where}: {covariate!r} is not a finite number; left out")
            continue
        x[k] = value
    return x, ~np.isnan(x), problems


def regress(
    result: CohortData,
    covariate: str,
    values: Mapping[str, Any] | None = None,
    key: str = "subject",
    correction: str = "holm",
    lang: str = "en",
) -> StatTable:
    """Logistic regression, region by region, of marked (0/1) on one numeric covariate.

    Parameters
    ----------
    result
        A cohort result that kept its rows.
    covariate
        The covariate's name (``"age"``).
    values
        The covariate by drawing ``key`` (e.g. read from the groups table with
        :func:`~bodymap.analysis.cohort.read_groups`); default: the rows' own column.
    key
        The row column that ``values`` is keyed by.
    correction
        Multiple-comparison correction over the estimable regions.
    lang
        Language of the region names.

    Returns
    -------
    StatTable
        Columns ``region``, ``name``, ``n``, ``coef``, ``se``, ``odds_ratio`` (per unit of the
        covariate), ``p``, ``p_adjusted``, ``estimable`` and ``reason``.  A region that
        nobody or everybody marked, or whose fit separates perfectly or does not converge,
        and every region when the covariate has one value for all drawings, is not estimable
        (empty numbers, ``reason`` saying why).  ``problems`` names the drawings left out,
        and a covariate that does not vary.
    """
    check("correction", correction, CORRECTIONS)
    _, sm, _ = _stats_modules(logit=True)
    mem = membership(result, lang)
    x, keep, problems = covariate_values(result, covariate, values, key)
    if keep.sum() < 3:
        raise BodymapError(
            f"the regression on {covariate!r} needs at least 3 drawings with a value, "
            f"not {int(keep.sum())}"
        )
    design = sm.add_constant(x[keep], has_constant="add")
    constant = bool(np.ptp(x[keep]) == 0)
    if constant:
        problems.append(
            f"{covariate!r} has the one value {x[keep][0]:g} for all {int(keep.sum())} "
            "drawings: no region is estimable"
        )
    y_all = mem.matrix[keep]
    rows: list[dict[str, Any]] = []
    p_values: list[float | None] = []
    for r, rid in enumerate(mem.ids):
        y = y_all[:, r].astype(float)
        row: dict[str, Any] = {"region": rid, "name": mem.names[r], "n": int(keep.sum())}
        fit = NO_VARIANCE if constant else _logit(sm, y, design)
        if isinstance(fit, str):
            row.update(coef=None, se=None, odds_ratio=None, p=None, estimable=False, reason=fit)
        else:
            coef, se, p = fit
            row.update(coef=coef, se=se, odds_ratio=_finite(math.exp(coef)) if coef < 700 else None)
            row.update(p=p, estimable=True, reason=None)
        p_values.append(row["p"])
        rows.append(row)
    for row, adjusted in zip(rows, _adjust(p_values, correction)):
        row["p_adjusted"] = adjusted
    columns = (
        "region", "name", "n", "coef", "se", "odds_ratio", "p", "p_adjusted", "estimable",
        "reason",
    )  # fmt: skip
    kinds = {c: "float" for c in ("coef", "se", "odds_ratio", "p", "p_adjusted")}
    kinds.update(n="int", estimable="bool")
    ordered = tuple({c: r[c] for c in columns} for r in rows)
    return StatTable(columns, ordered, kinds, tuple(problems))


#: Why a region of the regression is not estimable (the ``reason`` column).
NO_VARIANCE = "the covariate does not vary"
ALL_OR_NONE = "marked by all drawings or by none"
NO_FIT = "the fit separates perfectly or does not converge"


def _logit(sm: Any, y: np.ndarray, design: np.ndarray) -> tuple[float, float, float] | str:
    """``(coef, se, p)`` of the covariate, or why the model is not estimable."""
    if y.min() == y.max():
        return ALL_OR_NONE
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            fit = sm.Logit(y, design).fit(disp=0, method="newton", maxiter=100)
        except Exception:  # perfect separation, a singular matrix, non-convergence
            return NO_FIT
    if not fit.mle_retvals.get("converged", False):
        return NO_FIT
    coef, se, p = float(fit.params[1]), float(fit.bse[1]), float(fit.pvalues[1])
    if not all(math.isfinite(v) for v in (coef, se, p)):
        return NO_FIT
    return coef, se, p


def body_order(mem: Membership) -> list[int]:
    """Region indices ordered by body area (head to foot), then view, then chart order."""
    rank = {a: i for i, a in enumerate(BODY_AREAS)}
    return sorted(
        range(len(mem.ids)),
        key=lambda i: (rank.get(mem.areas[i] or "", len(rank)), mem.views[i] != "front", i),
    )


@dataclass(frozen=True)
class Cooccurrence:
    """The region × region co-occurrence of a cohort.

    Attributes
    ----------
    membership
        The drawing × region matrix it was computed from.
    both
        ``int64`` ``(regions, regions)``: drawings marking both (the diagonal: marking one).
    association
        ``float`` ``(regions, regions)``: Jaccard or phi (NaN where undefined).
    measure
        ``"jaccard"`` or ``"phi"``.
    table
        One row per pair (``region_a``, ``region_b``, ``both``, ``association``, then the
        names), sorted by ``association``, highest first (undefined last).
    """

    membership: Membership
    both: np.ndarray
    association: np.ndarray
    measure: str
    table: StatTable

    def top(self, n: int = 10) -> list[dict[str, Any]]:
        """The ``n`` most associated pairs."""
        return list(self.table.rows[:n])


def cooccurrence(
    result: CohortData, association: str = "jaccard", lang: str = "en"
) -> Cooccurrence:
    """How often two regions are marked together, and how strongly they go together.

    Parameters
    ----------
    result
        A cohort result that kept its rows.
    association
        ``"jaccard"`` (both / either) or ``"phi"`` (the correlation of the two 0/1 columns).
    lang
        Language of the region names.

    Returns
    -------
    Cooccurrence
        The matrices and the table of pairs.
    """
    check("association", association, ASSOCIATIONS)
    mem = membership(result, lang)
    m = mem.matrix.astype(np.float64)  # BLAS; counts stay exact far beyond any cohort
    both = np.rint(m.T @ m).astype(np.int64)
    a = np.diag(both).astype(float)
    n = float(m.shape[0])
    with np.errstate(divide="ignore", invalid="ignore"):
        if association == "jaccard":
            assoc = both / (a[:, None] + a[None, :] - both)
        else:
            num = n * both - a[:, None] * a[None, :]
            den = np.sqrt(a * (n - a))
            assoc = num / (den[:, None] * den[None, :])
    i, j = np.triu_indices(len(mem.ids), k=1)
    values = assoc[i, j]
    undefined = np.isnan(values)
    order = np.lexsort((np.arange(len(i)), -np.nan_to_num(values), undefined)).tolist()
    rows = tuple(
        {
            "region_a": mem.ids[i[t]],
            "region_b": mem.ids[j[t]],
            "both": int(both[i[t], j[t]]),
            "association": None if math.isnan(values[t]) else float(values[t]),
            "name_a": mem.names[i[t]],
            "name_b": mem.names[j[t]],
        }
        for t in order
    )
    columns = ("region_a", "region_b", "both", "association", "name_a", "name_b")
    table = StatTable(columns, rows, {"both": "int", "association": "float"})
    return Cooccurrence(mem, both, assoc, association, table)


def fisher_exact_many(
    stats: Any, a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Fisher's exact test, two-sided, of many 2 × 2 tables ``[[a, b], [c, d]]`` at once.

    The same odds ratios and p-values as ``scipy.stats.fisher_exact(table)`` table by table:
    the same steps of scipy's algorithm (the mode of the hypergeometric distribution, the
    binary search for the other tail, the tails from ``hypergeom.cdf`` and ``hypergeom.sf``),
    each one a single vectorised call over every distinct table.

    Parameters
    ----------
    stats
        The ``scipy.stats`` module.
    a, b, c, d
        Non-negative whole-number arrays of one shape: the cells of each table.

    Returns
    -------
    tuple of numpy.ndarray
        The sample odds ratios (``nan`` for a table with an empty row or column, ``inf`` where
        ``b`` or ``c`` is zero) and the p-values, in the shape of ``a``.
    """
    cells = np.stack([np.asarray(v, dtype=np.int64).ravel() for v in (a, b, c, d)])
    shape = np.shape(a)
    if cells.shape[1] == 0:
        return np.full(shape, np.nan), np.full(shape, np.nan)
    unique, inverse = np.unique(cells, axis=1, return_inverse=True)
    c00, c01, c10, c11 = unique
    odds, p = _fisher_unique(stats, c00, c01, c10, c11)
    inverse = inverse.ravel()
    return odds[inverse].reshape(shape), p[inverse].reshape(shape)


def _fisher_unique(
    stats: Any, c00: np.ndarray, c01: np.ndarray, c10: np.ndarray, c11: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`fisher_exact_many` on distinct tables (scipy's two-sided algorithm, vectorised)."""
    hypergeom = stats.hypergeom
    n1, n2, n = c00 + c01, c10 + c11, c00 + c10
    total = n1 + n2
    empty = (n == 0) | (n == total) | (n1 == 0) | (n2 == 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        odds = np.where((c10 > 0) & (c01 > 0), (c00 * c11) / (c10 * c01), np.inf)
    odds[empty] = np.nan
    p = np.ones(len(c00))
    live = np.nonzero(~empty)[0]
    x, big, k, draws = c00[live], total[live], n1[live], n[live]

    def pmf(at: np.ndarray, rows: np.ndarray) -> np.ndarray:
        return hypergeom.pmf(at, big[rows], k[rows], draws[rows])  # type: ignore[no-any-return]

    everywhere = np.arange(len(live))
    mode = ((draws + 1) * (k + 1) / (big + 2)).astype(np.int64)
    pexact = pmf(x, everywhere)
    pmode = pmf(mode, everywhere)
    epsilon = 1e-14
    gamma = 1 + epsilon
    out = np.ones(len(live))
    at_mode = np.abs(pexact - pmode) / np.maximum(pexact, pmode) <= epsilon
    lower = ~at_mode & (x < mode)
    upper = ~at_mode & ~lower
    # Below the mode: the lower tail, plus the upper tail from where the pmf drops to pexact.
    tail = np.zeros(len(live))
    rows = np.nonzero(lower)[0]
    tail[rows] = hypergeom.cdf(x[rows], big[rows], k[rows], draws[rows])
    far = pmf(draws[rows], rows) > pexact[rows] * gamma
    out[rows[far]] = tail[rows[far]]
    rows = rows[~far]
    guess = _search(lambda at, r: -pmf(at, r), -pexact[rows] * gamma, mode[rows], draws[rows], rows)
    out[rows] = np.minimum(tail[rows] + hypergeom.sf(guess, big[rows], k[rows], draws[rows]), 1)
    # Above the mode: the upper tail, plus the lower tail up to where the pmf reaches pexact.
    rows = np.nonzero(upper)[0]
    tail[rows] = hypergeom.sf(x[rows] - 1, big[rows], k[rows], draws[rows])
    far = pmf(np.zeros_like(rows), rows) > pexact[rows] * gamma
    out[rows[far]] = tail[rows[far]]
    rows = rows[~far]
    guess = _search(pmf, pexact[rows] * gamma, np.zeros_like(rows), mode[rows], rows)
    out[rows] = np.minimum(tail[rows] + hypergeom.cdf(guess, big[rows], k[rows], draws[rows]), 1)
    p[live] = out
    return odds, p


def _search(
    fun: Any, target: np.ndarray, lo: np.ndarray, hi: np.ndarray, rows: np.ndarray
) -> np.ndarray:
    """The binary search of scipy's Fisher test, on many rows at once.

    For each row, ``i`` in ``[lo, hi]`` with ``fun(i) <= target < fun(i + 1)``, ``fun``
    ascending over the range (as ``scipy.stats._stats_py._binary_search`` finds it).
    """
    lo, hi = lo.copy(), hi.copy()
    found = np.full(len(rows), -1, dtype=np.int64)
    active = lo < hi
    while active.any():
        idx = np.nonzero(active)[0]
        mid = lo[idx] + (hi[idx] - lo[idx]) // 2
        value = fun(mid, rows[idx])
        below, above = value < target[idx], value > target[idx]
        lo[idx[below]] = mid[below] + 1
        hi[idx[above]] = mid[above] - 1
        hit = ~below & ~above
        found[idx[hit]] = mid[hit]
        active[idx[hit]] = False
        active &= lo < hi
    rest = np.nonzero(found < 0)[0]
    if len(rest):
        value = fun(lo[rest], rows[rest])
        found[rest] = np.where(value <= target[rest], lo[rest], lo[rest] - 1)
    return found


@dataclass(frozen=True)
class CellTest:
    """The group test on every frequency-grid cell (see :func:`cell_test`).

    Attributes
    ----------
    groups
        The group names, in order.
    n
        Drawings per group.
    statistic, p, p_adjusted, diff
        ``float`` arrays ``(views, ny, nx)``, NaN where a cell was not tested; ``diff`` is the
        share of the first group minus the second (two groups; NaN otherwise).
    tested
        ``bool`` ``(views, ny, nx)``: cells marked by at least ``min_count`` drawings and not
        by all of them.
    alpha
        Significance level of :attr:`significant`.
    """

    groups: tuple[str, ...]
    n: tuple[int, ...]
    statistic: np.ndarray
    p: np.ndarray
    p_adjusted: np.ndarray
    diff: np.ndarray
    tested: np.ndarray
    test: str
    correction: str
    min_count: int
    alpha: float = ALPHA

    @property
    def significant(self) -> np.ndarray:
        """Cells whose adjusted p is below :attr:`alpha`."""
        with np.errstate(invalid="ignore"):
            return self.tested & (self.p_adjusted < self.alpha)


def cell_test(
    result: CohortData,
    test: str = "chi2",
    correction: str = "fdr_bh",
    min_count: int = MIN_CELL_COUNT,
    alpha: float = ALPHA,
) -> CellTest:
    """The group test on every cell of the frequency grid, FDR-controlled by default.

    The chi-square statistic is computed for all cells at once (the same formula as
    ``chi2_contingency(..., correction=False)``: Σ (observed − expected)² / expected over the
    marked / not marked × group table, k − 1 degrees of freedom).

    Parameters
    ----------
    result
        A grouped cohort result.
    test
        ``"chi2"`` or ``"fisher"`` (two groups; :func:`fisher_exact_many`, the odds ratio and
        p-value of ``scipy.stats.fisher_exact`` for every tested cell, computed at once).
    correction
        ``"fdr_bh"`` (default), ``"holm"`` or ``"bonferroni"``, over all tested cells of
        both views.
    min_count
        Cells marked by fewer drawings (all groups together) are not tested.
    alpha
        Significance level of :attr:`CellTest.significant`.
    """
    check("test", test, STAT_TESTS)
    check("correction", correction, CORRECTIONS)
    if min_count < 1:
        raise BodymapError(f"the minimum cell count must be at least 1, not {min_count}")
    stats, _, sms = _stats_modules()
    names = tested_groups(result, test)
    n = np.array([result.groups[g].n for g in names], dtype=float)
    # One group's dense grids at a time: memory does not grow with the number of groups.
    total = np.zeros(result.total.grids.shape, dtype=np.int64)
    for g in names:
        total += result.groups[g].grids
    big_n = n.sum()
    tested = (total >= min_count) & (total < big_n)
    shape = total.shape
    statistic = np.full(shape, np.nan)
    p = np.full(shape, np.nan)
    where = np.nonzero(tested)
    t = total[where].astype(float)
    first: np.ndarray = np.zeros(0)
    if test == "chi2":
        stat = np.zeros(len(t))
        for j, g in enumerate(names):
            obs = result.groups[g].grids[where].astype(float)
            exp1 = n[j] * t / big_n
            exp0 = n[j] * (big_n - t) / big_n
            stat += ((obs - exp1) ** 2) / exp1 + (((n[j] - obs) - exp0) ** 2) / exp0
            if j == 0:
                first = obs
        statistic[where] = stat
        p[where] = stats.chi2.sf(stat, len(names) - 1)
    else:
        a = result.groups[names[0]].grids[where].astype(np.int64)
        b = result.groups[names[1]].grids[where].astype(np.int64)
        odds, pvalue = fisher_exact_many(stats, a, int(n[0]) - a, b, int(n[1]) - b)
        statistic[where], p[where] = odds, pvalue
        first = a.astype(float)
    p_adjusted = np.full(shape, np.nan)
    if len(t):
        p_adjusted[where] = sms.multitest.multipletests(p[where], method=correction)[1]
    diff = np.full(shape, np.nan)
    if len(names) == 2:
        with np.errstate(invalid="ignore", divide="ignore"):
            diff[where] = first / n[0] - (t - first) / n[1]
    return CellTest(
        groups=tuple(names),
        n=tuple(int(v) for v in n),
        statistic=statistic,
        p=p,
        p_adjusted=p_adjusted,
        diff=diff,
        tested=tested,
        test=test,
        correction=correction,
        min_count=min_count,
        alpha=alpha,
    )


@dataclass(frozen=True)
class Distributions:
    """Regions marked and pain extent per drawing, by group (``None``: all drawings)."""

    regions: Mapping[str | None, np.ndarray]
    extent: Mapping[str | None, np.ndarray]
    n_regions: int


def distributions(result: CohortData) -> Distributions:
    """The number of regions marked and the pain extent (% of the chart) of every drawing.

    Returns one array per group (or one for all drawings, keyed ``None``, without groups).
    """
    mem = membership(result)
    counts = mem.matrix.sum(axis=1)
    extent = np.array([float(r.get("extent_pct") or 0.0) for r in mem.rows])
    keys: list[str | None] = list(result.groups) or [None]
    groups = np.array([g if g is not None else "" for g in mem.groups], dtype=object)
    regions: dict[str | None, np.ndarray] = {}
    extents: dict[str | None, np.ndarray] = {}
    for key in keys:
        mask = np.ones(len(mem.rows), bool) if key is None else groups == key
        regions[key] = counts[mask]
        extents[key] = extent[mask]
    return Distributions(regions, extents, len(mem.ids))

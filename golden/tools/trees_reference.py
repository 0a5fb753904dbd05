#!/usr/bin/env python3
"""Reference learner for Comp-Critic's rolling-origin table (docs/comp-critic.md, issue #16).

LightGBM on every canonical column of data/ames-sales.csv, trained once per window on the
sales before the window starts (the protocol docs/avm.md gives for its reference point), valued
on the window's `normal` sales. Prints and writes per-window and pooled MdAPE and COD with
bootstrap noise (1,000 resamples within each window, seed 7). Given Comp-Critic's
predictions.csv for the same windows (`reos backtest --from A --to B --out DIR`), it also
reports the paired difference (Comp-Critic minus trees) with its bootstrap noise.

Not part of CI: it needs `pip install lightgbm pandas numpy` (PyPI). Usage:
    python3 golden/tools/trees_reference.py [--comp-critic DIR1,DIR2,DIR3] [--out FILE]
"""
import argparse
import json
import numpy as np
import pandas as pd
import lightgbm as lgb

WINDOWS = [("2007-07-01", "2007-12-31"), ("2008-01-01", "2008-06-30"), ("2008-07-01", "2009-06-30")]
CATEGORIES = ["sale_condition", "neighborhood", "property_type", "building_type", "stories",
              "exterior_condition", "heating_quality", "city", "state"]


def metrics(est, price):
    r = est / price
    med = np.median(r)
    return {"mdape": float(np.median(np.abs(r - 1))), "cod": float(100 * np.mean(np.abs(r - med)) / med)}


def noise(groups, reps=1000, seed=7):
    """SD of MdAPE and COD over resamples drawn within each group of (estimate, price) arrays."""
    rng = np.random.default_rng(seed)
    out = {"mdape": [], "cod": []}
    for _ in range(reps):
        est, price = [], []
        for e, p in groups:
            i = rng.integers(0, len(e), len(e))
            est.append(e[i]); price.append(p[i])
        m = metrics(np.concatenate(est), np.concatenate(price))
        for k in out:
            out[k].append(m[k])
    return {k: float(np.std(v, ddof=1)) for k, v in out.items()}


def paired(groups, reps=1000, seed=7):
    """Comp-Critic minus trees on the same resampled sales: mean difference and its SD."""
    rng = np.random.default_rng(seed)
    d = {"mdape": [], "cod": []}
    for _ in range(reps):
        cc, tr, pr = [], [], []
        for c, t, p in groups:
            i = rng.integers(0, len(c), len(c))
            cc.append(c[i]); tr.append(t[i]); pr.append(p[i])
        a, b = metrics(np.concatenate(cc), np.concatenate(pr)), metrics(np.concatenate(tr), np.concatenate(pr))
        for k in d:
            d[k].append(a[k] - b[k])
    return {k: {"mean": float(np.mean(v)), "sd": float(np.std(v, ddof=1))} for k, v in d.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", default="data/ames-sales.csv")
    ap.add_argument("--comp-critic", help="comma-separated folders with predictions.csv, one per window")
    ap.add_argument("--out", default="artifacts/backtest/trees-reference.json")
    args = ap.parse_args()
    df = pd.read_csv(args.csv, parse_dates=["sale_date"])
    for c in CATEGORIES:
        df[c] = df[c].astype("category")
    df["month"] = df.sale_date.dt.year * 12 + df.sale_date.dt.month
    feats = [c for c in df.columns if c not in ("sale_id", "sale_date", "sale_price")]
    dirs = args.comp_critic.split(",") if args.comp_critic else [None] * len(WINDOWS)
    result, groups, pairs = {"windows": []}, [], []
    for (a, b), d in zip(WINDOWS, dirs):
        a, b = pd.Timestamp(a), pd.Timestamp(b)
        subj = df[(df.sale_date >= a) & (df.sale_date <= b) & (df.sale_condition == "normal")]
        train = df[df.sale_date < a]
        model = lgb.LGBMRegressor(n_estimators=600, learning_rate=0.03, num_leaves=15, min_child_samples=10,
                                  subsample=0.8, subsample_freq=1, colsample_bytree=0.8, verbose=-1, random_state=1)
        model.fit(train[feats], np.log(train.sale_price))
        est = np.exp(model.predict(subj[feats]))
        price = subj.sale_price.to_numpy(float)
        w = {"from": str(a.date()), "to": str(b.date()), "n": len(subj), **metrics(est, price),
             "noise": noise([(est, price)])}
        groups.append((est, price))
        if d:
            cc = pd.read_csv(f"{d}/predictions.csv").set_index("sale_id").loc[subj.sale_id, "estimate"].to_numpy(float)
            w["comp_critic"] = metrics(cc, price)
            w["comp_critic_minus_trees"] = paired([(cc, est, price)])
            pairs.append((cc, est, price))
        result["windows"].append(w)
        print(f"{w['from']} … {w['to']}  n {w['n']}  trees MdAPE {100 * w['mdape']:.2f}%  COD {w['cod']:.2f}"
              + (f"  | Comp-Critic {100 * w['comp_critic']['mdape']:.2f}% / {w['comp_critic']['cod']:.2f}" if d else ""))
    est = np.concatenate([g[0] for g in groups]); price = np.concatenate([g[1] for g in groups])
    result["pooled"] = {"n": len(price), **metrics(est, price), "noise": noise(groups)}
    print(f"pooled  n {len(price)}  trees MdAPE {100 * result['pooled']['mdape']:.2f}%  COD {result['pooled']['cod']:.2f}")
    if pairs:
        cc = np.concatenate([p[0] for p in pairs])
        result["pooled"]["comp_critic"] = metrics(cc, price)
        result["pooled"]["comp_critic_minus_trees"] = d = paired(pairs)
        print(f"pooled Comp-Critic minus trees: MdAPE {100 * d['mdape']['mean']:+.2f} ± {100 * d['mdape']['sd']:.2f} pp, "
              f"COD {d['cod']['mean']:+.2f} ± {d['cod']['sd']:.2f}")
    result["what"] = "LightGBM reference on the rolling windows (golden/tools/trees_reference.py)"
    result["lightgbm"] = lgb.__version__
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1)
    print("wrote", args.out)


if __name__ == "__main__":
    main()

"""The PyTorch-eager side of `losslab bench`: forward + backward of each loss's formula written
in plain PyTorch, on float32 logits already in memory, at the thread count given; and one training
step of an MLP (Linear, tanh, Linear; cross-entropy; SGD with momentum 0.9).

With "check": {"logits", "labels"} in its arguments it instead prints each loss's float64 value and
gradient there ({"torch": version, "check": {loss: {"value", "grad"}}}), which the tests compare with
LossLab's. Otherwise it prints one JSON object {"torch": version, "threads": n, "results": [{"loss", "n", "c", "ms"}],
"step_ms": ms or null, "blas": path or null}, each "ms" the smallest over `rounds` rounds of the median over the repeats
(between rounds, timings on a shared 2-core machine can differ by 3x).
"""
import json
import os
import math
import sys
import time

import torch
import torch.nn.functional as F


def cross_entropy(x, y):
    return F.cross_entropy(x, y)


def focal(x, y, gamma=2.0):
    logp_y = F.log_softmax(x, dim=1).gather(1, y[:, None]).squeeze(1)
    return (-(1 - logp_y.exp()).pow(gamma) * logp_y).mean()


def comp_sum(x, y, tau=0.5):
    # comp-sum with tau != 1: ((sum_k exp(x_k - x_y))^(1-tau) - 1) / (1 - tau)
    s = torch.logsumexp(x - x.gather(1, y[:, None]), dim=1)
    return (torch.expm1((1 - tau) * s) / (1 - tau)).mean()


def ldr_kl(x, y, lam=10.0, margin=0.1):
    sp = F.softplus(x)
    s = sp / sp.mean(dim=1, keepdim=True)
    delta = torch.full_like(s, margin).scatter_(1, y[:, None], 0.0)
    z = (delta + s - s.gather(1, y[:, None])) / lam
    return (lam * (torch.logsumexp(z, dim=1) - math.log(x.shape[1]))).mean()


def label_smoothing(x, y, smoothing=0.1):
    return F.cross_entropy(x, y, label_smoothing=smoothing)


def p_y(x, y):
    return F.softmax(x, dim=1).gather(1, y[:, None]).squeeze(1)


def gce(x, y, q=0.7):
    return ((1 - p_y(x, y).pow(q)) / q).mean()


def mae(x, y):
    return (1 - p_y(x, y)).mean()


def sum_exponential(x, y):
    return torch.exp(x - x.gather(1, y[:, None])).sum(dim=1).sub(1).mean()


def sce(x, y, b=0.5):
    ce = F.cross_entropy(x, y, reduction="none")
    return ((1 - b) * ce + 4 * b * (1 - p_y(x, y))).mean()


def prob_mse(x, y):
    p = F.softmax(x, dim=1)
    return (F.one_hot(y, x.shape[1]).to(p.dtype) - p).pow(2).sum(dim=1).mean()


def js(x, y, pi1=0.5):
    # paper 09's official JS: Z * [pi1 KL(e_y || m) + pi2 KL(p || m)], m = pi1 e_y + pi2 p
    pi2 = 1 - pi1
    p = F.softmax(x, dim=1)
    e = F.one_hot(y, x.shape[1]).to(p.dtype)
    log_m = (pi1 * e + pi2 * p).clamp(1e-7, 1).log()
    kl_e = (e * (e.clamp_min(1e-7).log() - log_m)).sum(dim=1)
    kl_p = (p * (p.clamp_min(1e-7).log() - log_m)).sum(dim=1)
    z = -1 / ((1 - pi1) * math.log(1 - pi1))
    return (z * (pi1 * kl_e + pi2 * kl_p)).mean()


def rll(x, y, alpha=1.0):
    # the official code's form: -log(alpha + p_y) + (1/(K-1)) log sum_k (exp(u_k) + alpha), u_k = [k != y] o_k - sum_j o_j
    k = x.shape[1]
    u = x.scatter(1, y[:, None], 0.0) - x.sum(dim=1, keepdim=True)
    return (-(alpha + p_y(x, y)).log() + torch.log(u.exp().sum(dim=1) + k * alpha) / (k - 1)).mean()


def nce_rce(x, y, alpha=5.0):
    logp = F.log_softmax(x, dim=1)
    nce = logp.gather(1, y[:, None]).squeeze(1) / logp.sum(dim=1)
    p = logp.exp().clamp(1e-7, 1)
    rce = -math.log(1e-4) * (p.sum(dim=1) - p.gather(1, y[:, None]).squeeze(1))
    return (alpha * nce + (10 - alpha) * rce).mean()


def hinge_terms(x, y, margin):
    c = torch.full_like(x, margin).scatter_(1, y[:, None], 0.0)
    return (c + x - x.gather(1, y[:, None])).clamp_min(0)


def crammer_singer(x, y, margin=1.0):
    return hinge_terms(x, y, margin).max(dim=1).values.mean()


def weston_watkins(x, y, margin=1.0):
    return hinge_terms(x, y, margin).mean(dim=1).mean()



def tgce(x, y, q=0.7, k=0.5):
    # one evaluation prunes nothing (pruning runs between epochs), so every sample is kept: GCE
    return gce(x, y, q)


def nce_agce(x, y, alpha=5.0, a=3.0, q=1.5):
    logp = F.log_softmax(x, dim=1)
    logp_y = logp.gather(1, y[:, None]).squeeze(1)
    agce = ((a + 1) ** q - (a + logp_y.exp()).pow(q)) / q
    return (alpha * logp_y / logp.sum(dim=1) + (10 - alpha) * agce).mean()


def nce_aul(x, y, alpha=5.0, a=6.0, q=1.5):
    logp = F.log_softmax(x, dim=1)
    logp_y = logp.gather(1, y[:, None]).squeeze(1)
    aul = ((a - logp_y.exp()).pow(q) - (a - 1) ** q) / q
    return (alpha * logp_y / logp.sum(dim=1) + (10 - alpha) * aul).mean()


def aldr_kl(x, y, lam0=10.0, alpha=2.0, margin=0.1):
    # paper 09's ALDRLoss_V1 with l1-mean scores on a first call (every previous lambda is lambda0)
    k = x.shape[1]
    s = x / x.abs().mean(dim=1, keepdim=True).clamp_min(1e-12)
    with torch.no_grad():
        p = F.softmax(s / lam0, dim=1) + 1e-5
        p = p / p.sum(dim=1, keepdim=True)
        lam = lam0 - lam0 * (p * (k * p).log()).sum(dim=1) / (alpha * math.log(k))
    delta = torch.full_like(s, margin).scatter_(1, y[:, None], 0.0)
    z = (delta + s - s.gather(1, y[:, None])) / lam[:, None]
    penalty = alpha * math.log(k) / (2 * lam0) * (lam - lam0) ** 2
    return (lam * (torch.logsumexp(z, dim=1) - math.log(k)) - penalty).mean()


def l2_svm(x, y, c=0.5):
    # paper 31's data term (no output weights given): c * sum_k max(0, 1 - t_k x_k)^2, t in {-1, +1}
    t = F.one_hot(y, x.shape[1]).to(x.dtype) * 2 - 1
    return (c * (1 - t * x).clamp_min(0).pow(2).sum(dim=1)).mean()


def stablemax_ce(x, y):
    # paper 44: s(x) = x + 1 (x >= 0), 1 / (1 - x) (x < 0), in float64 as its official code computes it
    xd = x.double()
    sx = torch.where(xd >= 0, xd + 1, 1 / (1 - xd.clamp_max(0)))
    return (sx.sum(dim=1).log() - sx.gather(1, y[:, None]).squeeze(1).log()).mean()


def z_loss(x, y, a=1.0, b=0.0):
    mu = x.mean(dim=1, keepdim=True)
    sigma = ((x - mu).pow(2).mean(dim=1) + 1e-24).sqrt()
    z = (x.gather(1, y[:, None]).squeeze(1) - mu.squeeze(1)) / sigma
    return (F.softplus(a * (b - z)) / a).mean()


def spherical_mse(x, y):
    return (x.pow(2).sum(dim=1) - 2 * x.gather(1, y[:, None]).squeeze(1) + 1).mean()


def log_taylor_softmax(x, y):
    oc = x.gather(1, y[:, None]).squeeze(1)
    den = x.shape[1] + x.sum(dim=1) + x.pow(2).sum(dim=1) / 2
    return (den.log() - (1 + oc + oc * oc / 2).log()).mean()


def log_spherical_softmax(x, y, eps=0.01):
    oc = x.gather(1, y[:, None]).squeeze(1)
    return ((x.pow(2).sum(dim=1) + x.shape[1] * eps).log() - (oc * oc + eps).log()).mean()

LOSSES = {"cross-entropy": cross_entropy, "focal": focal, "comp-sum": comp_sum, "ldr-kl": ldr_kl, "label-smoothing": label_smoothing,
          "gce": gce, "mae": mae, "sum-exponential": sum_exponential, "sce": sce, "prob-mse": prob_mse, "js": js, "rll": rll,
          "nce-rce": nce_rce, "crammer-singer-hinge": crammer_singer, "weston-watkins-hinge": weston_watkins,
          "tgce": tgce, "nce-agce": nce_agce, "nce-aul": nce_aul, "aldr-kl": aldr_kl, "l2-svm": l2_svm, "stablemax-ce": stablemax_ce,
          "z-loss": z_loss, "spherical-mse": spherical_mse, "log-taylor-softmax": log_taylor_softmax,
          "log-spherical-softmax": log_spherical_softmax}


def time_one(fn, x, y, repeats):
    samples = []
    for r in range(repeats + 2):
        x.grad = None
        start = time.perf_counter()
        fn(x, y).backward()
        elapsed = time.perf_counter() - start
        if r >= 2:
            samples.append(elapsed * 1e3)
    samples.sort()
    return samples[len(samples) // 2]


def training_step(d, hidden, classes, batch, repeats):
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(d, hidden), torch.nn.Tanh(), torch.nn.Linear(hidden, classes))
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    x = torch.randn(batch, d)
    y = torch.randint(0, classes, (batch,))
    samples = []
    for r in range(repeats + 20):
        start = time.perf_counter()
        opt.zero_grad(set_to_none=False)
        F.cross_entropy(model(x), y).backward()
        opt.step()
        elapsed = time.perf_counter() - start
        if r >= 20:
            samples.append(elapsed * 1e3)
    samples.sort()
    return samples[len(samples) // 2]


def blas_library():
    """The BLAS library this process mapped, or None when torch carries its own (pip wheels link MKL
    statically). Debian's python3-torch calls libblas.so.3, which the alternatives system points at
    the reference BLAS unless OpenBLAS is installed; matrix products there are about ten times slower."""
    with open("/proc/self/maps") as maps:
        for line in maps:
            fields = line.split()
            if len(fields) >= 6 and ("blas" in os.path.basename(fields[-1]) or "mkl" in os.path.basename(fields[-1])):
                return os.path.realpath(fields[-1])
    return None


def check(losses, logits, labels):
    """Each loss's float64 batch mean and its gradient for the given logits and labels."""
    x0 = torch.tensor(logits, dtype=torch.float64)
    y = torch.tensor(labels)
    out = {}
    for name in losses:
        x = x0.clone().requires_grad_(True)
        value = LOSSES[name](x, y)
        value.backward()
        out[name] = {"value": value.item(), "grad": x.grad.tolist()}
    return out


def main():
    args = json.loads(sys.argv[1])
    torch.set_num_threads(args["threads"])
    if "check" in args:
        print(json.dumps({"torch": torch.__version__, "check": check(args["losses"], args["check"]["logits"], args["check"]["labels"])}))
        return
    torch.manual_seed(0)
    results = []
    for n, c, repeats in args["sizes"]:
        x = torch.randn(n, c, dtype=torch.float32, requires_grad=True)
        y = torch.randint(0, c, (n,))
        names = [name for name in args["losses"] if name in LOSSES]
        best = {name: float("inf") for name in names}
        for _ in range(args.get("rounds", 1)):  # rounds run across the losses in turn, as on the Java side
            for name in names:
                best[name] = min(best[name], time_one(LOSSES[name], x, y, repeats))
        results.extend({"loss": name, "n": n, "c": c, "ms": best[name]} for name in names)
        del x
    step = args.get("step")
    step_ms = min(training_step(*step) for _ in range(args.get("rounds", 1))) if step else None
    print(json.dumps({"torch": torch.__version__, "threads": args["threads"], "results": results, "step_ms": step_ms, "blas": blas_library()}))


if __name__ == "__main__":
    main()

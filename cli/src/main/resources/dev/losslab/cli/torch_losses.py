"""The PyTorch-eager side of `losslab bench`: forward + backward of each loss's formula written
in plain PyTorch, on float32 logits already in memory, at the thread count given; and one training
step of an MLP (Linear, tanh, Linear; cross-entropy; SGD with momentum 0.9).

Prints one JSON object {"torch": version, "threads": n, "results": [{"loss", "n", "c", "ms"}],
"step_ms": ms or null}, each "ms" the smallest over `rounds` rounds of the median over the repeats
(between rounds, timings on a shared 2-core machine can differ by 3x).
"""
import json
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


LOSSES = {"cross-entropy": cross_entropy, "focal": focal, "comp-sum": comp_sum, "ldr-kl": ldr_kl, "label-smoothing": label_smoothing,
          "gce": gce, "mae": mae, "sum-exponential": sum_exponential, "sce": sce, "prob-mse": prob_mse, "js": js, "rll": rll,
          "nce-rce": nce_rce, "crammer-singer-hinge": crammer_singer, "weston-watkins-hinge": weston_watkins}


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


def main():
    args = json.loads(sys.argv[1])
    torch.set_num_threads(args["threads"])
    torch.manual_seed(0)
    results = []
    for n, c, repeats in args["sizes"]:
        x = torch.randn(n, c, dtype=torch.float32, requires_grad=True)
        y = torch.randint(0, c, (n,))
        for name in args["losses"]:
            if name in LOSSES:
                ms = min(time_one(LOSSES[name], x, y, repeats) for _ in range(args.get("rounds", 1)))
                results.append({"loss": name, "n": n, "c": c, "ms": ms})
        del x
    step = args.get("step")
    step_ms = min(training_step(*step) for _ in range(args.get("rounds", 1))) if step else None
    print(json.dumps({"torch": torch.__version__, "threads": args["threads"], "results": results, "step_ms": step_ms}))


if __name__ == "__main__":
    main()
